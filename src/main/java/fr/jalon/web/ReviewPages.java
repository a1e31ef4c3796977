package fr.jalon.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;
import fr.jalon.system.Paging;
import fr.jalon.system.Sorting;
import fr.jalon.candidacy.ListFilter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reviewers' pages (DDT, experts, commissions, préfets): their tasks, within their scope,
 * overdue first; the dossier and its evaluation beside the decision.
 */
@Controller
class ReviewPages {

	private final ReviewService reviews;

	private final TaskPage taskPage;

	private final Referentials referentials;

	private final Labels labels;

	private final Exports exports;

	ReviewPages(ReviewService reviews, TaskPage taskPage, Referentials referentials, Labels labels, Exports exports) {
		this.exports = exports;
		this.labels = labels;
		this.reviews = reviews;
		this.taskPage = taskPage;
		this.referentials = referentials;
	}

	/**
	 * The reviewer's tasks that the filters keep (the API's, {@link ListFilter}; {@code etape}, the form's former name,
	 * still reads as {@code stage}), the most urgent first unless sorted otherwise; a programme or stage the form does
	 * not offer is left out of the filter.
	 */
	@GetMapping("/instruction")
	String tasks(@AuthenticationPrincipal JalonUser user, HttpServletRequest request, Paging paging, Model model) {
		Pages.requireReviewer(user);
		Map<String, String[]> query = withStageAlias(request.getParameterMap());
		ListFilter asked = ListFilter.of(query);
		List<ProgrammeName> programmes = ProgrammeName.all(referentials);
		String programme = programmes.stream()
			.map(ProgrammeName::id)
			.filter(id -> id.equals(asked.programme()))
			.findFirst()
			.orElse(null);
		List<Referential.Label> stages = (programme == null ? programmes.stream().map(ProgrammeName::id).toList()
				: List.of(programme))
			.stream()
			.flatMap(id -> referentials.definition(id).stream())
			.flatMap(definition -> definition.stages().stream())
			.distinct()
			.toList();
		String stage = stages.stream()
			.map(Referential.Label::id)
			.filter(id -> id.equals(asked.stage()))
			.findFirst()
			.orElse(null);
		ListFilter filter = asked.with(programme, stage);
		Sorting sorting = Sorting.of(query, ReviewService.SORTS, URGENCY);
		ReviewService.Found found = reviews.find(user, new ReviewService.TaskFilter(null, filter, null), sorting,
				paging);
		model.addAttribute("tasks", found.tasks());
		labels.readCollectivites(found.tasks().stream().map(TaskView::collectivite).toList());
		model.addAttribute("total", found.total());
		model.addAttribute("paging", paging);
		model.addAttribute("programme", programme);
		model.addAttribute("stage", stage);
		model.addAttribute("stages", stages);
		ListForm.show(model, labels, "/instruction", "/instruction/export", filter, sorting, URGENCY,
				ReviewService.SORTS);
		return "instruction/taches";
	}

	/** The reviewer's tasks that the filters keep, every page of them, in CSV or XLSX ({@link Exports}). */
	@GetMapping("/instruction/export")
	void export(@AuthenticationPrincipal JalonUser user, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Pages.requireReviewer(user);
		exports.tasks(user, withStageAlias(request.getParameterMap()), URGENCY, response);
	}

	private static final Sorting URGENCY = ReviewService.TaskOrder.URGENCY.sorting();

	/** The query, its {@code etape} (the reviewers' form's first name for the stage) read as {@code stage}. */
	static Map<String, String[]> withStageAlias(Map<String, String[]> query) {
		if (!query.containsKey("etape") || query.containsKey("stage")) {
			return query;
		}
		Map<String, String[]> aliased = new java.util.LinkedHashMap<>(query);
		aliased.put("stage", aliased.remove("etape"));
		return aliased;
	}

	@GetMapping("/instruction/taches/{taskId}")
	String task(@AuthenticationPrincipal JalonUser user, @PathVariable String taskId,
			@RequestParam(name = "version", required = false) Integer version, Model model) {
		Pages.requireReviewer(user);
		taskPage.show(model, user, taskId, version);
		return "instruction/tache";
	}

	@PostMapping("/instruction/taches/{taskId}/prise-en-charge")
	String claim(@AuthenticationPrincipal JalonUser user, @PathVariable String taskId, RedirectAttributes redirect) {
		Pages.requireReviewer(user);
		TaskView task = reviews.claim(user, taskId);
		redirect.addFlashAttribute("message", "Vous avez pris en charge « " + task.name() + " ».");
		return "redirect:/instruction/taches/" + taskId;
	}

	@PostMapping("/instruction/taches/{taskId}")
	String decide(@AuthenticationPrincipal JalonUser user, @PathVariable String taskId,
			@RequestParam Map<String, String> params, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Pages.requireReviewer(user);
		if (!taskPage.complete(model, user, taskId, params, response)) {
			return "instruction/tache";
		}
		TaskView task = (TaskView) model.getAttribute("task");
		redirect.addFlashAttribute("message", "« " + task.name() + " » pour « " + task.candidacyTitle()
				+ " » : décision enregistrée.");
		return "redirect:/instruction";
	}

}
