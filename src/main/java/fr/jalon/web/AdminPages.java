package fr.jalon.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import fr.jalon.campaign.CampaignService;
import fr.jalon.campaign.NewCampaign;
import fr.jalon.candidacy.CandidacyCounts;
import fr.jalon.candidacy.CandidacyFigures;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.collectivite.Territories;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.security.Role;
import fr.jalon.system.Conflict;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.Paging;
import fr.jalon.workflow.Incidents;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' dashboard and campaigns. */
@Controller
class AdminPages {

	/** How many of the latest candidacies the dashboard shows. */
	static final int LATEST = 10;

	private final CandidacyService candidacies;

	private final CandidacyFigures figures;

	private final CandidacyCounts counts;

	private final ReviewService reviews;

	private final CampaignService campaigns;

	private final Territories territories;

	private final Labels labels;

	private final Clock clock;

	private final Referentials referentials;

	private final Incidents incidents;

	AdminPages(CandidacyService candidacies, CandidacyFigures figures, CandidacyCounts counts, ReviewService reviews,
			CampaignService campaigns, Territories territories, Labels labels, Clock clock,
			Referentials referentials, Incidents incidents) {
		this.figures = figures;
		this.counts = counts;
		this.referentials = referentials;
		this.incidents = incidents;
		this.candidacies = candidacies;
		this.reviews = reviews;
		this.campaigns = campaigns;
		this.territories = territories;
		this.labels = labels;
		this.clock = clock;
	}

	@GetMapping("/administration")
	String dashboard(@AuthenticationPrincipal JalonUser user, Model model) {
		Pages.require(user, Role.ADMIN);
		ReviewService.Found overdue = reviews.find(user,
				new ReviewService.TaskFilter(null, null, null, clock.instant()), ReviewService.TaskOrder.URGENCY,
				Paging.first());
		labels.readCollectivites(overdue.tasks().stream().map(TaskView::collectivite).toList());
		model.addAttribute("dashboard", Dashboard.of(figures, user, overdue, labels, clock.instant()));
		model.addAttribute("latest",
				CandidacyPages.newestFirst(candidacies, labels, user, new Paging(0, LATEST)).getContent());
		model.addAttribute("incidents", incidents.list(user, new Paging(0, 1)).total());
		return "admin/tableau";
	}

	@GetMapping("/administration/campagnes")
	String campaigns(@AuthenticationPrincipal JalonUser user, Paging paging, Model model) {
		Pages.require(user, Role.ADMIN);
		model.addAttribute("values", Map.of());
		return campaignsPage(model, paging, Map.of());
	}

	@PostMapping("/administration/campagnes")
	String open(@AuthenticationPrincipal JalonUser user, @RequestParam Map<String, String> params, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		String title = Pages.param(params, "title");
		String region = Pages.param(params, "region");
		List<ProgrammeName> programmes = campaignProgrammes();
		String programme = Pages.param(params, "programme") != null ? Pages.param(params, "programme")
				: programmes.size() == 1 ? programmes.get(0).id() : null;
		String closes = Pages.param(params, "closesAt");
		// Each error keyed by its field (the form's input ids), shown beside it and summed up at the top.
		Map<String, String> errors = new java.util.LinkedHashMap<>();
		if (programme == null) {
			errors.put("programme", "Programme : obligatoire");
		}
		if (title == null) {
			errors.put("title", "Titre : obligatoire");
		}
		if (region == null) {
			errors.put("region", "Région : obligatoire");
		}
		LocalDate closesOn = null;
		try {
			closesOn = closes == null ? null : LocalDate.parse(closes);
		}
		catch (DateTimeParseException e) {
			errors.put("closesAt", "Date de clôture : une date est attendue (AAAA-MM-JJ)");
		}
		if (closesOn == null && !errors.containsKey("closesAt")) {
			errors.put("closesAt", "Date de clôture : obligatoire");
		}
		if (errors.isEmpty()) {
			try {
				var campaign = campaigns.open(user, new NewCampaign(programme, region, title,
						closesOn.atTime(LocalTime.of(23, 59)).atZone(Labels.PARIS).toOffsetDateTime()));
				redirect.addFlashAttribute("message", "Campagne ouverte : " + campaign.title() + ".");
				return "redirect:/administration/campagnes";
			}
			catch (InvalidInput e) {
				e.errors().forEach(error -> errors.merge(error.field() == null ? "" : error.field(), error.message(),
						(one, other) -> one + " " + other));
			}
		}
		response.setStatus(400);
		model.addAttribute("values", params);
		return campaignsPage(model, Paging.first(), errors);
	}

	@PostMapping("/administration/campagnes/{id}/annonce")
	String announce(@AuthenticationPrincipal JalonUser user, @PathVariable String id, RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		try {
			var campaign = campaigns.announce(user, id);
			redirect.addFlashAttribute("message", "Résultats annoncés : " + campaign.title() + ".");
		}
		catch (Conflict e) {
			redirect.addFlashAttribute("failure", e.getMessage());
		}
		return "redirect:/administration/campagnes";
	}

	private String campaignsPage(Model model, Paging paging, Map<String, String> errors) {
		var page = campaigns.list(null, paging);
		model.addAttribute("campaigns", page.getContent());
		model.addAttribute("total", page.getTotalElements());
		model.addAttribute("paging", paging);
		model.addAttribute("programmes", campaignProgrammes());
		model.addAttribute("regions", territories.regions());
		model.addAttribute("errors", errors);
		model.addAttribute("counts", counts.byCampaign(page.getContent().stream().map(campaign -> campaign.id()).toList()));
		return "admin/campagnes";
	}

	/** The programmes in use that run campaigns. */
	private List<ProgrammeName> campaignProgrammes() {
		return ProgrammeName.all(referentials)
			.stream()
			.filter(programme -> referentials.definition(programme.id()).map(Referential::runsCampaigns).orElse(false))
			.toList();
	}

}
