package fr.jalon.web;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Conflict;
import fr.jalon.system.Paging;
import fr.jalon.workflow.IncidentView;
import fr.jalon.workflow.Incidents;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' incidents: what failed, its error and stack trace, and its retry ({@link Incidents}). */
@Controller
class IncidentPages {

	private final Incidents incidents;

	IncidentPages(Incidents incidents) {
		this.incidents = incidents;
	}

	@GetMapping("/administration/incidents")
	String list(@AuthenticationPrincipal JalonUser user, Paging paging, Model model) {
		Pages.require(user, Role.ADMIN);
		Incidents.Found found = incidents.list(user, paging);
		model.addAttribute("incidents", found.incidents());
		model.addAttribute("total", found.total());
		model.addAttribute("paging", paging);
		return "admin/incidents";
	}

	@GetMapping("/administration/incidents/{id}")
	String incident(@AuthenticationPrincipal JalonUser user, @PathVariable String id, Model model) {
		Pages.require(user, Role.ADMIN);
		model.addAttribute("incident", incidents.get(user, id));
		return "admin/incident";
	}

	@PostMapping("/administration/incidents/{id}/relance")
	String retry(@AuthenticationPrincipal JalonUser user, @PathVariable String id, RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		try {
			IncidentView retried = incidents.retry(user, id);
			redirect.addFlashAttribute("message", "Travail relancé : " + retried.activity()
					+ (retried.candidacyId() == null ? "" : " (candidature " + retried.candidacyId() + ")")
					+ ". Le moteur l'exécute dès qu'il le peut ; s'il échoue encore, un nouvel incident s'ouvre.");
		}
		catch (Conflict e) {
			redirect.addFlashAttribute("failure", e.getMessage());
		}
		return "redirect:/administration/incidents";
	}

}
