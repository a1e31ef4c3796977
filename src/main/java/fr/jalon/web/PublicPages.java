package fr.jalon.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The pages every public service publishes, open to anyone, linked from the footer. */
@Controller
class PublicPages {

	private final Operator operator;

	PublicPages(Operator operator) {
		this.operator = operator;
	}

	@GetMapping("/mentions-legales")
	String legalNotice(Model model) {
		model.addAttribute("operator", operator);
		return "mentions-legales";
	}

	@GetMapping("/donnees-personnelles")
	String personalData(Model model) {
		model.addAttribute("operator", operator);
		return "donnees-personnelles";
	}

	/** The public pages, and a signed-in user's menu (the layout's, from templates/menu.html). */
	@GetMapping("/plan-du-site")
	String siteMap() {
		return "plan-du-site";
	}

}
