package fr.jalon.web;

import java.util.List;

import fr.jalon.security.AccountSessions;
import fr.jalon.security.ApiTokenService;
import fr.jalon.security.ApiTokenService.CreatedToken;
import fr.jalon.security.ApiTokenService.NewToken;
import fr.jalon.security.JalonUser;
import fr.jalon.system.InvalidInput;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Sessions et jetons »: the signed-in user's page sessions and API tokens, through the services the API's
 * {@code /api/me/sessions} and {@code /api/me/tokens} call. A new token's secret is shown in the answer to the form
 * that creates it, never kept in the session (a redirect's flash would write it to the database) and never again.
 */
@Controller
class TokenPages {

	private final ApiTokenService tokens;

	private final AccountSessions sessions;

	TokenPages(ApiTokenService tokens, AccountSessions sessions) {
		this.tokens = tokens;
		this.sessions = sessions;
	}

	@GetMapping("/compte/jetons")
	String page(@AuthenticationPrincipal JalonUser user, HttpServletRequest request, Model model) {
		signedIn(user);
		return page(user, request, model, null, null, List.of());
	}

	@PostMapping("/compte/jetons")
	String create(@AuthenticationPrincipal JalonUser user, @RequestParam(required = false) String name,
			@RequestParam(required = false) Integer expiresInDays, HttpServletRequest request, Model model) {
		signedIn(user);
		try {
			CreatedToken created = tokens.create(user, new NewToken(name, expiresInDays));
			return page(user, request, model, created, null, List.of());
		}
		catch (InvalidInput e) {
			return page(user, request, model, null, name, e.errors().stream().map(error -> error.message()).toList());
		}
	}

	@PostMapping("/compte/jetons/{id}/revocation")
	String revoke(@AuthenticationPrincipal JalonUser user, @PathVariable String id, RedirectAttributes redirect) {
		signedIn(user);
		tokens.revoke(user, id);
		redirect.addFlashAttribute("message", "Jeton révoqué : il ne permet plus aucun appel.");
		return "redirect:/compte/jetons";
	}

	/** « Se déconnecter partout »: every session ends, this one too; the tokens too if asked. */
	@PostMapping("/compte/deconnexion-partout")
	String endEverywhere(@AuthenticationPrincipal JalonUser user,
			@RequestParam(required = false) String revokeTokens, HttpServletRequest request) {
		signedIn(user);
		sessions.endAll(user, revokeTokens != null);
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return "redirect:/connexion?deconnexion";
	}

	private static void signedIn(JalonUser user) {
		if (user == null) {
			throw new fr.jalon.system.Forbidden("Cette page n'est ouverte qu'aux comptes connectés.");
		}
	}

	private String page(JalonUser user, HttpServletRequest request, Model model, CreatedToken created, String name,
			List<String> errors) {
		HttpSession session = request.getSession(false);
		model.addAttribute("sessions", sessions.list(user, session == null ? null : session.getId()));
		model.addAttribute("tokens", tokens.list(user));
		model.addAttribute("created", created);
		model.addAttribute("name", name);
		model.addAttribute("errors", errors);
		model.addAttribute("defaultDays", ApiTokenService.DEFAULT_DAYS);
		model.addAttribute("durations", List.of(30, 90, 180, ApiTokenService.MAX_DAYS));
		return "compte-jetons";
	}

}
