package fr.jalon.web;

import fr.jalon.opendata.OpenDataSchema;
import fr.jalon.opendata.OpenLabels;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The pages every public service publishes, open to anyone, linked from the footer. */
@Controller
class PublicPages {

	private final Operator operator;

	private final OpenDataSchema openDataSchema;

	private final OpenLabels openLabels;

	PublicPages(Operator operator, OpenDataSchema openDataSchema, OpenLabels openLabels) {
		this.operator = operator;
		this.openDataSchema = openDataSchema;
		this.openLabels = openLabels;
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

	/** « Données ouvertes »: the open data set, its licence, its files and its columns, as its schema describes them. */
	@GetMapping("/donnees-ouvertes")
	String openData(Model model) {
		model.addAttribute("schema", openDataSchema);
		model.addAttribute("rows", openLabels.rows().size());
		return "donnees-ouvertes";
	}

	/** The public pages, and a signed-in user's menu (the layout's, from templates/menu.html). */
	@GetMapping("/plan-du-site")
	String siteMap() {
		return "plan-du-site";
	}

}
