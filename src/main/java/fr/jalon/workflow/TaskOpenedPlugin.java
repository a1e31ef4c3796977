package fr.jalon.workflow;

import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every user task of every programme, on creation, publishes a {@link TaskOpened} (in the engine's, thus the
 * caller's, transaction): who may act is told without any programme declaring a listener of its own.
 */
@Component
class TaskOpenedPlugin extends AbstractProcessEnginePlugin {

	private final ApplicationEventPublisher events;

	TaskOpenedPlugin(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		TaskListener opened = this::opened;
		if (configuration.getCustomPostBPMNParseListeners() == null) {
			configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
		}
		configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {

			@Override
			public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
				if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
					behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, opened);
				}
			}

		});
	}

	private void opened(DelegateTask task) {
		List<String> groups = task.getCandidates()
			.stream()
			.map(link -> link.getGroupId())
			.filter(Objects::nonNull)
			.toList();
		events.publishEvent(new TaskOpened(task.getExecution().getProcessBusinessKey(), task.getId(),
				task.getTaskDefinitionKey(), task.getName(), groups, task.getAssignee()));
	}

}
