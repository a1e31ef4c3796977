package fr.jalon.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.Programme;
import fr.jalon.candidacy.Stage;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;

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

	/** Overdue first, then the nearest due date, then the oldest. */
	static final Comparator<TaskView> URGENCY = Comparator
		.comparing((TaskView task) -> task.due() == null || !task.due().isBefore(Instant.now()))
		.thenComparing(TaskView::due, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(TaskView::created);

	private final ReviewService reviews;

	private final CandidacyService candidacies;

	private final TaskPage taskPage;

	ReviewPages(ReviewService reviews, CandidacyService candidacies, TaskPage taskPage) {
		this.reviews = reviews;
		this.candidacies = candidacies;
		this.taskPage = taskPage;
	}

	@GetMapping("/instruction")
	String tasks(@AuthenticationPrincipal JalonUser user, @RequestParam Map<String, String> params, Model model) {
		Pages.require(user, Pages.REVIEWERS);
		String programme = Programme.of(Pages.param(params, "programme")).map(Programme::id).orElse(null);
		Stage stage = stage(Pages.param(params, "etape"));
		model.addAttribute("tasks", reviews.list(user, null)
			.stream()
			.filter(task -> programme == null || programme.equals(task.programme()))
			.filter(task -> stage == null || stage == task.stage())
			.sorted(URGENCY)
			.toList());
		model.addAttribute("programme", programme);
		model.addAttribute("stage", stage);
		model.addAttribute("programmes", Programme.values());
		model.addAttribute("stages", programme == null ? List.of(Stage.values())
				: Programme.of(programme).orElseThrow().stages());
		return "instruction/taches";
	}

	@GetMapping("/instruction/candidatures")
	String candidacies(@AuthenticationPrincipal JalonUser user, Model model) {
		Pages.require(user, Pages.REVIEWERS);
		model.addAttribute("candidacies", CandidacyPages.newestFirst(candidacies.list(user, null, null, null)));
		return "instruction/candidatures";
	}

	@GetMapping("/instruction/taches/{taskId}")
	String task(@AuthenticationPrincipal JalonUser user, @PathVariable String taskId, Model model) {
		Pages.require(user, Pages.REVIEWERS);
		taskPage.show(model, user, taskId);
		return "instruction/tache";
	}

	@PostMapping("/instruction/taches/{taskId}/prise-en-charge")
	String claim(@AuthenticationPrincipal JalonUser user, @PathVariable String taskId, RedirectAttributes redirect) {
		Pages.require(user, Pages.REVIEWERS);
		TaskView task = reviews.claim(user, taskId);
		redirect.addFlashAttribute("message", "Vous avez pris en charge « " + task.name() + " ».");
		return "redirect:/instruction/taches/" + taskId;
	}

	@PostMapping("/instruction/taches/{taskId}")
	String decide(@AuthenticationPrincipal JalonUser user, @PathVariable String taskId,
			@RequestParam Map<String, String> params, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Pages.require(user, Pages.REVIEWERS);
		if (!taskPage.complete(model, user, taskId, params, response)) {
			return "instruction/tache";
		}
		TaskView task = (TaskView) model.getAttribute("task");
		redirect.addFlashAttribute("message", "« " + task.name() + " » pour « " + task.candidacyTitle()
				+ " » : décision enregistrée.");
		return "redirect:/instruction";
	}

	private static Stage stage(String name) {
		if (name == null) {
			return null;
		}
		for (Stage stage : Stage.values()) {
			if (stage.name().equals(name)) {
				return stage;
			}
		}
		return null;
	}

}
