package fr.jalon.web;

import java.util.List;

import fr.jalon.mail.Outbox;
import fr.jalon.security.AccountService;
import fr.jalon.security.AccountService.MailPreferences;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.Paging;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * E-mails: the administrators' outbox ({@link Outbox}), and each account's own address and digest choice (the
 * service the API's {@code PUT /api/me/mail-preferences} calls).
 */
@Controller
class MailPages {

	private final Outbox outbox;

	private final AccountService accounts;

	MailPages(Outbox outbox, AccountService accounts) {
		this.outbox = outbox;
		this.accounts = accounts;
	}

	@GetMapping("/administration/courriels")
	String list(@AuthenticationPrincipal JalonUser user, Paging paging, Model model) {
		Pages.require(user, Role.ADMIN);
		model.addAttribute("mails", outbox.page(user, paging));
		model.addAttribute("total", outbox.total(user));
		model.addAttribute("paging", paging);
		return "admin/courriels";
	}

	@GetMapping("/administration/courriels/{id}")
	String mail(@AuthenticationPrincipal JalonUser user, @PathVariable long id, Model model) {
		Pages.require(user, Role.ADMIN);
		model.addAttribute("mail", outbox.get(user, id));
		return "admin/courriel";
	}

	@GetMapping("/compte/courriels")
	String preferences(@AuthenticationPrincipal JalonUser user, Model model) {
		signedIn(user);
		return preferencesPage(user, model, List.of());
	}

	@PostMapping("/compte/courriels")
	String savePreferences(@AuthenticationPrincipal JalonUser user, @RequestParam(required = false) String email,
			@RequestParam(required = false) String mailDigest, Model model, RedirectAttributes redirect) {
		signedIn(user);
		try {
			accounts.mailPreferences(user, user.getUsername(), new MailPreferences(email, mailDigest != null));
		}
		catch (InvalidInput e) {
			model.addAttribute("email", email);
			return preferencesPage(user, model, e.errors().stream().map(error -> error.message()).toList());
		}
		redirect.addFlashAttribute("message", "Préférences de courriel enregistrées.");
		return "redirect:/compte/courriels";
	}

	/** Every account sets its own: any signed-in user. */
	private static void signedIn(JalonUser user) {
		if (user == null) {
			throw new fr.jalon.system.Forbidden("Cette page n'est ouverte qu'aux comptes connectés.");
		}
	}

	private String preferencesPage(JalonUser user, Model model, List<String> errors) {
		var account = accounts.own(user);
		if (!model.containsAttribute("email")) {
			model.addAttribute("email", account.email());
		}
		model.addAttribute("account", account);
		model.addAttribute("reviewer", user.isReviewer());
		model.addAttribute("errors", errors);
		return "compte-courriels";
	}

}
