package fr.jalon.review;

import java.util.LinkedHashSet;
import java.util.Set;

import fr.jalon.candidacy.SealedMarks;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The rule of twin expertises ({@link Step#distinctFrom}), for what one sees: whoever may still act on such a step
 * of the candidacy (assigned to it, or a candidate of an unassigned one, and not having acted on its twin) sees
 * neither the twin step's assessment source nor its comment, until submitting. Administrators see everything.
 */
@Component
class TwinMarks implements SealedMarks {

	private final TaskService tasks;

	private final HistoryService history;

	private final Steps steps;

	private final RuntimeService runtime;

	TwinMarks(TaskService tasks, HistoryService history, Steps steps, RuntimeService runtime) {
		this.runtime = runtime;
		this.tasks = tasks;
		this.history = history;
		this.steps = steps;
	}

	@Override
	public Sealed of(JalonUser user, String candidacyId) {
		if (user.is(Role.ADMIN) || user.groups().isEmpty()) {
			return Sealed.NONE;
		}
		Set<String> sources = new LinkedHashSet<>();
		Set<String> sealedSteps = new LinkedHashSet<>();
		for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(candidacyId).list()) {
			Step step = steps.of(task);
			if (step.distinctFrom() == null || !mayAct(user, task) || actedOn(history, user, task, step.distinctFrom())) {
				continue;
			}
			Step twin = steps.of(task.getProcessDefinitionId(), step.distinctFrom());
			if (twin.assessmentSource() != null) {
				sources.add(twin.assessmentSource());
			}
			sealedSteps.add(twin.key());
		}
		return sources.isEmpty() && sealedSteps.isEmpty() ? Sealed.NONE : new Sealed(sources, sealedSteps);
	}

	/**
	 * The same rule over many candidacies at once: the tasks the user may act on (assigned to them, or offered to their
	 * groups unassigned), whatever the number of candidacies, then the twin steps of those that have one.
	 */
	@Override
	public java.util.Map<String, Sealed> of(JalonUser user, java.util.Collection<String> candidacyIds) {
		if (user.is(Role.ADMIN) || user.groups().isEmpty() || candidacyIds.isEmpty()) {
			return java.util.Map.of();
		}
		java.util.List<Task> mine = new java.util.ArrayList<>(
				tasks.createTaskQuery().taskAssignee(user.getUsername()).list());
		mine.addAll(tasks.createTaskQuery().taskCandidateGroupIn(user.groups()).list());
		java.util.List<Task> twins = mine.stream().filter(task -> steps.of(task).distinctFrom() != null).toList();
		if (twins.isEmpty()) {
			return java.util.Map.of();
		}
		java.util.Map<String, String> keys = new java.util.HashMap<>();
		runtime.createProcessInstanceQuery()
			.processInstanceIds(twins.stream().map(Task::getProcessInstanceId).collect(java.util.stream.Collectors.toSet()))
			.list()
			.forEach(instance -> keys.put(instance.getId(), instance.getBusinessKey()));
		java.util.Set<String> wanted = java.util.Set.copyOf(candidacyIds);
		java.util.Map<String, Set<String>> sources = new java.util.HashMap<>();
		java.util.Map<String, Set<String>> sealedSteps = new java.util.HashMap<>();
		for (Task task : twins) {
			String candidacy = keys.get(task.getProcessInstanceId());
			Step step = steps.of(task);
			if (candidacy == null || !wanted.contains(candidacy)
					|| actedOn(history, user, task, step.distinctFrom())) {
				continue;
			}
			Step twin = steps.of(task.getProcessDefinitionId(), step.distinctFrom());
			if (twin.assessmentSource() != null) {
				sources.computeIfAbsent(candidacy, key -> new LinkedHashSet<>()).add(twin.assessmentSource());
			}
			sealedSteps.computeIfAbsent(candidacy, key -> new LinkedHashSet<>()).add(twin.key());
		}
		java.util.Map<String, Sealed> sealed = new java.util.HashMap<>();
		sealedSteps.forEach((candidacy, keyed) -> sealed.put(candidacy,
				new Sealed(sources.getOrDefault(candidacy, Set.of()), keyed)));
		return sealed;
	}

	private boolean mayAct(JalonUser user, Task task) {
		if (task.getAssignee() != null) {
			return user.getUsername().equals(task.getAssignee());
		}
		try {
			return tasks.getIdentityLinksForTask(task.getId())
				.stream()
				.anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null
						&& user.groups().contains(link.getGroupId()));
		}
		catch (org.camunda.bpm.engine.exception.NullValueException e) {
			return false; // completed meanwhile
		}
	}

	/** Whether the user took or completed that step (the twin) of the task's process instance. */
	static boolean actedOn(HistoryService history, JalonUser user, Task task, String twin) {
		return history.createHistoricTaskInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.taskDefinitionKey(twin)
			.taskAssignee(user.getUsername())
			.count() > 0;
	}

}
