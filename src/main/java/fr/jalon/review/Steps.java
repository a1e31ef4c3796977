package fr.jalon.review;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import fr.jalon.candidacy.AssessmentSource;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/** Reads each user task's step definition from its process model, once per deployed version. */
@Component
class Steps {

	private final RepositoryService repository;

	private final Map<String, Step> cache = new ConcurrentHashMap<>();

	Steps(RepositoryService repository) {
		this.repository = repository;
	}

	Step of(Task task) {
		return of(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
	}

	Step of(String processDefinitionId, String key) {
		return cache.computeIfAbsent(processDefinitionId + "#" + key, id -> read(processDefinitionId, key));
	}

	private Step read(String processDefinitionId, String key) {
		UserTask task = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(key);
		Map<String, String> properties = task.getExtensionElements() == null ? Map.of()
				: task.getExtensionElements()
					.getElementsQuery()
					.filterByType(CamundaProperties.class)
					.list()
					.stream()
					.flatMap(list -> list.getCamundaProperties().stream())
					.collect(Collectors.toMap(CamundaProperty::getCamundaName, CamundaProperty::getCamundaValue));
		List<String> outcomes = Arrays.stream(properties.getOrDefault("outcomes", "").split(","))
			.map(String::strip)
			.filter(outcome -> !outcome.isEmpty())
			.toList();
		String source = properties.get("assessmentSource");
		return new Step(key, task.getName(), outcomes, properties.get("actor"),
				source == null ? null : AssessmentSource.valueOf(source), properties.get("indicatorField"),
				properties.get("distinctFrom"), properties.get("recordsActorAs"));
	}

}
