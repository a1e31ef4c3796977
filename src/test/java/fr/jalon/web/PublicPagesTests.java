package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The public pages of the footer (« Mentions légales », « Données personnelles », « Plan du site ») for anyone, in
 * the DSFR; the sign-in page names the demo accounts when demo data is on (the test profile's default; off:
 * {@link LoginWithoutDemoDataTests}).
 */
@SpringBootTest(properties = { "jalon.test.database=public-pages", "jalon.operator.name=Ministère de l’Essai",
		"jalon.operator.dpo=dpd@essai.gouv.fr", "jalon.operator.host=Hébergeur d’essai, 1 rue du Test, Paris" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PublicPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Test
	void namesTheDemoAccountsOnTheLoginPageWhenDemoDataIsOn() throws Exception {
		String login = html(get("/connexion"));
		assertThat(login).contains("id=\"comptes-demonstration\"", "mairie-albi", "ddt-81", "admin",
				"<code>demo</code>");
	}

	@Test
	void publishesTheLegalNoticeWithTheOperatorConfigured() throws Exception {
		String page = html(get("/mentions-legales"));
		assertThat(page).contains("<h1>Mentions légales</h1>", "Ministère de l’Essai",
				"Hébergeur d’essai, 1 rue du Test, Paris", "licence Etalab 2.0", "DSFR", "fr-breadcrumb",
				"aria-current=\"page\"");
	}

	@Test
	void tellsWhatPersonalDataJalonKeeps() throws Exception {
		String page = html(get("/donnees-personnelles"));
		assertThat(page).contains("<h1>Données personnelles</h1>", "adresse", "Journal d’audit", "cookie de session",
				"Aucun cookie de mesure d’audience", "article 15", "CNIL", "dpd@essai.gouv.fr", "30 minutes",
				"fr-table__wrapper");
	}

	@Test
	void mapsThePublicPagesAndASignedInUsersMenu() throws Exception {
		String anonymous = html(get("/plan-du-site"));
		assertThat(anonymous).contains("<h1>Plan du site</h1>", "href=\"/certificats/verifier\"",
				"href=\"/mentions-legales\"", "href=\"/donnees-personnelles\"", "href=\"/accessibilite\"",
				"href=\"/connexion\"")
			.doesNotContain("Mon espace", "href=\"/swagger-ui.html\"");
		String albi = html(get("/plan-du-site").with(user(accounts.loadUserByUsername("mairie-albi"))));
		assertThat(albi).contains("Mon espace", "href=\"/collectivite\"", "href=\"/collectivite/candidatures/nouvelle\"",
				"href=\"/compte/courriels\"", "href=\"/swagger-ui.html\"")
			.doesNotContain("href=\"/administration\"");
		String admin = html(get("/plan-du-site").with(user(accounts.loadUserByUsername("admin"))));
		assertThat(admin).contains("href=\"/administration/programmes\"", "href=\"/administration/courriels\"")
			.doesNotContain("href=\"/collectivite/candidatures/nouvelle\"");
	}

	private String html(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

}
