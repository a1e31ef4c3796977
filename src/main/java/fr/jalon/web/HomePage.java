package fr.jalon.web;

import java.util.Map;

import fr.jalon.security.JalonUser;
import fr.jalon.security.SignInMethods;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public welcome page and the login form. */
@Controller
class HomePage {

	/** Demo data on (never in production: ProductionSafeguards): the login page names the demo accounts. */
	private final boolean demoData;

	private final SignInMethods signIn;

	HomePage(@Value("${jalon.demo-data:false}") boolean demoData, SignInMethods signIn) {
		this.demoData = demoData;
		this.signIn = signIn;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal JalonUser user, Model model) {
		model.addAttribute("space", user == null ? null : Pages.home(user));
		return "home";
	}

	/** Where a sign-in lands: the user's own space. */
	@GetMapping("/espace")
	String space(@AuthenticationPrincipal JalonUser user) {
		return "redirect:" + Pages.home(user);
	}

	@GetMapping("/connexion")
	String login(@AuthenticationPrincipal JalonUser user, @RequestParam Map<String, String> params, Model model) {
		if (user != null) {
			return "redirect:" + Pages.home(user);
		}
		model.addAttribute("failed", params.containsKey("erreur"));
		model.addAttribute("locked", params.containsKey("bloque"));
		model.addAttribute("ended", params.containsKey("session-terminee"));
		model.addAttribute("loggedOut", params.containsKey("deconnexion"));
		model.addAttribute("created", params.containsKey("compte-cree"));
		model.addAttribute("demoData", demoData);
		model.addAttribute("passwordChanged", params.containsKey("mot-de-passe-change"));
		model.addAttribute("proconnect", signIn.proconnect());
		model.addAttribute("proconnectPath", SignInMethods.PROCONNECT);
		return "connexion";
	}

}
