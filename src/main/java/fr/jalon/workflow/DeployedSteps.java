package fr.jalon.workflow;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.jalon.referential.KnownSteps;
import fr.jalon.referential.Referential;
import fr.jalon.system.InvalidInput.FieldError;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * The latest deployed process of a programme (its id is the programme's): the steps stage rules may name,
 * and the checks a referential must pass to run with it.
 */
@Component
class DeployedSteps implements KnownSteps {

	private final RepositoryService repository;

	private final ProcessValidator validator;

	DeployedSteps(RepositoryService repository, ProcessValidator validator) {
		this.repository = repository;
		this.validator = validator;
	}

	@Override
	public Set<String> of(String programme) {
		return latest(programme).map(ProcessValidator::userTasks).orElse(Set.of());
	}

	@Override
	public List<FieldError> processFaults(Referential referential) {
		return latest(referential.programme()).map(model -> validator.check(model, referential)).orElse(List.of());
	}

	private Optional<BpmnModelInstance> latest(String programme) {
		ProcessDefinition definition = repository.createProcessDefinitionQuery()
			.processDefinitionKey(programme)
			.latestVersion()
			.singleResult();
		return Optional.ofNullable(definition).map(found -> repository.getBpmnModelInstance(found.getId()));
	}

}
