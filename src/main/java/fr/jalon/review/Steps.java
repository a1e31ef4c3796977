package fr.jalon.review;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import fr.jalon.workflow.TaskProperties;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/** Reads each user task's step definition from its process model, once per deployed version. */
@Component
class Steps {

	private final RepositoryService repository;

	private final Map<String, Step> cache = new ConcurrentHashMap<>();

	/** Step names by process version and key: a deployed version never changes. */
	private final Map<String, java.util.Optional<String>> names = new ConcurrentHashMap<>();

	/** The pairs of steps to be done apart, by process version. */
	private final Map<String, java.util.List<Twins>> twinsOf = new ConcurrentHashMap<>();

	Steps(RepositoryService repository) {
		this.repository = repository;
	}

	Step of(Task task) {
		return of(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
	}

	/**
	 * The name of a step in that version of the programme's process (its latest when the version is null),
	 * if it has a user task of that key. A deployed version never changes: its answers are kept.
	 */
	java.util.Optional<String> name(String programme, Integer version, String key) {
		if (version == null) {
			return name(repository.createProcessDefinitionQuery().processDefinitionKey(programme).latestVersion(), key);
		}
		return names.computeIfAbsent(programme + ":" + version + "#" + key, id -> name(
				repository.createProcessDefinitionQuery().processDefinitionKey(programme).processDefinitionVersion(version),
				key));
	}

	private java.util.Optional<String> name(org.camunda.bpm.engine.repository.ProcessDefinitionQuery query, String key) {
		var definition = query.singleResult();
		if (definition == null || !(repository.getBpmnModelInstance(definition.getId())
			.getModelElementById(key) instanceof UserTask)) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.ofNullable(of(definition.getId(), key).name());
	}

	/** A step to be done apart from another of the same process instance ({@link Step#distinctFrom}). */
	record Twins(String key, String twin) {
	}

	/**
	 * Every pair of steps to be done apart, with the process versions that declare it: one query for the deployed
	 * versions; each version's model is read once, a deployed version never changing.
	 */
	Map<Twins, java.util.List<String>> twins() {
		Map<Twins, java.util.List<String>> found = new java.util.LinkedHashMap<>();
		for (var definition : repository.createProcessDefinitionQuery().list()) {
			twinsOf.computeIfAbsent(definition.getId(), this::readTwins)
				.forEach(pair -> found.computeIfAbsent(pair, p -> new java.util.ArrayList<>()).add(definition.getId()));
		}
		return found;
	}

	private java.util.List<Twins> readTwins(String processDefinitionId) {
		return repository.getBpmnModelInstance(processDefinitionId)
			.getModelElementsByType(UserTask.class)
			.stream()
			.map(task -> of(processDefinitionId, task.getId()))
			.filter(step -> step.distinctFrom() != null)
			.map(step -> new Twins(step.key(), step.distinctFrom()))
			.toList();
	}

	Step of(String processDefinitionId, String key) {
		return cache.computeIfAbsent(processDefinitionId + "#" + key, id -> read(processDefinitionId, key));
	}

	private Step read(String processDefinitionId, String key) {
		UserTask task = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(key);
		Map<String, String> properties = TaskProperties.of(task);
		return new Step(key, task.getName(), TaskProperties.outcomes(properties), actor(task.getCamundaCandidateGroups()),
				properties.get("assessmentSource"), properties.get("indicatorField"), properties.get("distinctFrom"),
				properties.get("recordsActorAs"), "true".equals(properties.get("showsEvaluation")),
				TaskProperties.shows(properties), TaskProperties.documentsOf(properties),
				TaskProperties.requiresComment(properties));
	}

	/** The role of a candidate group: {@code DDT} of {@code DDT:${departement}}. */
	static String actor(String candidateGroups) {
		if (candidateGroups == null || candidateGroups.isBlank()) {
			return null;
		}
		String group = candidateGroups.split(",")[0].strip();
		int colon = group.indexOf(':');
		return colon < 0 ? group : group.substring(0, colon);
	}

}
