package fr.jalon.web;

import java.util.LinkedHashMap;
import java.util.Map;

import fr.jalon.review.Draft;
import fr.jalon.review.Drafts;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The drafts of a task's form, from its page (the collectivité's, {@code /collectivite/taches/{id}}, or a
 * reviewer's, {@code /instruction/taches/{id}}): « Enregistrer le brouillon » posts the form here and comes back to
 * the page; the page's script puts it here while the user types; « Abandonner le brouillon » discards it. The
 * service checks that the user may act on the task, as the API's drafts do.
 */
@Controller
class DraftPages {

	/** What a page's form posts beside its fields. */
	private static final String CSRF = "_csrf";

	private final Drafts drafts;

	private final Labels labels;

	DraftPages(Drafts drafts, Labels labels) {
		this.drafts = drafts;
		this.labels = labels;
	}

	@PostMapping("/{space:collectivite|instruction}/taches/{taskId}/brouillon")
	String save(@AuthenticationPrincipal JalonUser user, @PathVariable String space, @PathVariable String taskId,
			@RequestParam Map<String, String> params, RedirectAttributes redirect) {
		requireSpace(user, space);
		Draft draft = drafts.save(user, taskId, values(params));
		redirect.addFlashAttribute("message",
				"Brouillon enregistré le " + labels.date(draft.updated()) + " à " + labels.time(draft.updated()) + ".");
		return "redirect:/" + space + "/taches/" + taskId;
	}

	/** The page's script, while the user types: the status it shows. */
	@PutMapping("/{space:collectivite|instruction}/taches/{taskId}/brouillon")
	@ResponseBody
	Map<String, String> autosave(@AuthenticationPrincipal JalonUser user, @PathVariable String space,
			@PathVariable String taskId, @RequestParam Map<String, String> params) {
		requireSpace(user, space);
		Draft draft = drafts.save(user, taskId, values(params));
		return Map.of("status", "Brouillon enregistré à " + labels.time(draft.updated()));
	}

	@PostMapping("/{space:collectivite|instruction}/taches/{taskId}/brouillon/abandon")
	String discard(@AuthenticationPrincipal JalonUser user, @PathVariable String space, @PathVariable String taskId,
			RedirectAttributes redirect) {
		requireSpace(user, space);
		drafts.discard(user, taskId);
		redirect.addFlashAttribute("message", "Brouillon abandonné : le formulaire repart du dossier.");
		return "redirect:/" + space + "/taches/" + taskId;
	}

	/** The pages of each space check their role, as the task pages themselves. */
	private static void requireSpace(JalonUser user, String space) {
		if (space.equals("collectivite")) {
			Pages.require(user, Role.COLLECTIVITE);
		}
		else {
			Pages.requireReviewer(user);
		}
	}

	private static Map<String, String> values(Map<String, String> params) {
		Map<String, String> values = new LinkedHashMap<>(params);
		values.remove(CSRF);
		return values;
	}

}
