package fr.jalon.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.jalon.campaign.CampaignService;
import fr.jalon.campaign.CampaignView;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.NewCandidacy;
import fr.jalon.collectivite.Collectivite;
import fr.jalon.collectivite.CollectiviteSearch;
import fr.jalon.collectivite.Collectivites;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
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

/** The collectivité's pages: its candidacies and their paths, a new candidacy, its tasks. */
@Controller
class CollectivitePages {

	private final CandidacyService candidacies;

	private final ReviewService reviews;

	private final CampaignService campaigns;

	private final Collectivites collectivites;

	private final TaskPage taskPage;

	private final Referentials referentials;

	private final Labels labels;

	private final CollectiviteSearch search;

	CollectivitePages(CandidacyService candidacies, ReviewService reviews, CampaignService campaigns,
			Collectivites collectivites, TaskPage taskPage, Referentials referentials, Labels labels,
			CollectiviteSearch search) {
		this.search = search;
		this.referentials = referentials;
		this.labels = labels;
		this.candidacies = candidacies;
		this.reviews = reviews;
		this.campaigns = campaigns;
		this.collectivites = collectivites;
		this.taskPage = taskPage;
	}

	@GetMapping("/collectivite")
	String home(@AuthenticationPrincipal JalonUser user, jakarta.servlet.http.HttpServletRequest request, Paging paging,
			Model model) {
		Pages.require(user, Role.COLLECTIVITE);
		CandidacyPages.filtered(model, candidacies, labels, user, request, paging, "/collectivite");
		ReviewService.Found tasks = reviews.find(user, new ReviewService.TaskFilter(null, null, null, null),
				ReviewService.TaskOrder.URGENCY, Paging.first());
		model.addAttribute("tasks", tasks.tasks());
		model.addAttribute("tasksTotal", tasks.total());
		model.addAttribute("collectivite", collectivites.findById(user.scope()).map(Collectivite::name).orElse(user.scope()));
		return "collectivite/accueil";
	}

	@GetMapping("/collectivite/candidatures/nouvelle")
	String newCandidacy(@AuthenticationPrincipal JalonUser user, Model model) {
		Pages.require(user, Role.COLLECTIVITE);
		Collectivite self = collectivites.findById(user.scope()).orElseThrow(() -> new Forbidden("Compte sans collectivité."));
		model.addAttribute("values", Map.of());
		model.addAttribute("partners", search.field(self.epci() == null ? "" : self.epci()));
		return form(model, self, List.of());
	}

	@PostMapping("/collectivite/candidatures")
	String submit(@AuthenticationPrincipal JalonUser user, @RequestParam Map<String, String> params, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Pages.require(user, Role.COLLECTIVITE);
		Collectivite self = collectivites.findById(user.scope()).orElseThrow(() -> new Forbidden("Compte sans collectivité."));
		String programme = Pages.param(params, "programme");
		String partners = Pages.param(params, "partners");
		List<String> errors = new ArrayList<>();
		Map<String, String> fieldErrors = new java.util.LinkedHashMap<>();
		try {
			// The service checks every field, as for the API: this page only reads the form.
			boolean campaign = programme != null
					&& referentials.definition(programme).map(Referential::runsCampaigns).orElse(false);
			// Partners by name or code (the field's script sends codes): the search the API and the suggestions use.
			NewCandidacy request = new NewCandidacy(programme, self.code(), Pages.param(params, "title"),
					Pages.param(params, "description"), campaign ? search.resolve("partners", partners) : List.of(),
					campaign ? Pages.param(params, "campaign") : null);
			CandidacyView created = candidacies.submit(user, request);
			redirect.addFlashAttribute("message", "Votre candidature « " + created.title() + " » est enregistrée.");
			return "redirect:/candidatures/" + created.id();
		}
		catch (InvalidInput e) {
			e.errors().forEach(error -> errors.add(fieldLabel(error.field()) + " : " + error.message()));
			// Each under its field too: the field's name on the form, its messages.
			e.errors()
				.forEach(error -> fieldErrors.merge(error.field().replaceAll("\\[.*", ""), error.message(),
						(a, b) -> a + " " + b));
		}
		catch (Conflict e) {
			errors.add(e.getMessage());
		}
		response.setStatus(400);
		model.addAttribute("values", params);
		model.addAttribute("partners", search.field(partners));
		model.addAttribute("fieldErrors", fieldErrors);
		return form(model, self, errors);
	}

	@GetMapping("/collectivite/taches/{taskId}")
	String task(@AuthenticationPrincipal JalonUser user, @PathVariable String taskId, Model model) {
		Pages.require(user, Role.COLLECTIVITE);
		taskPage.show(model, user, taskId);
		return "collectivite/tache";
	}

	@PostMapping("/collectivite/taches/{taskId}")
	String complete(@AuthenticationPrincipal JalonUser user, @PathVariable String taskId,
			@RequestParam Map<String, String> params, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Pages.require(user, Role.COLLECTIVITE);
		if (!taskPage.complete(model, user, taskId, params, response)) {
			return "collectivite/tache";
		}
		TaskView task = (TaskView) model.getAttribute("task");
		redirect.addFlashAttribute("message", "« " + task.name() + " » : c'est transmis.");
		return "redirect:/candidatures/" + task.candidacyId();
	}

	private String form(Model model, Collectivite self, List<String> errors) {
		List<CampaignView> open = campaigns.list(null)
			.stream()
			.filter(CampaignView::open)
			.filter(campaign -> campaign.region().equals(self.region()))
			.toList();
		model.addAttribute("campaigns", open);
		model.addAttribute("programmes", ProgrammeName.all(referentials));
		model.addAttribute("collectivite", self.name());
		model.addAttribute("errors", errors);
		model.addAttribute("fieldLabels", FIELD_LABELS);
		if (!model.containsAttribute("fieldErrors")) {
			model.addAttribute("fieldErrors", Map.of());
		}
		return "collectivite/nouvelle";
	}

	/** The form's fields as its labels name them, in the summary of errors. */
	private static final Map<String, String> FIELD_LABELS = Map.of("programme", "Programme", "title", "Titre",
			"description", "Description", "partners", "Partenaires", "campaign", "Campagne", "collectivite",
			"Collectivité");

	private static String fieldLabel(String field) {
		return FIELD_LABELS.getOrDefault(field.replaceAll("\\[.*", ""), field);
	}

}
