package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import fr.jalon.Jardins;
import fr.jalon.Api;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.DocumentService;
import fr.jalon.candidacy.NewCandidacy;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskCompletion;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every page for every role: the expected status (a page, a 403 page, a 404 page, or the login
 * form for the anonymous), never a server error; no collectivité sees another's data; a title
 * with markup is shown as text everywhere; the login form and CSRF protection.
 */
@SpringBootTest(properties = "jalon.test.database=web-pages")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesTests {

	static final String SCRIPT = "<script>alert(1)</script>";

	static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

	/** The roles of the table; {@code null} is the anonymous visitor. */
	static final List<String> ROLES = java.util.Arrays.asList("admin", "mairie-albi", "ddt-81", "expert-1",
			"commission-occitanie", "commission-nationale", "prefet-84", null);

	/** An expected status: 0 stands for the login form (a redirect to /connexion). */
	static final int LOGIN = 0;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	CandidacyService candidacies;

	@Autowired
	DocumentService documents;

	@Autowired
	ReviewService reviews;

	@Autowired
	Referentials referentials;

	@Autowired
	fr.jalon.workflow.Programmes programmes;

	/** Albi's candidacy at the DDT's check of its charter. */
	String atReview;

	String verifyTask;

	String charterDocument;

	/** Albi's candidacy with its charter still to submit. */
	String atCharter;

	String submitTask;

	@BeforeAll
	void candidacies() {
		JalonUser albi = as("mairie-albi");
		atReview = candidacies.submit(albi, new NewCandidacy("ecoquartier", "81004", SCRIPT, "Un titre piégé.", null, null))
			.id();
		charterDocument = documents.upload(albi, atReview, "signed-charter", "charte.pdf", Api.pdf("charte")).id();
		reviews.complete(albi, task(albi, atReview, "SubmitCharter"), new TaskCompletion("SUBMIT", null, null, null, null));
		verifyTask = task(as("ddt-81"), atReview, "VerifyCharter");
		atCharter = candidacies.submit(albi, new NewCandidacy("ecoquartier", "81004", SCRIPT + " 2", null, null, null))
			.id();
		submitTask = task(albi, atCharter, "SubmitCharter");
	}

	@TestFactory
	Stream<DynamicTest> answersEveryPageForEveryRole() {
		Map<String, int[]> table = new LinkedHashMap<>();
		// page                                              admin albi ddt expert c-occ c-nat prefet84 anonymous
		table.put("/",                                       row(200, 200, 200, 200, 200, 200, 200, 200));
		table.put("/connexion",                              row(302, 302, 302, 302, 302, 302, 302, 200));
		table.put("/certificats/verifier",                   row(200, 200, 200, 200, 200, 200, 200, 200));
		table.put("/mentions-legales",                       row(200, 200, 200, 200, 200, 200, 200, 200));
		table.put("/donnees-personnelles",                   row(200, 200, 200, 200, 200, 200, 200, 200));
		table.put("/plan-du-site",                           row(200, 200, 200, 200, 200, 200, 200, 200));
		table.put("/espace",                                 row(302, 302, 302, 302, 302, 302, 302, LOGIN));
		table.put("/collectivite",                           row(403, 200, 403, 403, 403, 403, 403, LOGIN));
		table.put("/collectivite/candidatures/nouvelle",     row(403, 200, 403, 403, 403, 403, 403, LOGIN));
		table.put("/collectivite/taches/" + submitTask,      row(403, 200, 403, 403, 403, 403, 403, LOGIN));
		table.put("/candidatures/" + atReview,               row(200, 200, 200, 200, 200, 200, 404, LOGIN));
		table.put("/candidatures/" + atReview + "?version=1", row(200, 200, 200, 200, 200, 200, 404, LOGIN));
		table.put("/candidatures/" + atReview + "/documents/" + charterDocument,
		                                                     row(200, 200, 200, 200, 200, 200, 404, LOGIN));
		table.put("/candidatures/inconnue",                  row(404, 404, 404, 404, 404, 404, 404, LOGIN));
		table.put("/instruction",                            row(403, 403, 200, 200, 200, 200, 200, LOGIN));
		table.put("/instruction?programme=ecoquartier&etape=CHARTER",
		                                                     row(403, 403, 200, 200, 200, 200, 200, LOGIN));
		table.put("/instruction/candidatures",               row(403, 403, 200, 200, 200, 200, 200, LOGIN));
		table.put("/instruction/taches/" + verifyTask,       row(403, 403, 200, 200, 200, 200, 404, LOGIN));
		table.put("/instruction/taches/inconnue",            row(403, 403, 404, 404, 404, 404, 404, LOGIN));
		table.put("/administration",                         row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/referentiels",            row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/referentiels/ecoquartier/versions/1",
		                                                     row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/referentiels/pvd/versions/1",
		                                                     row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/referentiels/ecoquartier/nouvelle",
		                                                     row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/referentiels/ecoquartier/diff?de=1&a=1",
		                                                     row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/referentiels/inconnu/versions/1",
		                                                     row(404, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/campagnes",               row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/incidents",               row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/incidents/inconnu",       row(404, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/courriels",               row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/courriels/0",             row(404, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/administration/comptes",                 row(200, 403, 403, 403, 403, 403, 403, LOGIN));
		table.put("/compte/courriels",                       row(200, 200, 200, 200, 200, 200, 200, LOGIN));
		table.put("/compte/jetons",                          row(200, 200, 200, 200, 200, 200, 200, LOGIN));
		table.put("/page-inexistante",                       row(404, 404, 404, 404, 404, 404, 404, LOGIN));
		List<DynamicTest> tests = new ArrayList<>();
		table.forEach((page, expected) -> {
			for (int i = 0; i < ROLES.size(); i++) {
				String role = ROLES.get(i);
				int status = expected[i];
				tests.add(DynamicTest.dynamicTest(page + " as " + (role == null ? "anonymous" : role) + " → "
						+ (status == LOGIN ? "login" : status), () -> {
							MockHttpServletResponse response = mvc.perform(as(get(page), role)).andReturn().getResponse();
							assertThat(response.getStatus()).as("status").isLessThan(500);
							if (status == LOGIN) {
								assertThat(response.getStatus()).isEqualTo(302);
								assertThat(response.getRedirectedUrl()).endsWith("/connexion");
							}
							else {
								assertThat(response.getStatus()).isEqualTo(status);
							}
							if (status == 200 && response.getContentType() != null
									&& response.getContentType().startsWith("text/html")) {
								String html = response.getContentAsString();
								assertThat(html).contains("<html lang=\"fr\">");
								assertThat(html.split("<h1", -1)).as("one h1").hasSize(2);
								assertThat(html).doesNotContain(SCRIPT);
							}
							if (status == 403 || status == 404) {
								assertThat(response.getContentAsString()).contains("<h1").doesNotContain("Exception");
							}
						}));
			}
		});
		return tests.stream();
	}

	@Test
	void showsAMarkedUpTitleAsTextOnEveryPageThatShowsIt() throws Exception {
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("/collectivite", "mairie-albi");
		pages.put("/candidatures/" + atReview, "mairie-albi");
		pages.put("/collectivite/taches/" + submitTask, "mairie-albi");
		pages.put("/instruction", "ddt-81");
		pages.put("/instruction/candidatures", "ddt-81");
		pages.put("/instruction/taches/" + verifyTask, "ddt-81");
		pages.put("/administration", "admin");
		for (Map.Entry<String, String> page : pages.entrySet()) {
			String html = body(as(get(page.getKey()), page.getValue()));
			assertThat(html).as(page.getKey()).contains(ESCAPED).doesNotContain(SCRIPT);
		}
	}

	@Test
	void keepsEachCollectiviteToItsOwnData() throws Exception {
		assertThat(status(as(get("/candidatures/" + atReview), "mairie-rodez"))).isEqualTo(404);
		assertThat(status(as(get("/candidatures/" + atReview + "/documents/" + charterDocument), "mairie-rodez")))
			.isEqualTo(404);
		assertThat(status(as(get("/collectivite/taches/" + submitTask), "mairie-rodez"))).isEqualTo(404);
		assertThat(status(as(post("/candidatures/" + atReview + "/retrait").with(csrf()), "mairie-rodez")))
			.isEqualTo(404);
		assertThat(body(as(get("/collectivite"), "mairie-rodez"))).doesNotContain(atReview, atCharter, ESCAPED);
		assertThat(status(as(multipart("/candidatures/" + atReview + "/documents")
			.file(new MockMultipartFile("file", "x.pdf", "application/pdf", Api.pdf("x")))
			.param("type", "photo")
			.with(csrf()), "mairie-rodez"))).isEqualTo(404);
		assertThat(body(as(get("/instruction"), "ddt-12"))).doesNotContain(verifyTask, ESCAPED);
		assertThat(status(as(get("/candidatures/" + atReview + "/certificat"), "mairie-rodez"))).isEqualTo(404);
	}

	@Test
	void handsTheCertificateDownloadToTheCertificateModuleWithinTheSession() throws Exception {
		assertThat(mvc.perform(as(get("/candidatures/" + atReview + "/certificat"), "mairie-albi"))
			.andReturn()
			.getResponse()
			.getForwardedUrl()).isEqualTo("/api/candidacies/" + atReview + "/certificate");
	}

	@Test
	void signsInWithTheFormAndRefusesAPostWithoutToken() throws Exception {
		assertThat(mvc.perform(formLogin("/connexion").user("mairie-albi").password("demo"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/espace");
		assertThat(mvc.perform(formLogin("/connexion").user("mairie-albi").password("faux"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/connexion?erreur");
		assertThat(mvc.perform(post("/connexion").param("username", "mairie-albi").param("password", "demo"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(status(as(post("/collectivite/candidatures").param("programme", "ecoquartier")
			.param("title", "Sans jeton"), "mairie-albi"))).isEqualTo(403);
		assertThat(status(as(post("/candidatures/" + atReview + "/retrait"), "mairie-albi"))).isEqualTo(403);
		assertThat(mvc.perform(as(post("/deconnexion").with(csrf()), "mairie-albi"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/connexion?deconnexion");
		// The API keeps its own chain: HTTP Basic, no session, no CSRF token, problem details.
		MockHttpServletResponse api = mvc.perform(get("/api/candidacies/inconnue").with(httpBasic("mairie-albi", "demo")))
			.andReturn()
			.getResponse();
		assertThat(api.getStatus()).isEqualTo(404);
		assertThat(api.getContentType()).isEqualTo("application/problem+json");
	}

	@Test
	void startsACandidacyUploadsAndCompletesATaskThroughTheForms() throws Exception {
		MockHttpServletResponse blank = mvc
			.perform(as(post("/collectivite/candidatures").param("programme", "ecoquartier").param("title", " ")
				.with(csrf()), "mairie-albi"))
			.andReturn()
			.getResponse();
		assertThat(blank.getStatus()).isEqualTo(400);
		assertThat(blank.getContentAsString()).contains(fr.jalon.system.French.typeset("Titre : obligatoire"));
		String location = mvc
			.perform(as(post("/collectivite/candidatures").param("programme", "ecoquartier")
				.param("title", "Quartier de la gare")
				.with(csrf()), "mairie-albi"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/candidatures/");
		String id = location.substring("/candidatures/".length());
		String task = task(as("mairie-albi"), id, "SubmitCharter");

		MockHttpServletResponse incomplete = mvc
			.perform(as(post("/collectivite/taches/" + task).param("outcome", "SUBMIT").with(csrf()), "mairie-albi"))
			.andReturn()
			.getResponse();
		assertThat(incomplete.getStatus()).isEqualTo(422);
		assertThat(incomplete.getContentAsString()).contains(fr.jalon.system.French.typeset("Document à déposer : Charte signée"));

		MvcResult refused = mvc.perform(as(multipart("/candidatures/" + id + "/documents")
			.file(new MockMultipartFile("file", "charte.txt", "text/plain", "pas un PDF".getBytes()))
			.param("type", "signed-charter")
			.with(csrf()), "mairie-albi")).andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/candidatures/" + id);
		assertThat((String) refused.getFlashMap().get("failure")).startsWith("Seuls les documents PDF, PNG ou JPEG");
		assertThat(mvc.perform(as(multipart("/candidatures/" + id + "/documents")
			.file(new MockMultipartFile("file", "charte.pdf", "application/pdf", Api.pdf("charte")))
			.param("type", "signed-charter")
			.param("retour", "/collectivite/taches/" + task)
			.with(csrf()), "mairie-albi")).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/collectivite/taches/" + task);
		assertThat(mvc
			.perform(as(post("/collectivite/taches/" + task).param("outcome", "SUBMIT").with(csrf()), "mairie-albi"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/candidatures/" + id);

		// The DDT must motivate a request for changes; its recommendation reaches the collectivité.
		String verify = task(as("ddt-81"), id, "VerifyCharter");
		MockHttpServletResponse unmotivated = mvc
			.perform(as(post("/instruction/taches/" + verify).param("outcome", "REQUEST_CHANGES").with(csrf()), "ddt-81"))
			.andReturn()
			.getResponse();
		assertThat(unmotivated.getStatus()).isEqualTo(422);
		assertThat(unmotivated.getContentAsString()).contains("Motivez cette décision");
		assertThat(mvc.perform(as(post("/instruction/taches/" + verify).param("outcome", "REQUEST_CHANGES")
			.param("comment", "Joindre la délibération <b>signée</b>.")
			.with(csrf()), "ddt-81")).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/instruction");
		assertThat(body(as(get("/candidatures/" + id), "mairie-albi")))
			.contains("Joindre la délibération &lt;b&gt;signée&lt;/b&gt;.");
		assertThat(status(as(post("/instruction/taches/" + verify).param("outcome", "APPROVE").with(csrf()), "ddt-81")))
			.isEqualTo(409);
		mvc.perform(as(post("/collectivite/taches/" + task(as("mairie-albi"), id, "SubmitCharter")).param("outcome", "SUBMIT")
			.with(csrf()), "mairie-albi"));
		mvc.perform(as(post("/instruction/taches/" + task(as("ddt-81"), id, "VerifyCharter")).param("outcome", "APPROVE")
			.with(csrf()), "ddt-81"));

		// The contract form: generated from the referential, every commitment and indicator.
		String contract = task(as("mairie-albi"), id, "SubmitContract");
		Referential referential = referentials.published("ecoquartier");
		String form = body(as(get("/collectivite/taches/" + contract), "mairie-albi"));
		referential.criteria().forEach(criterion -> assertThat(form).contains("name=\"level." + criterion.id() + "\""));
		referential.indicators().forEach(indicator -> assertThat(form).contains("name=\"indicator." + indicator.id() + "\""));
		MockHttpServletRequestBuilder answer = post("/collectivite/taches/" + contract).param("outcome", "SUBMIT").with(csrf());
		referential.criteria().forEach(criterion -> answer.param("level." + criterion.id(), "SATISFACTORY"));
		MockHttpServletResponse missingTargets = mvc.perform(as(answer, "mairie-albi")).andReturn().getResponse();
		assertThat(missingTargets.getStatus()).isEqualTo(422);
		assertThat(missingTargets.getContentAsString()).contains("Cible à fixer").contains("selected=\"selected\"");
		referential.indicators().forEach(indicator -> answer.param("indicator." + indicator.id(), "12,5"));
		assertThat(mvc.perform(as(answer, "mairie-albi")).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/candidatures/" + id);
		assertThat(body(as(get("/candidatures/" + id), "mairie-albi"))).contains("Satisfaisant").contains("12,5");
	}

	@Test
	void showsAnInvalidReferentialWithItsFaultsBesideTheirLines() throws Exception {
		String yaml = """
				programme: ecoquartier
				version: 1
				title: Doublon
				scale:
				  - id: LOW
				    label: Bas
				dimensions: []
				""";
		MockHttpServletResponse response = mvc
			.perform(as(multipart("/administration/referentiels/ecoquartier/versions").param("source", yaml).with(csrf()),
					"admin"))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(400);
		String html = response.getContentAsString();
		// The faulty line (« version: 1 », line 2) carries its fault beside it, and the summary links to it.
		assertThat(html).containsPattern("<tr id=\"ligne-2\">\\s*<th scope=\"row\">2</th>\\s*<td><pre[^>]*>version: 1</pre></td>"
				+ "\\s*<td><p class=\"fr-error-text[^\"]*\">/version\u00A0: ")
			.contains("href=\"#ligne-2\"")
			.containsPattern("<textarea[^>]*aria-invalid=\"true\"");
		assertThat(status(as(multipart("/administration/referentiels/ecoquartier/versions").param("source", yaml)
			.with(csrf()), "ddt-81"))).isEqualTo(403);
	}

	// --- helpers

	private int[] row(int... statuses) {
		return statuses;
	}

	@Test
	void showsADeployedProgrammesStagesDataAndStepsInFrench() throws Exception {
		String id = "jardins-pages-" + System.nanoTime();
		programmes.deploy(as("admin"), Jardins.process(id).getBytes(java.nio.charset.StandardCharsets.UTF_8), Jardins.referential(id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		JalonUser albi = as("mairie-albi");
		String candidacy = candidacies.submit(albi, new NewCandidacy(id, "81004", "Jardin des Pages", null, null, null))
			.id();
		documents.upload(albi, candidacy, "plan", "plan.pdf", Api.pdf("plan"));
		reviews.complete(albi, task(albi, candidacy, "SubmitDossier"),
				new TaskCompletion("SUBMIT", null, null, null, Map.of("surface", 420.5)));

		String html = body(as(get("/candidatures/" + candidacy), "mairie-albi"));
		assertThat(html).contains("Jardins partagés", "Jury", "Surface cultivée (m²)", "420,5", "Plan du jardin",
				"Déposer le dossier du jardin");
		assertThat(html).doesNotContain(">JURY<", ">DOSSIER<", ">surface<", ">SubmitDossier<");
	}

	@Test
	void namesACandidacysStepsAsTheVersionItKeepsDeclaresThem() throws Exception {
		String id = "jardins-versions-" + System.nanoTime();
		programmes.deploy(as("admin"), Jardins.process(id).getBytes(java.nio.charset.StandardCharsets.UTF_8), Jardins.referential(id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		JalonUser albi = as("mairie-albi");
		String old = candidacies.submit(albi, new NewCandidacy(id, "81004", "Jardin d'avant", null, null, null)).id();
		byte[] renamed = Jardins.referential(id)
			.replace("version: 1", "version: 2")
			.replace("{ id: DOSSIER, label: \"Dossier\" }", "{ id: DOSSIER, label: \"Dossier de candidature\" }")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		programmes.deploy(as("admin"), Jardins.process(id).getBytes(java.nio.charset.StandardCharsets.UTF_8), renamed);
		String young = candidacies.submit(albi, new NewCandidacy(id, "81004", "Jardin d'après", null, null, null)).id();

		assertThat(body(as(get("/candidatures/" + old), "mairie-albi"))).doesNotContain("Dossier de candidature");
		assertThat(body(as(get("/candidatures/" + young), "mairie-albi"))).contains("Dossier de candidature");
	}

	private JalonUser as(String username) {
		return (JalonUser) accounts.loadUserByUsername(username);
	}

	private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
		return username == null ? request : request.with(user(as(username)));
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	private String task(JalonUser user, String candidacy, String key) {
		return reviews.list(user, candidacy)
			.stream()
			.filter(task -> task.key().equals(key))
			.map(TaskView::id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no task " + key));
	}

}
