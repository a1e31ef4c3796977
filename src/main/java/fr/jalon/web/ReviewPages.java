package fr.jalon.web;

import java.util.List;
import java.util.Map;

import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;
import fr.jalon.system.Paging;

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

	ReviewPages(ReviewService reviews, TaskPage taskPage, Referentials referentials, Labels labels) {
		this.labels = labels;
		this.reviews = reviews;
		this.taskPage = taskPage;
		this.referentials = referentials;
	}

	@GetMapping("/instruction")
	String tasks(@AuthenticationPrincipal JalonUser user, @RequestParam Map<String, String> params, Paging paging,
			Model model) {
		Pages.requireReviewer(user);
		List<ProgrammeName> programmes = ProgrammeName.all(referentials);
		String programme = programmes.stream()
			.map(ProgrammeName::id)
			.filter(id -> id.equals(Pages.param(params, "programme")))
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
			.filter(id -> id.equals(Pages.param(params, "etape")))
			.findFirst()
			.orElse(null);
		ReviewService.Found found = reviews.find(user, new ReviewService.TaskFilter(null, programme, stage, null),
				ReviewService.TaskOrder.URGENCY, paging);
		model.addAttribute("tasks", found.tasks());
		model.addAttribute("names", labels.names(found.tasks().stream().map(TaskView::programme).toList(),
				found.tasks().stream().map(TaskView::collectivite).toList()));
		model.addAttribute("total", found.total());
		model.addAttribute("paging", paging);
		model.addAttribute("programme", programme);
		model.addAttribute("stage", stage);
		model.addAttribute("programmes", programmes);
		model.addAttribute("stages", stages);
		return "instruction/taches";
	}

	@GetMapping("/instruction/taches/{taskId}")
	String task(@AuthenticationPrincipal JalonUser user, @PathVariable String taskId, Model model) {
		Pages.requireReviewer(user);
		taskPage.show(model, user, taskId);
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
