package fr.jalon.review;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A task's drafts go with it: every user task of every deployed process (whatever the programme) gets a built-in
 * listener that deletes them when the task completes (in the transaction of the decision) or is deleted (a
 * withdrawal, an escalation, an interrupting event), even when custom listeners are skipped.
 */
@Component
class DraftsFollowTasks extends AbstractProcessEnginePlugin {

	private final DraftTable drafts;

	DraftsFollowTasks(DraftTable drafts) {
		this.drafts = drafts;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomPostBPMNParseListeners() == null) {
			configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
		}
		TaskListener forget = (DelegateTask task) -> drafts.deleteAll(task.getId());
		configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {

			@Override
			public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
				if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
					userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, forget);
					userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, forget);
				}
			}

		});
	}

}
