package fr.jalon.workflow;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import fr.jalon.referential.KnownSteps;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/** The user tasks of the latest deployed process of each programme: the steps stage rules may name. */
@Component
class DeployedSteps implements KnownSteps {

	private static final Map<String, String> PROCESSES = Map.of("ecoquartier", ProcessKeys.ECOQUARTIER_LABEL, "pvd",
			ProcessKeys.PVD_SELECTION);

	private final RepositoryService repository;

	DeployedSteps(RepositoryService repository) {
		this.repository = repository;
	}

	@Override
	public Set<String> of(String programme) {
		String key = PROCESSES.get(programme);
		if (key == null) {
			return Set.of();
		}
		ProcessDefinition definition = repository.createProcessDefinitionQuery()
			.processDefinitionKey(key)
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
