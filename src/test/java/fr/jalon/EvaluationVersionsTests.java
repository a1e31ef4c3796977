package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.Completion;
import fr.jalon.system.French;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A candidacy's evidence judged under another referential version than its own ({@code ?version=N}, issue 18): a
 * version 2 that raises a threshold fails a rule the candidacy's version 1 passes, with its reason and the
 * differences; the default call is unchanged and the candidacy keeps version 1. Drafts are for administrators only.
 * A database of its own, since it creates versions other tests do not expect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=evaluation-versions")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class EvaluationVersionsTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	MockMvc mvc;

	@Autowired
	CandidacyService candidacies;

	@Autowired
	UserDetailsService accounts;

	@Test
	void judgesTheEvidenceUnderAnotherVersionWhileItsOwnStillCounts() throws Exception {
		Api admin = new Api(http, "admin");
		Api albi = new Api(http, "mairie-albi");
		JsonNode v1 = admin.get("/api/referentials/ecoquartier").getBody();
		assertThat(v1.get("version").asInt()).isEqualTo(1);
		String id = withEvidence(albi, v1);

		// Under its own version 1: 25 targets of 35 met, at least half expected: the rule passes.
		JsonNode own = albi.get("/api/candidacies/" + id + "/evaluation").getBody();
		assertThat(own.get("referentialVersion").asInt()).isEqualTo(1);
		assertThat(own.get("ownVersion").asInt()).isEqualTo(1);
		assertThat(own.has("differences")).isFalse();
		assertThat(rule(own, "targets-mostly-met").get("passed").asBoolean()).isTrue();
		assertThat(albi.get("/api/candidacies/" + id + "/evaluation?version=1").getBody()).isEqualTo(own);

		// Version 2, a draft: four fifths of the targets expected, one more indicator, one direction reversed.
		ObjectNode v2 = v1.deepCopy();
		v2.put("version", 2).put("title", "Référentiel EcoQuartier, seuils relevés");
		v2.remove("status");
		((ObjectNode) rule(v2, "targets-mostly-met")).put("targetsMetShare", 0.8);
		ArrayNode e01Indicators = (ArrayNode) criterion(v2, "E01").get("indicators");
		e01Indicators.addObject().put("id", "E01-I3").put("title", "Part d'espaces verts").put("unit", "%")
			.put("better", "HIGHER");
		((ObjectNode) indicator(v2, "E03-I2")).put("better", "HIGHER");
		assertThat(admin.post("/api/referentials/ecoquartier/versions", v2).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		// An administrator may judge under a draft: the rule fails under version 2, with its reason.
		JsonNode underV2 = admin.get("/api/candidacies/" + id + "/evaluation?version=2").getBody();
		assertThat(underV2.get("referentialVersion").asInt()).isEqualTo(2);
		assertThat(underV2.get("ownVersion").asInt()).isEqualTo(1);
		JsonNode failing = rule(underV2, "targets-mostly-met");
		assertThat(failing.get("passed").asBoolean()).isFalse();
		assertThat(failing.get("reasons").get(0).asText()).contains("26 cible(s) atteinte(s) sur 36").contains("80");
		JsonNode differences = underV2.get("differences");
		JsonNode targets = byId(differences.get("rules"), "targets-mostly-met");
		assertThat(targets.get("passedUnderOwn").asBoolean()).isTrue();
		assertThat(targets.get("passed").asBoolean()).isFalse();
		assertThat(targets.get("reasons").get(0).asText()).contains("26 cible(s) atteinte(s) sur 36");
		assertThat(differences.get("rules").findValuesAsText("id")).doesNotContain("charter-signed");
		assertThat(differences.get("criteria")).isEmpty();
		assertThat(differences.get("indicators").findValuesAsText("id")).containsExactly("E01-I3");
		assertThat(byId(differences.get("indicators"), "E01-I3").get("onlyIn").asInt()).isEqualTo(2);
		JsonNode reversed = byId(differences.get("met"), "E03-I2");
		assertThat(reversed.get("metUnderOwn").asBoolean()).isFalse();
		assertThat(reversed.get("met").asBoolean()).isTrue();
		assertThat(differences.get("met").findValuesAsText("id")).containsExactly("E03-I2");

		// Nothing changed: the default call answers as before, the candidacy keeps version 1.
		assertThat(albi.get("/api/candidacies/" + id + "/evaluation").getBody()).isEqualTo(own);
		assertThat(albi.get("/api/candidacies/" + id).getBody().get("referentialVersion").asInt()).isEqualTo(1);

		// A draft is for administrators only: the collectivité and its reviewers are refused, naming the version.
		for (String account : List.of("mairie-albi", "ddt-81")) {
			ResponseEntity<JsonNode> refused = new Api(http, account).get("/api/candidacies/" + id + "/evaluation?version=2");
			assertThat(refused.getStatusCode()).as(account).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(refused.getBody().get("detail").asText()).contains("« version »").contains("brouillon");
		}
		// Another collectivité learns nothing of the candidacy, whatever the version.
		Api rodez = new Api(http, "mairie-rodez");
		assertThat(rodez.get("/api/candidacies/" + id + "/evaluation?version=1").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(rodez.get("/api/candidacies/" + id + "/evaluation?version=2").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);

		// Unknown and malformed versions: problems naming the parameter.
		ResponseEntity<JsonNode> unknown = albi.get("/api/candidacies/" + id + "/evaluation?version=9");
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknown.getBody().get("detail").asText()).contains("« version »").contains("9");
		ResponseEntity<JsonNode> malformed = albi.get("/api/candidacies/" + id + "/evaluation?version=deux");
		assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(malformed.getBody().get("errors").findValuesAsText("field")).containsExactly("version");

		// Piloted elsewhere, version 2 is no longer a draft: the reviewers and the collectivité may judge under it.
		assertThat(admin.post("/api/referentials/ecoquartier/versions/2/pilot", Map.of("collectivites", List.of("12202")))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode byReviewer = new Api(http, "ddt-81").get("/api/candidacies/" + id + "/evaluation?version=2").getBody();
		assertThat(byId(byReviewer.get("differences").get("rules"), "targets-mostly-met").get("passed").asBoolean())
			.isFalse();
		assertThat(albi.get("/api/candidacies/" + id + "/evaluation?version=2").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(albi.get("/api/candidacies/" + id).getBody().get("referentialVersion").asInt()).isEqualTo(1);
	}

	@Test
	void thePageChoosesTheVersionWithoutScriptAndHighlightsWhatDiffers() throws Exception {
		Api admin = new Api(http, "admin");
		Api albi = new Api(http, "mairie-albi");
		JsonNode v1 = admin.get("/api/referentials/ecoquartier/versions/1").getBody();
		String id = withEvidence(albi, v1);
		ObjectNode v3 = v1.deepCopy();
		v3.put("version", 3).put("title", "Référentiel EcoQuartier, brouillon de page");
		v3.remove("status");
		((ObjectNode) rule(v3, "targets-mostly-met")).put("targetsMetShare", 0.9);
		assertThat(admin.post("/api/referentials/ecoquartier/versions", v3).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		// By default: the selector, its own version marked and chosen; the draft offered to administrators only.
		String byDefault = page("/candidatures/" + id, "admin").getContentAsString();
		assertThat(byDefault).contains(French.typeset("Évaluer selon la version"))
			.contains("<form method=\"get\" action=\"/candidatures/" + id + "#evaluation\"")
			.contains(French.typeset("Version 1 — Publiée (version de la candidature)"))
			.contains(French.typeset("Version 3 — Brouillon"))
			.doesNotContain("evaluation-autre-version")
			.doesNotContain("data-resultat-different");
		assertThat(page("/candidatures/" + id, "mairie-albi").getContentAsString())
			.contains(French.typeset("Version 1 — Publiée (version de la candidature)"))
			.doesNotContain(French.typeset("Version 3 — Brouillon"));

		// Under version 3: the notice, the rule that now fails marked in words, not colour alone.
		String underV3 = page("/candidatures/" + id + "?version=3", "admin").getContentAsString();
		assertThat(underV3)
			.contains(French.typeset("Évaluation selon la version 3 ; la version de la candidature (1) reste celle qui compte"))
			.contains(French.typeset("Résultat différent selon la version 1"))
			.contains(French.typeset("satisfaite selon la version 1, non satisfaite selon la version 3"))
			.contains(French.typeset("25 cible(s) atteinte(s) sur 35"))
			.containsPattern("<option value=\"3\" selected=\"selected\">");
		assertThat(underV3.split("data-resultat-different", -1)).hasSize(2);

		// The collectivité may not choose the draft (403 page); another collectivité sees no candidacy (404).
		assertThat(page("/candidatures/" + id + "?version=3", "mairie-albi").getStatus()).isEqualTo(403);
		assertThat(page("/candidatures/" + id + "?version=1", "mairie-rodez").getStatus()).isEqualTo(404);
		assertThat(page("/candidatures/" + id + "?version=9", "admin").getStatus()).isEqualTo(404);

		// The reviewer's task page: the same selector and notice, once version 3 is piloted (no longer a draft).
		assertThat(admin.post("/api/referentials/ecoquartier/versions/3/pilot", Map.of("collectivites", List.of("84123")))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		assertThat(albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		String verify = new Api(http, "ddt-81").task(id, "VerifyCharter");
		String taskPage = page("/instruction/taches/" + verify + "?version=3", "ddt-81").getContentAsString();
		assertThat(taskPage).contains(French.typeset("Évaluer selon la version"))
			.contains("action=\"/instruction/taches/" + verify + "#")
			.contains(French.typeset("Version 3 — Pilote"))
			.contains(French.typeset("Évaluation selon la version 3 ; la version de la candidature (1) reste celle qui compte"))
			.contains(French.typeset("Résultat différent selon la version 1"));
		assertThat(page("/instruction/taches/" + verify, "ddt-81").getContentAsString())
			.contains(French.typeset("Version 1 — Publiée (version de la candidature)"))
			.doesNotContain("evaluation-autre-version");
	}

	/** A candidacy of Albi under version 1: every commitment self-assessed, every indicator at 40 targeted, 42 measured. */
	private String withEvidence(Api albi, JsonNode referential) {
		String id = albi.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title",
				"Évaluée selon plusieurs versions")).getBody().get("id").asText();
		Map<String, Completion.LevelInput> assessment = new LinkedHashMap<>();
		Answers.ids(referential, "criteria")
			.forEach(criterion -> assessment.put(criterion, new Completion.LevelInput("SATISFACTORY", "Réponse.")));
		Map<String, Completion.IndicatorInput> targets = new LinkedHashMap<>();
		Map<String, Completion.IndicatorInput> values = new LinkedHashMap<>();
		Answers.ids(referential, "indicators").forEach(indicator -> {
			targets.put(indicator, new Completion.IndicatorInput(40.0, null));
			values.put(indicator, new Completion.IndicatorInput(null, 42.0));
		});
		candidacies.recordCompletion(id, new Completion("SubmitContract", "mairie-albi", "SUBMIT", null, "SELF",
				assessment, "target", targets, null), false);
		candidacies.recordCompletion(id, new Completion("ReportIndicatorValues", "mairie-albi", "SUBMIT", null, null,
				null, "value", values, null), false);
		return id;
	}

	private MockHttpServletResponse page(String path, String username) throws Exception {
		return mvc.perform(get(path).with(user(accounts.loadUserByUsername(username)))).andReturn().getResponse();
	}

	private static JsonNode rule(JsonNode node, String id) {
		return byId(node.has("stageRules") ? node.get("stageRules") : node.get("rules"), id);
	}

	private static JsonNode criterion(JsonNode referential, String id) {
		for (JsonNode dimension : referential.get("dimensions")) {
			for (JsonNode criterion : dimension.get("criteria")) {
				if (criterion.get("id").asText().equals(id)) {
					return criterion;
				}
			}
		}
		throw new AssertionError("no criterion " + id);
	}

	private static JsonNode indicator(JsonNode referential, String id) {
		return referential.findValues("indicators")
			.stream()
			.flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
			.filter(indicator -> indicator.get("id").asText().equals(id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no indicator " + id));
	}

	private static JsonNode byId(JsonNode list, String id) {
		for (JsonNode entry : list) {
			if (entry.get("id").asText().equals(id)) {
				return entry;
			}
		}
		throw new AssertionError("no " + id + " in " + list);
	}

}
