package fr.jalon.workflow;

import java.util.Set;
import java.util.stream.Collectors;

import fr.jalon.referential.KnownSteps;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/** The user tasks of the latest deployed process of a programme (its id is the programme's): the steps stage rules may name. */
@Component
class DeployedSteps implements KnownSteps {

	private final RepositoryService repository;

	DeployedSteps(RepositoryService repository) {
		this.repository = repository;
	}

	@Override
	public Set<String> of(String programme) {
		ProcessDefinition definition = repository.createProcessDefinitionQuery()
			.processDefinitionKey(programme)
			.latestVersion()
			.singleResult();
		if (definition == null) {
			return Set.of();
		}
		return repository.getBpmnModelInstance(definition.getId())
			.getModelElementsByType(UserTask.class)
			.stream()
			.map(UserTask::getId)
			.collect(Collectors.toSet());
	}

}
