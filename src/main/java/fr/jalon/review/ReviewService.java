package fr.jalon.review;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.SingleLine;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;

import fr.jalon.candidacy.Candidacy;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.Completion;
import fr.jalon.candidacy.ListFilter;
import fr.jalon.collectivite.Collectivite;
import fr.jalon.system.Sorting;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.security.Visibilities;
import fr.jalon.security.Visibility;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.Incomplete;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.system.Paging;
import fr.jalon.workflow.EngineConflicts;
import fr.jalon.workflow.ProcessKeys;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
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

	private final EntityManager entities;

	private final java.time.Clock clock;

	ReviewService(TaskService tasks, HistoryService history, CandidacyService candidacies, Steps steps,
			Visibilities visibilities, EntityManager entities, java.time.Clock clock) {
		this.clock = clock;
		this.entities = entities;
		this.visibilities = visibilities;
		this.tasks = tasks;
		this.history = history;
		this.candidacies = candidacies;
		this.steps = steps;
	}

	/**
	 * Which open tasks a list shows: of one candidacy, those whose candidacy the list's filter keeps
	 * ({@link ListFilter}: search, programme, stage, status, département, region, due before a day, overdue), overdue
	 * at an instant; null: any.
	 */
	public record TaskFilter(@SingleLine String candidacy, ListFilter list, Instant overdueAt) {

		public static final TaskFilter ANY = new TaskFilter(null, ListFilter.NONE, null);

		public TaskFilter {
			list = list == null ? ListFilter.NONE : list;
		}

		/** Of one candidacy, programme or stage, overdue at an instant; null: any. */
		public TaskFilter(String candidacy, String programme, String stage, Instant overdueAt) {
			this(candidacy, ListFilter.NONE.with(programme, stage), overdueAt);
		}

	}

	/** The keys a task list sorts by ({@link Sorting}): due date, creation, the candidacy's submission, title, collectivité. */
	public static final List<String> SORTS = List.of("due", "created", "submitted", "title", "collectivite");

	/** The order of a task list: the tasks' own (oldest first), or the reviewers' (overdue first, then the nearest due date). */
	public enum TaskOrder {

		/** Oldest first: the API's. */
		OLDEST_FIRST(new Sorting("created", false)),

		/**
		 * The nearest due date first (so the overdue ones, whose due dates are past, come before all others), tasks
		 * without a due date last; then the oldest.
		 */
		URGENCY(new Sorting("due", false));

		private final Sorting sorting;

		TaskOrder(Sorting sorting) {
			this.sorting = sorting;
		}

		public Sorting sorting() {
			return sorting;
		}

	}

	/** A page of a task list, and how many tasks the whole (filtered) list has. */
	public record Found(List<TaskView> tasks, long total) {
	}

	/**
	 * The open tasks the user may act on (every open task, for an administrator) that the filter keeps, one page of
	 * them in that order, and their total. Whatever the number of tasks, a constant number of statements: the
	 * visibility, the candidate groups or assignee, the other expertise's exclusion, the filters, the order, the count
	 * and the page are all the database's work (one query over the engine's tables and the candidacies, one count),
	 * then the page's tasks are read in one query.
	 */
	@Transactional(readOnly = true)
	public Found find(JalonUser user, @Valid TaskFilter filter, TaskOrder order, Paging paging) {
		return find(user, filter, order.sorting(), paging);
	}

	/** {@link #find(JalonUser, TaskFilter, TaskOrder, Paging)} in the order a {@code sort} parameter asks ({@link #SORTS}). */
	@Transactional(readOnly = true)
	public Found find(JalonUser user, @Valid TaskFilter asked, Sorting sorting, Paging paging) {
		TaskFilter filter = now(asked);
		requireKnown(user, filter);
		Visibility visibility = visibilities.of(user);
		if (visibility.kind() == Visibility.Kind.NONE) {
			return new Found(List.of(), 0);
		}
		Map<Steps.Twins, List<String>> twins = user.is(Role.ADMIN) ? Map.of() : steps.twins();
		HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) entities.getCriteriaBuilder();

		CriteriaQuery<Long> counting = cb.createQuery(Long.class);
		Listed counted = listed(counting, cb, user, visibility, filter, twins);
		long total = entities.createQuery(counting.select(cb.count(counted.task())).where(counted.where())).getSingleResult();
		if (total == 0 || paging.offset() >= total) {
			return new Found(List.of(), total);
		}

		CriteriaQuery<Object[]> paged = cb.createQuery(Object[].class);
		Listed listed = listed(paged, cb, user, visibility, filter, twins);
		paged.multiselect(listed.task().get("id"), listed.candidacy())
			.where(listed.where())
			.orderBy(order(sorting, listed, paged, cb, null));
		List<Object[]> rows = entities.createQuery(paged)
			.setFirstResult((int) paging.offset())
			.setMaxResults(paging.size())
			.getResultList();
		Map<String, Task> found = new HashMap<>();
		tasks.createTaskQuery()
			.taskIdIn(rows.stream().map(row -> (String) row[0]).toArray(String[]::new))
			.list()
			.forEach(task -> found.put(task.getId(), task));
		// A task completed between the two queries is left out of the page.
		return new Found(rows.stream()
			.filter(row -> found.containsKey((String) row[0]))
			.map(row -> view(found.get((String) row[0]), (Candidacy) row[1]))
			.toList(), total);
	}

	/**
	 * The open tasks of one candidacy the user may act on, oldest first: a candidacy's page (a handful; at most
	 * {@value Paging#MAX_SIZE}). Lists across candidacies page with {@link #find}.
	 */
	@Transactional(readOnly = true)
	public List<TaskView> list(JalonUser user, @SingleLine String candidacy) {
		return find(user, new TaskFilter(candidacy, null, null, null), TaskOrder.OLDEST_FIRST,
				new Paging(0, Paging.MAX_SIZE))
			.tasks();
	}

	/**
	 * Who holds the candidacy now: its open tasks, whoever may act on them, oldest first, for anyone who sees the
	 * candidacy (a collectivité learns which service examines its dossier). {@link #list} is what the user may act on.
	 */
	@Transactional(readOnly = true)
	public List<TaskView> holding(JalonUser user, @SingleLine String candidacy) {
		Candidacy seen = candidacies.visible(user, candidacy);
		return tasks.createTaskQuery()
			.processInstanceBusinessKey(seen.id())
			.active()
			.orderByTaskCreateTime()
			.asc()
			.list()
			.stream()
			.map(task -> view(task, seen))
			.toList();
	}

	/** The filter, its « overdue » the tasks due before now. */
	private TaskFilter now(TaskFilter filter) {
		return filter.list().overdue() && filter.overdueAt() == null
				? new TaskFilter(filter.candidacy(), filter.list(), clock.instant()) : filter;
	}

	/** The filter's candidacy and programme, stage and status, known to the user; else 404 or 400 naming the field. */
	private void requireKnown(JalonUser user, TaskFilter filter) {
		if (filter.candidacy() != null) {
			candidacies.visible(user, filter.candidacy());
		}
		ListFilter list = filter.list();
		candidacies.requireKnownFilters(list.programme(), list.stage(), list.status());
	}

	/** An open task as an export writes it: one row of the list, its candidacy's and collectivité's names with it. */
	public record Row(String id, String name, Instant due, Instant created, String assignee, String candidacyId,
			String candidacyTitle, String collectivite, String collectiviteName, String programme, String stage) {
	}

	/**
	 * Every open task of the list that the filter keeps, in that order, handed one at a time to {@code sink} while the
	 * database streams them (a fetch size, no entity kept): what an export writes. Checks the filter first, so that a
	 * bad one fails before anything is written ({@link #check}).
	 */
	@Transactional(readOnly = true)
	public void export(JalonUser user, TaskFilter asked, Sorting sorting, java.util.function.Consumer<Row> sink) {
		TaskFilter filter = now(asked);
		requireKnown(user, filter);
		Visibility visibility = visibilities.of(user);
		if (visibility.kind() == Visibility.Kind.NONE) {
			return;
		}
		Map<Steps.Twins, List<String>> twins = user.is(Role.ADMIN) ? Map.of() : steps.twins();
		HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) entities.getCriteriaBuilder();
		CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
		Listed listed = listed(query, cb, user, visibility, filter, twins);
		Root<Collectivite> collectivite = query.from(Collectivite.class);
		Root<EngineTables.Task> task = listed.task();
		Root<Candidacy> candidacy = listed.candidacy();
		query.multiselect(task.get("id"), task.get("name"), task.get("due"), task.get("created"), task.get("assignee"),
				candidacy.get("id"), candidacy.get("title"), candidacy.get("collectivite"), collectivite.get("name"),
				candidacy.get("programme"), candidacy.get("stage"))
			.where(listed.where(), cb.equal(collectivite.get("code"), candidacy.get("collectivite")))
			.orderBy(order(sorting, listed, query, cb, collectivite));
		try (java.util.stream.Stream<Object[]> rows = entities.createQuery(query)
			.setHint(org.hibernate.jpa.HibernateHints.HINT_FETCH_SIZE, CandidacyService.EXPORT_FETCH_SIZE)
			.setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
			.getResultStream()) {
			rows.forEach(row -> sink.accept(new Row((String) row[0], (String) row[1], instant(row[2]),
					instant(row[3]), (String) row[4], (String) row[5], (String) row[6], (String) row[7],
					(String) row[8], (String) row[9], (String) row[10])));
		}
	}

	/** Checks a task list's filter as {@link #find} and {@link #export} do: before a streamed answer begins. */
	@Transactional(readOnly = true)
	public void check(JalonUser user, TaskFilter filter) {
		requireKnown(user, filter);
	}

	private static Instant instant(Object date) {
		return date == null ? null : ((Date) date).toInstant();
	}

	/**
	 * A task list's order, then by creation and id (a stable page); tasks without a due date last whichever way the
	 * due dates go. Sorting by the collectivité's name joins the collectivités (the given root, or one added here).
	 */
	private static List<jakarta.persistence.criteria.Order> order(Sorting sorting, Listed listed,
			CriteriaQuery<?> query, HibernateCriteriaBuilder cb, Root<Collectivite> joined) {
		Path<Date> created = listed.task().get("created");
		Path<String> id = listed.task().get("id");
		List<jakarta.persistence.criteria.Order> order = new ArrayList<>();
		switch (sorting.key()) {
			case "due" -> order.add(sorting.descending() ? cb.desc(listed.task().get("due"), false)
					: cb.asc(listed.task().get("due"), false));
			case "submitted" -> order.add(direction(cb, listed.candidacy().get("createdAt"), sorting));
			case "title" -> order.add(direction(cb, listed.candidacy().get("title"), sorting));
			case "collectivite" -> {
				Root<Collectivite> collectivite = joined;
				if (collectivite == null) {
					collectivite = query.from(Collectivite.class);
					query.where(listed.where(), cb.equal(collectivite.get("code"), listed.candidacy().get("collectivite")));
				}
				order.add(direction(cb, collectivite.get("name"), sorting));
			}
			default -> {
			}
		}
		boolean newest = "created".equals(sorting.key()) && sorting.descending();
		order.add(newest ? cb.desc(created) : cb.asc(created));
		order.add(newest ? cb.desc(id) : cb.asc(id));
		return order;
	}

	private static jakarta.persistence.criteria.Order direction(CriteriaBuilder cb,
			jakarta.persistence.criteria.Expression<?> key, Sorting sorting) {
		return sorting.descending() ? cb.desc(key) : cb.asc(key);
	}

	/** The roots of a task list's query and what it keeps of them. */
	private record Listed(Root<EngineTables.Task> task, Root<Candidacy> candidacy, Predicate where) {
	}

	private static Listed listed(CriteriaQuery<?> query, CriteriaBuilder cb, JalonUser user, Visibility visibility,
			TaskFilter filter, Map<Steps.Twins, List<String>> twins) {
		Root<EngineTables.Task> task = query.from(EngineTables.Task.class);
		Root<EngineTables.Execution> instance = query.from(EngineTables.Execution.class);
		Root<Candidacy> candidacy = query.from(Candidacy.class);
		List<Predicate> where = new ArrayList<>();
		where.add(cb.equal(instance.get("id"), task.get("processInstanceId")));
		where.add(cb.equal(candidacy.get("id"), instance.get("businessKey")));
		where.add(cb.equal(task.get("suspensionState"), SuspensionState.ACTIVE.getStateCode()));
		where.add(CandidacyService.visibleTo(visibility, candidacy, cb));
		if (!user.is(Role.ADMIN)) {
			where.add(mayAct(query, cb, task, user));
			Predicate actedOnTwin = actedOnTwin(query, cb, task, user, twins);
			if (actedOnTwin != null) {
				where.add(cb.not(actedOnTwin));
			}
		}
		if (filter.candidacy() != null) {
			where.add(cb.equal(candidacy.get("id"), filter.candidacy()));
		}
		where.add(CandidacyService.matching(filter.list(), candidacy, query, cb));
		if (filter.overdueAt() != null) {
			where.add(cb.lessThan(task.get("due"), Date.from(filter.overdueAt())));
		}
		if (filter.list().due() != null) {
			where.add(cb.lessThan(task.get("due"),
					Date.from(filter.list().dueBefore())));
		}
		return new Listed(task, candidacy, cb.and(where.toArray(Predicate[]::new)));
	}

	/** The query side of {@link #requireMayAct}'s first rule: assigned to the user, or to nobody yet and a candidate group of theirs. */
	private static Predicate mayAct(CriteriaQuery<?> query, CriteriaBuilder cb, Root<EngineTables.Task> task,
			JalonUser user) {
		Predicate assigned = cb.equal(task.get("assignee"), user.getUsername());
		if (user.groups().isEmpty()) {
			return assigned;
		}
		Subquery<String> candidate = query.subquery(String.class);
		Root<EngineTables.IdentityLink> link = candidate.from(EngineTables.IdentityLink.class);
		candidate.select(link.get("id"))
			.where(cb.equal(link.get("taskId"), task.get("id")), cb.equal(link.get("type"), IdentityLinkType.CANDIDATE),
					link.get("groupId").in(user.groups()));
		return cb.or(assigned, cb.and(cb.isNull(task.get("assignee")), cb.exists(candidate)));
	}

	/** The query side of {@link #actedOnTwin(JalonUser, Task)}: null when no deployed process has such steps. */
	private static Predicate actedOnTwin(CriteriaQuery<?> query, CriteriaBuilder cb, Root<EngineTables.Task> task,
			JalonUser user, Map<Steps.Twins, List<String>> twins) {
		if (twins.isEmpty()) {
			return null;
		}
		Subquery<String> acted = query.subquery(String.class);
		Root<EngineTables.HistoricTask> past = acted.from(EngineTables.HistoricTask.class);
		List<Predicate> pairs = new ArrayList<>();
		twins.forEach((pair, definitions) -> pairs.add(cb.and(cb.equal(task.get("key"), pair.key()),
				task.get("processDefinitionId").in(definitions), cb.equal(past.get("key"), pair.twin()))));
		acted.select(past.get("id"))
			.where(cb.equal(past.get("processInstanceId"), task.get("processInstanceId")),
					cb.equal(past.get("assignee"), user.getUsername()), cb.or(pairs.toArray(Predicate[]::new)));
		return cb.exists(acted);
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

	/** Completes the task, then answers the candidacy as the decision left it (the API's answer). */
	@Transactional
	public CandidacyView complete(JalonUser user, @SingleLine String id, @Valid TaskCompletion request) {
		return candidacies.view(decide(user, id, request));
	}

	/**
	 * Completes the task and answers its candidacy's id, without building the candidacy's view: for a page, which
	 * redirects after the decision.
	 */
	@Transactional
	public String decide(JalonUser user, @SingleLine String id, @Valid TaskCompletion request) {
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
		if (step.lacksComment(request.outcome(), request.comment())) {
			if (step.requiresComment()) {
				throw InvalidInput.of("comment", "la synthèse de cette étape est obligatoire et ne peut pas être vide");
			}
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
		return candidacy.id();
	}

	/**
	 * The open task, if the user may act on it (the checks of {@link #decide}): for its draft. With {@code lock}, the
	 * candidacy is locked first, as a decision locks it, so that a draft is never saved beside a completion.
	 */
	TaskView actable(JalonUser user, String id, boolean lock) {
		if (lock) {
			candidacies.lock(businessKey(openTask(user, id)));
		}
		Task task = openTask(user, id);
		Candidacy candidacy = candidacyOf(user, task);
		requireMayAct(user, task);
		return view(task, candidacy);
	}

	/**
	 * What the programme's process calls a step, for the history's readers: in that version of the process
	 * (a candidacy's), or in its latest when the version is not known.
	 */
	public java.util.Optional<String> stepName(String programme, Integer processVersion, String key) {
		return programme == null || key == null ? java.util.Optional.empty() : steps.name(programme, processVersion, key);
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
		return twin != null && TwinMarks.actedOn(history, user, task, twin);
	}

	private TaskView view(Task task, Candidacy candidacy) {
		Step step = steps.of(task);
		return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(), candidacy.id(),
				candidacy.programmeId(), candidacy.stage(), candidacy.collectivite(), candidacy.title(), step.actor(),
				task.getAssignee(), task.getCreateTime().toInstant(),
				task.getDueDate() == null ? null : task.getDueDate().toInstant(), step.outcomes(), step.assessmentSource(),
				step.indicatorField(), null, step.shows().isEmpty() ? null : step.shows(), step.documentsOf(),
				step.requiresComment() ? Boolean.TRUE : null);
	}

}
