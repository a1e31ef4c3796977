package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.Api;
import fr.jalon.PageSession;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.DocumentService;
import fr.jalon.candidacy.NewCandidacy;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskCompletion;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Drafts of task forms: typed half-way, kept on the server across sessions, prefilled, never a decision, gone when
 * the task completes or is withdrawn; only whoever may act on the task reaches its draft, by the API or the pages;
 * a submission's errors stand beside their fields, in French.
 */
@SpringBootTest(properties = "jalon.test.database=drafts")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DraftsTests {

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
	JdbcTemplate jdbc;

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void keepsAHalfTypedContractAcrossSessionsAndShowsEachErrorBesideItsField() throws Exception {
		String candidacy = candidacy("Brouillon du contrat");
		passCharter(candidacy);
		String task = task(as("mairie-albi"), candidacy, "SubmitContract");
		Referential referential = referentials.published("ecoquartier");
		List<Referential.Criterion> criteria = referential.criteria().toList();
		List<Referential.Indicator> indicators = referential.indicators().toList();
		long events = count("select count(*) from candidacy_event where candidacy_id = ?", candidacy);
		long audit = count("select count(*) from audit_entry where candidacy_id = ? or actor = ?", candidacy, "mairie-albi");

		// Half of the dossier typed, saved with « Enregistrer le brouillon » (a plain POST), one target mistyped.
		PageSession first = PageSession.signIn(mvc, "mairie-albi", "demo");
		String page = first.perform(get("/collectivite/taches/" + task)).getContentAsString();
		assertThat(page).contains("Enregistrer le brouillon").contains("id=\"statut-brouillon\" aria-live=\"polite\"")
			.containsPattern("/js/brouillon-[0-9a-f]{32}\\.js");
		MockHttpServletRequestBuilder half = post("/collectivite/taches/" + task + "/brouillon")
			.param("_csrf", PageSession.csrf(page));
		for (int i = 0; i < criteria.size() / 2; i++) {
			half.param("level." + criteria.get(i).id(), "SATISFACTORY")
				.param("comment." + criteria.get(i).id(), "Engagement " + i + " tenu");
		}
		half.param("indicator." + indicators.get(0).id(), "douze");
		half.param("indicator." + indicators.get(1).id(), "12,5");
		MockHttpServletResponse saved = first.perform(half);
		assertThat(saved.getRedirectedUrl()).isEqualTo("/collectivite/taches/" + task);
		assertThat(first.perform(get(saved.getRedirectedUrl())).getContentAsString())
			.containsPattern("Brouillon enregistré le \\d+ \\S+ \\d{4} à \\d+ h \\d{2}\\.");

		// A draft is no decision: the task is still open, nothing in the history or the audit trail.
		assertThat(reviews.get(as("mairie-albi"), task).id()).isEqualTo(task);
		assertThat(count("select count(*) from candidacy_event where candidacy_id = ?", candidacy)).isEqualTo(events);
		assertThat(count("select count(*) from audit_entry where candidacy_id = ? or actor = ?", candidacy, "mairie-albi")).isEqualTo(audit);

		// The session is dropped; signed in again, the form starts from the draft.
		first.perform(post("/deconnexion").param("_csrf", PageSession.csrf(page)));
		assertThat(first.perform(get("/collectivite/taches/" + task)).getRedirectedUrl()).endsWith("/connexion");
		PageSession second = PageSession.signIn(mvc, "mairie-albi", "demo");
		String resumed = second.perform(get("/collectivite/taches/" + task)).getContentAsString();
		assertThat(resumed).containsPattern("Brouillon du <span>\\d+ \\S+ \\d{4} à \\d+ h \\d{2}</span> repris")
			.contains("Abandonner le brouillon")
			.contains("Engagement 0 tenu")
			.contains("value=\"douze\"")
			.contains("value=\"12,5\"");
		assertThat(resumed).containsPattern("<option value=\"SATISFACTORY\" selected=\"selected\">");

		// Submitted as it is: the mistyped target's error stands under it, named in French; what was typed is kept.
		Map<String, String> typed = new LinkedHashMap<>();
		typed.put("outcome", "SUBMIT");
		for (int i = 0; i < criteria.size() / 2; i++) {
			typed.put("level." + criteria.get(i).id(), "SATISFACTORY");
		}
		typed.put("indicator." + indicators.get(0).id(), "douze");
		String token = PageSession.csrf(resumed);
		MockHttpServletResponse invalid = second.perform(submit(task, token, typed));
		assertThat(invalid.getStatus()).isEqualTo(400);
		String mistyped = "indicator." + indicators.get(0).id();
		assertThat(errorBeside(invalid.getContentAsString(), mistyped))
			.isEqualTo("Cible de l'indicateur " + indicators.get(0).id() + " — " + indicators.get(0).title()
					+ " : un nombre est attendu.");
		assertThat(invalid.getContentAsString()).contains("href=\"#" + mistyped + "\"")
			.contains("value=\"douze\"")
			.doesNotContain(mistyped + " :");

		// Corrected, still half done: every missing commitment's message under its own field, the summary linking to it.
		typed.put("indicator." + indicators.get(0).id(), "12");
		MockHttpServletResponse incomplete = second.perform(submit(task, token, typed));
		assertThat(incomplete.getStatus()).isEqualTo(422);
		String html = incomplete.getContentAsString();
		Referential.Criterion missing = criteria.get(criteria.size() - 1);
		assertThat(errorBeside(html, "level." + missing.id()))
			.isEqualTo("Engagement à évaluer : " + missing.id() + " — " + missing.title() + ".");
		assertThat(html).contains("href=\"#level." + missing.id() + "\"");
		assertThat(html).doesNotContain("id=\"erreur-level." + criteria.get(0).id() + "\"");

		// Completed: the draft is gone with the task, in the decision's transaction.
		criteria.forEach(criterion -> typed.put("level." + criterion.id(), "SATISFACTORY"));
		indicators.forEach(indicator -> typed.put("indicator." + indicator.id(), "10"));
		assertThat(second.perform(submit(task, token, typed)).getRedirectedUrl()).isEqualTo("/candidatures/" + candidacy);
		assertThat(count("select count(*) from task_draft where task_id = ?", task)).isZero();
	}

	@Test
	void letsOnlyWhoMayActOnTheTaskReachItsDraftAndNamesAnUnknownField() throws Exception {
		String candidacy = candidacy("Brouillon de l'API");
		String task = task(as("mairie-albi"), candidacy, "SubmitCharter");
		String address = "/api/tasks/" + task + "/draft";

		assertThat(api(get(address), "mairie-albi").getStatus()).isEqualTo(404);
		MockHttpServletResponse saved = api(put(address).content("{\"values\":{\"comment\":\"À relire\"}}"), "mairie-albi");
		assertThat(saved.getStatus()).isEqualTo(200);
		JsonNode draft = json.readTree(api(get(address), "mairie-albi").getContentAsString());
		assertThat(draft.get("values").get("comment").asText()).isEqualTo("À relire");
		assertThat(draft.get("taskId").asText()).isEqualTo(task);
		assertThat(draft.get("updated").asText()).isNotBlank();

		// As the task itself: another collectivité learns nothing (404), a reviewer who sees it may not act (403).
		for (String account : List.of("mairie-rodez", "ddt-12", "prefet-84")) {
			assertThat(api(get("/api/tasks/" + task), account).getStatus()).isEqualTo(404);
			assertThat(api(get(address), account).getStatus()).as(account).isEqualTo(404);
			assertThat(api(put(address).content("{\"values\":{}}"), account).getStatus()).as(account).isEqualTo(404);
			assertThat(api(delete(address), account).getStatus()).as(account).isEqualTo(404);
		}
		for (String account : List.of("ddt-81", "admin", "commission-occitanie")) {
			assertThat(api(get("/api/tasks/" + task), account).getStatus()).isEqualTo(200);
			assertThat(api(get(address), account).getStatus()).as(account).isEqualTo(403);
			assertThat(api(put(address).content("{\"values\":{}}"), account).getStatus()).as(account).isEqualTo(403);
			assertThat(api(delete(address), account).getStatus()).as(account).isEqualTo(403);
		}
		assertThat(api(get(address), null).getStatus()).isEqualTo(401);

		// Only the form's fields, each named when refused; the draft is left as it was.
		MockHttpServletResponse unknown = api(
				put(address).content("{\"values\":{\"comment\":\"x\",\"data.projectManagerAnnualCost\":\"3\",\"bogus\":\"1\"}}"),
				"mairie-albi");
		assertThat(unknown.getStatus()).isEqualTo(400);
		assertThat(unknown.getContentType()).startsWith("application/problem+json");
		JsonNode problem = json.readTree(unknown.getContentAsString());
		assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("values.data.projectManagerAnnualCost",
				"values.bogus");
		assertThat(api(put(address).content("{\"values\":{\"comment\":\"" + "x".repeat(4001) + "\"}}"), "mairie-albi")
			.getStatus()).isEqualTo(400);
		assertThat(api(put(address).content("{\"valeurs\":{}}"), "mairie-albi").getStatus()).isEqualTo(400);
		assertThat(json.readTree(api(get(address), "mairie-albi").getContentAsString()).get("values").get("comment").asText())
			.isEqualTo("À relire");

		// The pages' drafts answer the same way: a 403 page for a role without the space, 404 for another collectivité.
		assertThat(page(post("/collectivite/taches/" + task + "/brouillon").param("comment", "x"), "ddt-81")).isEqualTo(403);
		assertThat(page(post("/instruction/taches/" + task + "/brouillon").param("comment", "x"), "ddt-81")).isEqualTo(403);
		assertThat(page(post("/collectivite/taches/" + task + "/brouillon").param("comment", "x"), "mairie-rodez"))
			.isEqualTo(404);
		assertThat(page(put("/collectivite/taches/" + task + "/brouillon").param("comment", "x"), "admin")).isEqualTo(403);
		assertThat(page(post("/collectivite/taches/" + task + "/brouillon/abandon"), "mairie-rodez")).isEqualTo(404);
		assertThat(page(put("/collectivite/taches/" + task + "/brouillon").param("comment", "Relu"), "mairie-albi"))
			.isEqualTo(200);
		assertThat(page(post("/collectivite/taches/" + task + "/brouillon/abandon"), "mairie-albi")).isEqualTo(302);
		assertThat(api(get(address), "mairie-albi").getStatus()).isEqualTo(404);

		// A withdrawn candidacy's task is gone, and its drafts with it.
		assertThat(api(put(address).content("{\"values\":{\"comment\":\"x\"}}"), "mairie-albi").getStatus()).isEqualTo(200);
		assertThat(api(delete(address), "mairie-albi").getStatus()).isEqualTo(204);
		assertThat(api(put(address).content("{\"values\":{\"comment\":\"x\"}}"), "mairie-albi").getStatus()).isEqualTo(200);
		assertThat(count("select count(*) from task_draft where task_id = ?", task)).isEqualTo(1);
		assertThat(api(post("/api/candidacies/" + candidacy + "/withdraw").content("{}"), "mairie-albi").getStatus())
			.isEqualTo(200);
		assertThat(count("select count(*) from task_draft where task_id = ?", task)).isZero();
		assertThat(api(get(address), "mairie-albi").getStatus()).isEqualTo(409);
	}

	/** The text of the error shown under the field, which the field points at and which follows it directly. */
	private static String errorBeside(String html, String field) {
		String error = "<p class=\"erreur-champ\" id=\"erreur-" + field + "\">";
		int at = html.indexOf("id=\"" + field + "\"");
		int message = html.indexOf(error);
		assertThat(at).as("the field " + field).isPositive();
		assertThat(message).as("the error of " + field).isGreaterThan(at);
		String tag = html.substring(at, html.indexOf('>', at));
		assertThat(tag).contains("aria-invalid=\"true\"").contains("aria-describedby=\"erreur-" + field + "\"");
		String between = html.substring(html.indexOf('>', at) + 1, message);
		assertThat(between.replaceAll("(?s)<option[^>]*>[^<]*</option>", "").replace("</select>", "").strip())
			.as("nothing between the field and its error").isEmpty();
		return html.substring(message + error.length(), html.indexOf("</p>", message)).replace("&#39;", "'");
	}

	private static MockHttpServletRequestBuilder submit(String task, String csrf, Map<String, String> values) {
		MockHttpServletRequestBuilder submit = post("/collectivite/taches/" + task).param("_csrf", csrf);
		values.forEach(submit::param);
		return submit;
	}

	private String candidacy(String title) {
		return candidacies
			.submit(as("mairie-albi"),
					new NewCandidacy("ecoquartier", "81004", title + " " + UUID.randomUUID(), null, null, null))
			.id();
	}

	private void passCharter(String candidacy) {
		JalonUser albi = as("mairie-albi");
		documents.upload(albi, candidacy, "signed-charter", "charte.pdf", Api.pdf("charte"));
		reviews.complete(albi, task(albi, candidacy, "SubmitCharter"), new TaskCompletion("SUBMIT", null, null, null, null));
		JalonUser ddt = as("ddt-81");
		reviews.complete(ddt, task(ddt, candidacy, "VerifyCharter"), new TaskCompletion("APPROVE", null, null, null, null));
	}

	private MockHttpServletResponse api(MockHttpServletRequestBuilder request, String account) throws Exception {
		request.contentType(MediaType.APPLICATION_JSON);
		return mvc.perform(account == null ? request : request.with(httpBasic(account, "demo"))).andReturn().getResponse();
	}

	private int page(MockHttpServletRequestBuilder request, String account) throws Exception {
		return mvc.perform(request.with(csrf()).with(user(as(account)))).andReturn().getResponse().getStatus();
	}

	private long count(String sql, Object... args) {
		return jdbc.queryForObject(sql, Long.class, args);
	}

	private JalonUser as(String username) {
		return (JalonUser) accounts.loadUserByUsername(username);
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
