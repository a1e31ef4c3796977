package fr.jalon.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.Evaluation;
import fr.jalon.referential.Referential;
import fr.jalon.review.Draft;
import fr.jalon.review.Drafts;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.Incomplete;
import fr.jalon.system.InvalidInput;
import fr.jalon.workflow.EngineConflicts;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * One task on screen, for the collectivité or a reviewer: the candidacy, its dossier and
 * evaluation, and the form generated for the step; an incomplete or invalid answer comes back
 * with its messages beside the fields, what was typed kept.
 */
@Component
class TaskPage {

	private final ReviewService reviews;

	private final CandidacyService candidacies;

	private final Labels labels;

	private final Drafts drafts;

	TaskPage(ReviewService reviews, CandidacyService candidacies, Labels labels, Drafts drafts) {
		this.drafts = drafts;
		this.reviews = reviews;
		this.candidacies = candidacies;
		this.labels = labels;
	}

	TaskView show(Model model, JalonUser user, String taskId) {
		return show(model, user, taskId, null);
	}

	/**
	 * The task's page, its evaluation shown under version {@code version} of the referential (null: the candidacy's
	 * own); the form is always prefilled from the candidacy's own version, the one that counts.
	 */
	TaskView show(Model model, JalonUser user, String taskId, Integer version) {
		TaskView task = reviews.get(user, taskId);
		Evaluation evaluation = candidacies.evaluation(user, task.candidacyId());
		Map<String, String> values = TaskForm.prefill(task, evaluation, labels);
		Draft draft = draftOf(user, taskId);
		if (draft != null) {
			values.putAll(draft.values()); // what the user typed last wins over what the dossier holds
		}
		model.addAttribute("draft", draft);
		fill(model, user, task, evaluation, values, List.of());
		if (version != null) {
			model.addAttribute("evaluation", candidacies.evaluation(user, task.candidacyId(), version));
		}
		return task;
	}

	/** The user's draft, when they may act on the task (a reviewer may look at a task taken by a colleague). */
	private Draft draftOf(JalonUser user, String taskId) {
		try {
			return drafts.find(user, taskId).orElse(null);
		}
		catch (Forbidden | Conflict e) {
			return null;
		}
	}

	/** Completes the task; false, with the form back in the model, when the answer is incomplete or invalid. */
	boolean complete(Model model, JalonUser user, String taskId, Map<String, String> params,
			HttpServletResponse response) {
		TaskView task = reviews.get(user, taskId);
		try {
			var completion = TaskForm.completion(task, candidacies.referentialOf(task.candidacyId()), params);
			EngineConflicts.retried(() -> reviews.decide(user, taskId, completion));
			model.addAttribute("task", task);
			return true;
		}
		catch (Incomplete e) {
			Referential referential = candidacies.referentialOf(task.candidacyId());
			response.setStatus(422);
			refill(model, user, task, params, TaskForm.missing(e.missing(), task, referential, labels));
			return false;
		}
		catch (InvalidInput e) {
			response.setStatus(400);
			refill(model, user, task, params,
					TaskForm.invalid(e.errors(), task, candidacies.referentialOf(task.candidacyId()), labels));
			return false;
		}
	}

	private void refill(Model model, JalonUser user, TaskView task, Map<String, String> params,
			List<TaskForm.Problem> problems) {
		Evaluation evaluation = candidacies.evaluation(user, task.candidacyId());
		fill(model, user, task, evaluation, new LinkedHashMap<>(params), problems);
	}

	/**
	 * The page's model; each problem about a field is shown under it too ({@code fieldErrors}: the field's name, its
	 * message), the field marked invalid ({@code faulty}).
	 */
	private void fill(Model model, JalonUser user, TaskView task, Evaluation evaluation, Map<String, String> values,
			List<TaskForm.Problem> problems) {
		Map<String, String> fieldErrors = new LinkedHashMap<>();
		problems.stream()
			.filter(problem -> problem.field() != null)
			.forEach(problem -> fieldErrors.merge(problem.field(), problem.message(), (a, b) -> a + " " + b));
		CandidacyView candidacy = candidacies.view(user, task.candidacyId());
		Referential referential = candidacies.referentialOf(task.candidacyId());
		model.addAttribute("task", task);
		model.addAttribute("candidacy", candidacy);
		model.addAttribute("comments", Pages.comments(candidacy));
		model.addAttribute("deposited", candidacy.documents().stream().filter(CandidacyView.DocumentView::deposited)
			.map(CandidacyView.DocumentView::type).collect(java.util.stream.Collectors.toSet()));
		model.addAttribute("toComplete", candidacy.documents().stream()
			.filter(document -> fr.jalon.candidacy.DocumentStatus.CHANGES_REQUESTED.equals(document.status()))
			.map(CandidacyView.DocumentView::type).collect(java.util.stream.Collectors.toSet()));
		model.addAttribute("evaluation", evaluation);
		model.addAttribute("evaluationVersions", candidacies.evaluationVersions(user, task.candidacyId()));
		model.addAttribute("form", TaskForm.of(task, referential, evaluation));
		model.addAttribute("values", values);
		model.addAttribute("problems", problems);
		model.addAttribute("faulty", fieldErrors.keySet());
		model.addAttribute("fieldErrors", fieldErrors);
		model.addAttribute("basis", basis(user, task, candidacy, referential));
	}

	/** What the step's decision rests on ({@code shows}), read only as far as the step shows it; null if nothing. */
	private DecisionBasis basis(JalonUser user, TaskView task, CandidacyView candidacy, Referential referential) {
		List<String> shows = task.shows();
		if (shows == null || shows.isEmpty()) {
			return null;
		}
		boolean territory = shows.contains("population") || shows.contains("intercommunalite")
				|| shows.contains("partners");
		Set<String> types = DecisionBasis.documentTypes(task, referential);
		Set<String> deposited = candidacy.documents() == null ? Set.of()
				: candidacy.documents().stream()
					.filter(document -> !fr.jalon.candidacy.DocumentStatus.WITHDRAWN.equals(document.status()))
					.map(CandidacyView.DocumentView::type)
					.collect(java.util.stream.Collectors.toSet());
		return new DecisionBasis(shows,
				shows.contains("amounts") ? DecisionBasis.amounts(candidacy, referential, labels) : List.of(),
				shows.contains("eligibility") ? candidacies.eligibility(user, task.candidacyId()) : List.of(),
				territory ? candidacies.territory(user, task.candidacyId()) : null,
				types.isEmpty() ? candidacy : candidacy.withDocumentsOf(types),
				types.stream().filter(type -> !deposited.contains(type)).toList());
	}

}
