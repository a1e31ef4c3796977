package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fr.jalon.security.Accounts;
import fr.jalon.security.JalonUser;
import fr.jalon.system.French;

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
 * « Comptes » (web/AccountPages): the administrator creates accounts through the service the API uses, naming a
 * collectivité by its name (no INSEE code typed by hand), a département or a region from the official lists; an
 * ambiguous name is an error of that field that lists the candidates, and nothing is created. The same application
 * context as {@link WebPagesTests}.
 */
@SpringBootTest(properties = "jalon.test.database=web-pages")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AccountPagesTests {

	static final String PASSWORD = "un mot de passe provisoire assez long";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Accounts accounts;

	@Test
	void createsACollectivitesAccountByTheNameOfItsCommune() throws Exception {
		MockHttpServletResponse created = mvc
			.perform(as(post("/administration/comptes").param("displayName", "Camille Martin")
				.param("username", "mairie-cordes")
				.param("email", "camille.martin@cordes.example.fr")
				.param("role", "COLLECTIVITE")
				.param("collectivite", "cordes sur ciel")
				.param("password", PASSWORD)
				.with(csrf()), "admin"))
			.andReturn()
			.getResponse();
		assertThat(created.getRedirectedUrl()).isEqualTo("/administration/comptes");
		assertThat(accounts.findById("mairie-cordes")).hasValueSatisfying(account -> {
			assertThat(account.role()).isEqualTo("COLLECTIVITE");
			assertThat(account.scope()).isEqualTo("81069");
			assertThat(account.displayName()).isEqualTo("Camille Martin");
		});
		String page = body(as(get("/administration/comptes?size=500"), "admin"));
		assertThat(page).contains(French.typeset("Commune de Cordes-sur-Ciel"), "mairie-cordes",
				"data-suggestions=\"/collectivites/suggestions\"");
	}

	@Test
	void createsAReviewersAccountForTheDepartementTheRoleAsksFor() throws Exception {
		MockHttpServletResponse created = mvc
			.perform(as(post("/administration/comptes").param("displayName", "Lou Bernard")
				.param("username", "ddt-46-pages")
				.param("role", "DDT")
				.param("departement", "46")
				.param("region", "76")
				.param("password", PASSWORD)
				.with(csrf()), "admin"))
			.andReturn()
			.getResponse();
		assertThat(created.getRedirectedUrl()).isEqualTo("/administration/comptes");
		assertThat(accounts.findById("ddt-46-pages")).hasValueSatisfying(account -> {
			assertThat(account.role()).isEqualTo("DDT");
			assertThat(account.scope()).isEqualTo("46");
		});
	}

	@Test
	void refusesAnAmbiguousNameBesideItsFieldAndCreatesNothing() throws Exception {
		MockHttpServletResponse refused = mvc
			.perform(as(post("/administration/comptes").param("displayName", "Dominique Petit")
				.param("username", "mairie-saint-martin")
				.param("role", "COLLECTIVITE")
				.param("collectivite", "Saint-Martin")
				.param("password", PASSWORD)
				.with(csrf()), "admin"))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(400);
		String html = refused.getContentAsString();
		assertThat(html).contains("Le compte n’a pas été créé", "id=\"erreur-collectivite\"", "href=\"#collectivite\"")
			.containsPattern("désigne plusieurs collectivités[^<]*\\[32389\\]");
		assertThat(accounts.findById("mairie-saint-martin")).isEmpty();

		MockHttpServletResponse noScope = mvc
			.perform(as(post("/administration/comptes").param("username", "ddt-sans-departement")
				.param("role", "DDT")
				.param("password", PASSWORD)
				.with(csrf()), "admin"))
			.andReturn()
			.getResponse();
		assertThat(noScope.getStatus()).isEqualTo(400);
		assertThat(noScope.getContentAsString()).contains("id=\"erreur-departement\"");
		assertThat(accounts.findById("ddt-sans-departement")).isEmpty();
	}

	@Test
	void disablesAndEnablesAnAccountAndIsTheAdministratorsAlone() throws Exception {
		mvc.perform(as(post("/administration/comptes").param("username", "expert-pages")
			.param("role", "EXPERT")
			.param("password", PASSWORD)
			.with(csrf()), "admin"));
		mvc.perform(as(post("/administration/comptes/expert-pages/desactivation").with(csrf()), "admin"));
		assertThat(accounts.findById("expert-pages").orElseThrow().enabled()).isFalse();
		mvc.perform(as(post("/administration/comptes/expert-pages/activation").with(csrf()), "admin"));
		assertThat(accounts.findById("expert-pages").orElseThrow().enabled()).isTrue();

		for (String other : new String[] { "mairie-albi", "ddt-81" }) {
			assertThat(mvc.perform(as(get("/administration/comptes"), other)).andReturn().getResponse().getStatus())
				.as(other)
				.isEqualTo(403);
			assertThat(mvc
				.perform(as(post("/administration/comptes").param("username", "intrus-" + other)
					.param("role", "ADMIN")
					.param("password", PASSWORD)
					.with(csrf()), other))
				.andReturn()
				.getResponse()
				.getStatus()).as(other).isEqualTo(403);
			assertThat(mvc.perform(as(post("/administration/comptes/expert-pages/desactivation").with(csrf()), other))
				.andReturn()
				.getResponse()
				.getStatus()).as(other).isEqualTo(403);
		}
		assertThat(accounts.findById("intrus-mairie-albi")).isEmpty();
		assertThat(accounts.findById("expert-pages").orElseThrow().enabled()).isTrue();
	}

	private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
		return request.with(user((JalonUser) users.loadUserByUsername(username)));
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

}
