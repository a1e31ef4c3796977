package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The accessibility statement ({@code /accessibilite}), public, renders the measured facts of
 * {@code accessibilite.yaml} and nothing it does not hold; the footer of every page reads its state there.
 */
@SpringBootTest(properties = "jalon.test.database=accessibility-statement")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AccessibilityStatementTests {

	@Autowired
	MockMvc mvc;

	@Test
	void rendersTheMeasuredFactsForAnyone() throws Exception {
		AccessibilityStatement facts = AccessibilityStatement.read();
		String page = mvc.perform(get("/accessibilite"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)
			.replace("&nbsp;", " ")
			.replace("&#8239;", " ")
			.replace('\u00a0', ' ')
			.replace('\u202f', ' ')
			.replaceAll("\\s+", " ");
		assertThat(page).contains("<h1>Déclaration d’accessibilité</h1>",
				"Jalon s’engage à rendre son service accessible, conformément à l’article 47 de la loi",
				"n° 2005-102 du 11 février 2005", "RGAA", "État de conformité", "Résultats des tests",
				"Contenus non accessibles", "Établissement de cette déclaration", "Retour d’information et contact",
				"Voies de recours", "Défenseur des droits");
		assertThat(facts.state()).isEqualTo("partiellement conforme");
		assertThat(page).contains("<strong id=\"etat-conformite\">partiellement conforme</strong>",
				"106 critères", facts.tool() + " " + facts.toolVersion(), facts.browser(),
				"Accessibilité : partiellement conforme")
			.doesNotContain("totalement conforme");
		for (AccessibilityStatement.Role role : facts.sample()) {
			for (AccessibilityStatement.Page tested : role.pages()) {
				assertThat(page).contains("<code>" + tested.path() + "</code>");
			}
		}
		facts.nonConformities().forEach(item -> assertThat(page).contains(escaped(item)));
		facts.technologies().forEach(item -> assertThat(page).contains(item));
	}

	@Test
	void everyPageFooterStatesTheConformityOfTheStatement() throws Exception {
		String home = mvc.perform(get("/")).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(home).contains("href=\"/accessibilite\">Accessibilité\u00a0: "
				+ AccessibilityStatement.read().state() + "</a>");
	}

	private static String escaped(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
