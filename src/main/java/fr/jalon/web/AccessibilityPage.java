package fr.jalon.web;

import fr.jalon.system.French;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public accessibility statement ({@code /accessibilite}, RGAA 4.1 model), rendered from
 * {@code accessibilite.yaml}; the layout's footer reads its conformity state from here too
 * ({@code @accessibilite.state()}).
 */
@Controller("accessibilite")
public class AccessibilityPage {

	private final AccessibilityStatement statement = AccessibilityStatement.read();

	private final String contact;

	AccessibilityPage(@Value("${jalon.mail.from}") String contact) {
		this.contact = contact;
	}

	/** « partiellement conforme », as measured. */
	public String state() {
		return statement.state();
	}

	@GetMapping("/accessibilite")
	String page(Model model) {
		model.addAttribute("statement", statement);
		model.addAttribute("contact", contact);
		model.addAttribute("date", French.date(statement.date().atStartOfDay(French.PARIS).toInstant()));
		return "accessibilite";
	}

}
