package fr.jalon.review;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.SingleLine;
import jakarta.validation.Valid;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.jalon.candidacy.Candidacy;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.Completion;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.security.Visibilities;
import fr.jalon.security.Visibility;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.Incomplete;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.workflow.EngineConflicts;
import fr.jalon.workflow.ProcessKeys;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The human steps of every process, as the product shows them, and who may act on which. */
@Service
@Validated
public class ReviewService {

	private final TaskService tasks;

	private final HistoryService history;

	private final CandidacyService candidacies;

	private final Steps steps;

	private final Visibilities visibilities;

	ReviewService(TaskService tasks, HistoryService history, CandidacyService candidacies, Steps steps,
			Visibilities visibilities) {
		this.visibilities = visibilities;
		this.tasks = tasks;
		this.history = history;
		this.candidacies = candidacies;
		this.steps = steps;
	}

	/** The open tasks the user may act on (every open task, for an administrator), oldest first. */
	@Transactional(readOnly = true)
	public List<TaskView> list(JalonUser user, @SingleLine String candidacy) {
		Visibility visibility = visibilities.of(user);
		if (candidacy != null) {
			candidacies.visible(user, candidacy);
		}
		Map<String, Task> found = new LinkedHashMap<>();
		if (user.is(Role.ADMIN)) {
			query(candidacy).list().forEach(task -> found.put(task.getId(), task));
		}
		else {
			query(candidacy).taskAssignee(user.getUsername()).list().forEach(task -> found.put(task.getId(), task));
			query(candidacy).taskCandidateGroupIn(user.groups())
				.list()
				.forEach(task -> found.putIfAbsent(task.getId(), task));
		}
		return found.values()
			.stream()
			.sorted((a, b) -> a.getCreateTime().compareTo(b.getCreateTime()))
			.filter(task -> user.is(Role.ADMIN) || !actedOnTwin(user, task))
			.flatMap(task -> candidacies.findVisible(visibility, businessKey(task)).map(c -> view(task, c)).stream())
			.toList();
	}

	@Transactional(readOnly = true)
	public TaskView get(JalonUser user, @SingleLine String id) {
		Task task = openTask(user, id);
		Candidacy candidacy = candidacyOf(user, task);
		TaskView view = view(task, candidacy);
		return steps.of(task).showsEvaluation() ? view.withEvaluation(candidacies.evaluation(user, candidacy.id()))
				: view;
	}

	@Transactional
	public TaskView claim(JalonUser user, @SingleLine String id) {
		Task task = openTask(user, id);
		Candidacy candidacy = candidacyOf(user, task);
		requireMayAct(user, task);
		if (task.getAssignee() == null) {
			EngineConflicts.translate(() -> tasks.claim(task.getId(), user.getUsername()));
		}
		return view(tasks.createTaskQuery().taskId(id).singleResult(), candidacy);
	}

	@Transactional
	public CandidacyView complete(JalonUser user, @SingleLine String id, @Valid TaskCompletion request) {
		// One change at a time on a candidacy: whoever waited here finds the task as the other left it.
		candidacies.lock(businessKey(openTask(user, id)));
		Task task = openTask(user, id);
		Candidacy candidacy = candidacyOf(user, task);
		requireMayAct(user, task);
		Step step = steps.of(task);
		if (!step.outcomes().contains(request.outcome())) {
			throw InvalidInput.of("outcome", "Issue « " + request.outcome() + " » impossible pour cette tâche ; issues possibles : "
					+ String.join(", ", step.outcomes()) + ".");
		}
		if (Step.needsComment(request.outcome()) && (request.comment() == null || request.comment().isBlank())) {
			throw new Incomplete("Cette décision doit être motivée par un commentaire.", List.of("comment"));
		}
		candidacies.recordCompletion(candidacy.id(),
				new Completion(step.key(), user.getUsername(), request.outcome(), request.comment(),
						step.assessmentSource(), request.assessment(), step.indicatorField(), request.indicators(),
						request.data()),
				Step.handsIn(request.outcome()));
		Map<String, Object> variables = new HashMap<>();
		variables.put(ProcessKeys.DECISION, request.outcome());
		if (step.recordsActorAs() != null) {
			variables.put(step.recordsActorAs(), user.getUsername());
		}
		try {
			EngineConflicts.translate(() -> {
				if (task.getAssignee() == null) {
					tasks.claim(task.getId(), user.getUsername());
				}
				tasks.complete(task.getId(), variables);
			});
		}
		catch (org.camunda.bpm.engine.exception.NullValueException e) {
			throw new TaskGone();
		}
		return candidacies.view(candidacy.id());
	}

	/**
	 * What the programme's process calls a step, for the history's readers: in that version of the process
	 * (a candidacy's), or in its latest when the version is not known.
	 */
	public java.util.Optional<String> stepName(String programme, Integer processVersion, String key) {
		return programme == null || key == null ? java.util.Optional.empty() : steps.name(programme, processVersion, key);
	}

	private TaskQuery query(String candidacyId) {
		TaskQuery query = tasks.createTaskQuery().active();
		if (candidacyId != null) {
			query.processInstanceBusinessKey(candidacyId);
		}
		return query;
	}

	/**
	 * The open task; a task that was open once and is no longer answers 409 to those who may see its
	 * candidacy, an unknown one 404.
	 */
	private Task openTask(JalonUser user, String taskId) {
		Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
		if (task != null) {
			return task;
		}
		var past = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
		if (past != null && past.getProcessInstanceId() != null) {
			var instance = history.createHistoricProcessInstanceQuery()
				.processInstanceId(past.getProcessInstanceId())
				.singleResult();
			candidacies.visible(user, instance.getBusinessKey());
			throw new Conflict("Cette tâche n'est plus ouverte.");
		}
		throw new NotFound("Tâche introuvable : " + taskId + ".");
	}

	private Candidacy candidacyOf(JalonUser user, Task task) {
		try {
			return candidacies.visible(user, businessKey(task));
		}
		catch (NotFound e) {
			throw new NotFound("Tâche introuvable : " + task.getId() + ".");
		}
	}

	private String businessKey(Task task) {
		return history.createHistoricProcessInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.singleResult()
			.getBusinessKey();
	}

	private void requireMayAct(JalonUser user, Task task) {
		boolean assignedToUser = user.getUsername().equals(task.getAssignee());
		boolean candidate = identityLinks(task)
			.stream()
			.anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null
					&& user.groups().contains(link.getGroupId()));
		if (!assignedToUser && !candidate) {
			throw new Forbidden("Cette tâche ne relève pas de votre rôle.");
		}
		if (task.getAssignee() != null && !assignedToUser) {
			throw new Conflict("Cette tâche est déjà prise en charge par " + task.getAssignee() + ".");
		}
		if (actedOnTwin(user, task)) {
			throw new Forbidden("Un même expert ne peut pas rendre les deux expertises d'une candidature.");
		}
	}

	/** The task's candidate links; a task closed meanwhile (a withdrawal that won the race) is a conflict. */
	private java.util.List<org.camunda.bpm.engine.task.IdentityLink> identityLinks(Task task) {
		try {
			return tasks.getIdentityLinksForTask(task.getId());
		}
		catch (org.camunda.bpm.engine.exception.NullValueException e) {
			throw new TaskGone();
		}
	}

	/** Whether the user took or completed the step this one must be done apart from (the other expertise). */
	private boolean actedOnTwin(JalonUser user, Task task) {
		String twin = steps.of(task).distinctFrom();
		if (twin == null) {
			return false;
		}
		return history.createHistoricTaskInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.taskDefinitionKey(twin)
			.taskAssignee(user.getUsername())
			.count() > 0;
	}

	private TaskView view(Task task, Candidacy candidacy) {
		Step step = steps.of(task);
		return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(), candidacy.id(),
				candidacy.programmeId(), candidacy.stage(), candidacy.collectivite(), candidacy.title(), step.actor(),
				task.getAssignee(), task.getCreateTime().toInstant(),
				task.getDueDate() == null ? null : task.getDueDate().toInstant(), step.outcomes(), step.assessmentSource(),
				step.indicatorField(), null);
	}

}
