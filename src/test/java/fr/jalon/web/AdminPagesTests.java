package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.jalon.Jardins;
import fr.jalon.security.JalonUser;
import fr.jalon.workflow.Programmes;
import fr.jalon.system.French;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The administrator's pages in the State's design system: a breadcrumb below the dashboard, version statuses
 * as French badges, the irreversible actions (publish a version, deploy a programme, announce a campaign)
 * confirmed in a modal inside their form, each form's error beside its field, and none of the old hand-written
 * style sheet's classes. The same application context as {@link WebPagesTests}.
 */
@SpringBootTest(properties = "jalon.test.database=web-pages")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesTests {

	/** Classes of the old style sheet (the hand-written jalon.css, deleted) the administrator's pages no longer use. */
	static final List<String> OLD_CLASSES = List.of("conteneur", "bouton", "alerte", "champ", "tableau", "etiquette",
			"carte", "chapo", "defilant", "fil", "invisible", "formulaire", "aide", "faits", "grille", "actions",
			"fautive", "lignes", "secondaire", "tertiaire", "petit", "en-ligne", "reussite", "echec", "nombre");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	Programmes programmes;

	/** A programme of this test's own, with a published version 1 and a draft version 2. */
	String programme;

	String campaignTitle;

	@BeforeAll
	void deploysAProgrammeWithADraftAndOpensACampaign() throws Exception {
		programme = "jardins-admin-" + System.nanoTime();
		programmes.deploy(as("admin"), Jardins.process(programme).getBytes(StandardCharsets.UTF_8),
				Jardins.referential(programme).getBytes(StandardCharsets.UTF_8));
		MockHttpServletResponse draft = mvc
			.perform(as(multipart("/administration/referentiels/" + programme + "/versions")
				.param("source", Jardins.referential(programme).replace("version: 1", "version: 2"))
				.with(csrf()), "admin"))
			.andReturn()
			.getResponse();
		assertThat(draft.getRedirectedUrl()).isEqualTo("/administration/referentiels/" + programme + "/versions/2");
		campaignTitle = "Campagne des pages " + System.nanoTime();
		MockHttpServletResponse opened = mvc
			.perform(as(post("/administration/campagnes").param("programme", "pvd")
				.param("title", campaignTitle)
				.param("region", "76")
				.param("closesAt", LocalDate.now().plusMonths(2).toString())
				.with(csrf()), "admin"))
			.andReturn()
			.getResponse();
		assertThat(opened.getRedirectedUrl()).isEqualTo("/administration/campagnes");
	}

	@Test
	void showsVersionStatusesAsFrenchBadgesNeverTheirCodes() throws Exception {
		for (String page : List.of("/administration/referentiels", "/administration/programmes/" + programme,
				"/administration/referentiels/" + programme + "/versions/1",
				"/administration/referentiels/" + programme + "/versions/2")) {
			String text = visibleText(body(as(get(page), "admin")));
			assertThat(text).as(page).doesNotContainPattern("\\b(PUBLISHED|DRAFT|PILOT|RETIRED)\\b");
		}
		String list = body(as(get("/administration/referentiels"), "admin"));
		assertThat(list).containsPattern("<p class=\"fr-badge fr-badge--sm fr-badge--success\">Publiée</p>")
			.containsPattern("<p class=\"fr-badge fr-badge--sm fr-badge--info\">Brouillon</p>");
		assertThat(body(as(get("/administration/referentiels/" + programme + "/versions/2"), "admin")))
			.contains("<p class=\"fr-badge fr-badge--sm fr-badge--info\">Brouillon</p>");
	}

	@Test
	void confirmsPublishingDeployingAndAnnouncingInAModalInsideTheirForm() throws Exception {
		String version = body(as(get("/administration/referentiels/" + programme + "/versions/2"), "admin"));
		assertConfirmedInsideForm(version, "/administration/referentiels/" + programme + "/versions/2/publication",
				"publier-version", "Publier la version");
		assertConfirmedInsideForm(body(as(get("/administration/programmes"), "admin")), "/administration/programmes",
				"deployer-programme", "Déployer le programme");
		String campaigns = body(as(get("/administration/campagnes?size=500"), "admin"));
		Matcher row = Pattern.compile("<tr>\\s*<td[^>]*>" + Pattern.quote(campaignTitle.replace("'", "&#39;"))
				+ "</td>.*?</tr>", Pattern.DOTALL).matcher(campaigns);
		assertThat(row.find()).as("the campaign's row").isTrue();
		Matcher action = Pattern.compile("action=\"(/administration/campagnes/[^\"]+/annonce)\"").matcher(row.group());
		assertThat(action.find()).isTrue();
		String id = action.group(1).split("/")[3];
		assertConfirmedInsideForm(row.group(), action.group(1), "annoncer-" + id, "Annoncer les résultats");
	}

	@Test
	void writesTheCampaignFormsErrorsBesideTheirFieldsAndSumsThemUp() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(as(post("/administration/campagnes").param("programme", "pvd")
				.param("title", "")
				.param("region", "76")
				.param("closesAt", "demain")
				.with(csrf()), "admin"))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(400);
		String html = response.getContentAsString();
		assertThat(html)
			.containsPattern("<div class=\"fr-input-group fr-input-group--error\">\\s*<label class=\"fr-label\" for=\"title\">")
			.containsPattern("<input class=\"fr-input fr-input--error\" id=\"title\" name=\"title\"[^>]*"
					+ "aria-invalid=\"true\" aria-describedby=\"erreur-title\">")
			.contains("<p class=\"fr-error-text\" id=\"erreur-title\">" + French.typeset("Titre : obligatoire") + "</p>")
			.containsPattern("id=\"closesAt\"[^>]*aria-invalid=\"true\" aria-describedby=\"erreur-closesAt\"")
			.contains("<p class=\"fr-error-text\" id=\"erreur-closesAt\">" + French.typeset("Date de clôture : une date est attendue"))
			.contains("<a href=\"#title\">" + French.typeset("Titre : obligatoire") + "</a>", "<a href=\"#closesAt\">Date de clôture");
		// The region was right: no error beside it, and what was typed comes back.
		assertThat(html).doesNotContain("erreur-region").contains("value=\"demain\"");
	}

	@Test
	void writesAnUnreadableDocumentsFaultBesideTheTextWithItsLine() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(as(multipart("/administration/referentiels/" + programme + "/versions")
				.param("source", "programme: x\nversion: 3\ntitle: [non fermé\n")
				.with(csrf()), "admin"))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(400);
		String html = response.getContentAsString();
		assertThat(html).containsPattern("<textarea class=\"fr-input fr-input--error\" id=\"source\"[^>]*"
				+ "aria-describedby=\"source-erreur source-illisible\"");
		Matcher alert = Pattern
			.compile("<div class=\"fr-alert fr-alert--error fr-alert--sm fr-mb-3w\" id=\"source-illisible\">\\s*<p>([^<]+)</p>")
			.matcher(html);
		assertThat(alert.find()).as("the reader's fault beside the field").isTrue();
		assertThat(alert.group(1)).containsPattern("ligne \\d");
	}

	@Test
	void putsABreadcrumbOnEveryPageBelowTheDashboardAndNoneOfTheOldClasses() throws Exception {
		List<String> below = List.of("/administration/referentiels", "/administration/referentiels/" + programme
				+ "/versions/1", "/administration/referentiels/" + programme + "/nouvelle",
				"/administration/referentiels/" + programme + "/diff?de=1&a=2", "/administration/programmes",
				"/administration/programmes/" + programme, "/administration/campagnes?size=500",
				"/administration/incidents?size=500", "/administration/courriels?size=500",
				"/administration/comptes?size=500");
		for (String page : below) {
			String html = body(as(get(page), "admin"));
			assertThat(html).as(page)
				.contains("<nav role=\"navigation\" class=\"fr-breadcrumb\"", "Voir le fil d’Ariane",
						"<a class=\"fr-breadcrumb__link\" href=\"/administration\">Tableau de bord</a>")
				.containsPattern("<a class=\"fr-breadcrumb__link\" aria-current=\"page\">[^<]+</a>");
			assertNoOldClasses(page, html);
		}
		String dashboard = body(as(get("/administration"), "admin"));
		assertThat(dashboard).doesNotContain("fr-breadcrumb");
		assertNoOldClasses("/administration", dashboard);
	}

	@Test
	void wrapsEveryTableInTheDsfrsScrollingMarkup() throws Exception {
		for (String page : List.of("/administration", "/administration/referentiels", "/administration/programmes",
				"/administration/programmes/" + programme, "/administration/campagnes",
				"/administration/referentiels/" + programme + "/versions/1")) {
			String html = body(as(get(page), "admin"));
			int tables = html.split("<table", -1).length - 1;
			int wrapped = html.split("<div class=\"fr-table__content\">\\s*<table>", -1).length - 1;
			assertThat(tables).as(page).isPositive().isEqualTo(wrapped);
		}
	}

	// --- helpers

	private void assertConfirmedInsideForm(String html, String action, String id, String confirm) {
		Matcher form = Pattern.compile("<form method=\"post\"[^>]*action=\"" + Pattern.quote(action) + "\"[^>]*>(.*?)</form>",
				Pattern.DOTALL).matcher(html);
		assertThat(form.find()).as(action).isTrue();
		assertThat(form.group(1)).as(action)
			.containsPattern("<button type=\"button\" class=\"fr-btn\" data-fr-opened=\"false\"[^>]*aria-controls=\"" + id + "\"")
			.containsPattern("<dialog class=\"fr-modal\" role=\"dialog\" id=\"" + id + "\"")
			.containsPattern("<button type=\"submit\" class=\"fr-btn\"[^>]*>" + confirm + "</button>");
	}

	private static void assertNoOldClasses(String page, String html) {
		Matcher classes = Pattern.compile("class=\"([^\"]*)\"").matcher(html);
		while (classes.find()) {
			for (String each : classes.group(1).trim().split("\\s+")) {
				assertThat(OLD_CLASSES).as(page + ": class " + each).doesNotContain(each);
			}
		}
	}

	/** The text a reader sees: no script, style nor tag. */
	private static String visibleText(String html) {
		return html.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("(?s)<[^>]*>", " ");
	}

	private JalonUser as(String username) {
		return (JalonUser) accounts.loadUserByUsername(username);
	}

	private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
		return request.with(user(as(username)));
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

}
