package fr.jalon.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import fr.jalon.security.PasswordResets;
import fr.jalon.security.ProConnectRefusal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages around the login form, open to anyone: ProConnect's refusal, and « Mot de passe oublié » (the request of
 * a link by e-mail, then the new password that the link lets one choose).
 */
@Controller
class SignInPages {

	private final PasswordResets resets;

	SignInPages(PasswordResets resets) {
		this.resets = resets;
	}

	/** A ProConnect identity that signs in as no account: why, and no session (security/ProConnect). */
	@GetMapping("/connexion/refus")
	String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
		Object refusal = request.getAttribute(ProConnectRefusal.ATTRIBUTE);
		model.addAttribute("refusal", refusal instanceof ProConnectRefusal known ? known
				: new ProConnectRefusal(ProConnectRefusal.Reason.FAILED, null));
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		return "connexion-refus";
	}

	@GetMapping("/connexion/mot-de-passe-oublie")
	String forgotten(@RequestParam(name = "envoye", required = false) String sent, Model model) {
		model.addAttribute("sent", sent != null);
		model.addAttribute("minutes", PasswordResets.VALIDITY.toMinutes());
		return "mot-de-passe-oublie";
	}

	/** The same answer whether the address is an account's or not: nothing tells which addresses have one. */
	@PostMapping("/connexion/mot-de-passe-oublie")
	String requestLink(@RequestParam(name = "email", required = false) String email) {
		resets.request(email);
		return "redirect:/connexion/mot-de-passe-oublie?envoye";
	}

	@GetMapping(PasswordResets.PAGE)
	String newPassword(@RequestParam(name = "jeton", required = false) String token, HttpServletResponse response,
			Model model) {
		return resets.accountOf(token).map(username -> form(model, token, username, null))
			.orElseGet(() -> invalidLink(response, model));
	}

	@PostMapping(PasswordResets.PAGE)
	String setPassword(@RequestParam(name = "jeton", required = false) String token,
			@RequestParam(name = "password", required = false) String password, HttpServletResponse response,
			Model model) {
		PasswordResets.Outcome outcome = resets.reset(token, password);
		if (outcome instanceof PasswordResets.Changed) {
			return "redirect:/connexion?mot-de-passe-change";
		}
		if (outcome instanceof PasswordResets.Refused refused) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(model, token, resets.accountOf(token).orElse(null), refused.fault());
		}
		return invalidLink(response, model);
	}

	private static String form(Model model, String token, String username, String fault) {
		model.addAttribute("token", token);
		model.addAttribute("username", username);
		model.addAttribute("fault", fault);
		model.addAttribute("minimum", PasswordResets.MIN_PASSWORD_CHARACTERS);
		return "nouveau-mot-de-passe";
	}

	/** Used, expired, or never issued: the same page, 410. */
	private static String invalidLink(HttpServletResponse response, Model model) {
		response.setStatus(HttpServletResponse.SC_GONE);
		model.addAttribute("minutes", PasswordResets.VALIDITY.toMinutes());
		return "lien-invalide";
	}

}
