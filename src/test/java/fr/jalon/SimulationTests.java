package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.jalon.security.JalonUser;
import fr.jalon.system.French;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The what-if of a referential version ({@code POST /api/referentials/{programme}/versions/{version}/simulation} and
 * its administrator's page): three EcoQuartier candidacies assessed by the coordinating expert (all commitments
 * satisfactory; three quarters of them; none), a draft that raises the share of satisfactory commitments the regional
 * commission expects from 75 % to 90 %: exactly the middle one flips, its reason naming the rule and the share. The
 * same draft published changes nothing for the candidacies in flight. A database of its own: it publishes a version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=simulation")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationTests {

	private static final String RULE = "expertise-mostly-satisfactory";

	@Autowired
	TestRestTemplate http;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UserDetailsService accounts;

	JsonNode referential;

	/** All commitments satisfactory: passes at 75 % and at 90 %. */
	String albi;

	/** Three quarters satisfactory: passes at 75 %, not at 90 %. */
	String rodez;

	/** None satisfactory: fails both. */
	String sault;

	@BeforeAll
	void assessesThreeCandidacies() {
		referential = as("admin").get("/api/referentials/ecoquartier").getBody();
		List<String> criteria = Answers.ids(referential, "criteria");
		int threeQuarters = (int) Math.ceil(0.75 * criteria.size());
		assertThat((double) threeQuarters / criteria.size()).isGreaterThanOrEqualTo(0.75).isLessThan(0.9);
		albi = assessed(as("mairie-albi"), "81004", "Simulation Madeleine", criteria.size(), criteria);
		rodez = assessed(as("mairie-rodez"), "12202", "Simulation Bourran", threeQuarters, criteria);
		sault = assessed(as("mairie-sault"), "84123", "Simulation Sault", 0, criteria);
	}

	@Test
	void aDraftThatRaisesAThresholdFlipsExactlyTheExpectedCandidacyAndPublishingItChangesNothingInFlight() {
		Api admin = as("admin");
		// v2: the regional commission's threshold raised from 75 % to 90 % of the commitments satisfactory.
		ObjectNode draft = referential.deepCopy();
		draft.put("version", 2).put("title", "EcoQuartier, seuil d'expertise relevé");
		draft.remove("status");
		ObjectNode share = (ObjectNode) rule(draft, RULE).get("minimumShare");
		assertThat(share.get("share").asDouble()).isEqualTo(0.75);
		share.put("share", 0.9);
		assertThat(admin.post("/api/referentials/ecoquartier/versions", draft).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		Map<String, Object> before = footprint();
		Map<String, JsonNode> evaluations = evaluations(admin);

		ResponseEntity<JsonNode> answer = admin.post("/api/referentials/ecoquartier/versions/2/simulation", Map.of());
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode simulation = answer.getBody();
		assertThat(simulation.get("version").asInt()).isEqualTo(2);
		assertThat(simulation.get("publishedVersion").asInt()).isEqualTo(1);
		assertThat(simulation.get("candidacies").asInt()).isEqualTo(3);
		JsonNode counted = find(simulation.get("rules"), "id", RULE);
		assertThat(counted.get("passedPublished").asInt()).isEqualTo(2);
		assertThat(counted.get("passedSimulated").asInt()).isEqualTo(1);
		JsonNode unchanged = find(simulation.get("rules"), "id", "contract-dossier-complete");
		assertThat(unchanged.get("passedPublished").asInt()).isEqualTo(3);
		assertThat(unchanged.get("passedSimulated").asInt()).isEqualTo(3);

		// Exactly Rodez flips, on that rule alone, and why: the share found, the one expected.
		assertThat(values(simulation.get("flips"), "candidacy")).containsExactly(rodez);
		JsonNode flip = simulation.get("flips").get(0);
		assertThat(flip.get("collectiviteName").asText()).isEqualTo("Rodez");
		assertThat(flip.get("collectivite").asText()).isEqualTo("12202");
		assertThat(flip.get("region").asText()).isEqualTo("76");
		assertThat(flip.get("stage").asText()).isEqualTo("CONTRACT");
		assertThat(values(flip.get("rules"), "rule")).containsExactly(RULE);
		JsonNode flipped = flip.get("rules").get(0);
		assertThat(flipped.get("before").asBoolean()).isTrue();
		assertThat(flipped.get("after").asBoolean()).isFalse();
		JsonNode reason = flipped.get("reasons").get(0);
		assertThat(reason.get("kind").asText()).isEqualTo("minimumShare");
		assertThat(reason.get("item").asText()).isEqualTo("SATISFACTORY");
		assertThat(reason.get("expected").asText()).isEqualTo("90 %");
		assertThat(reason.get("value").asText()).isNotEqualTo("90 %").endsWith("%");
		assertThat(reason.get("text").asText()).contains("Satisfaisant").contains("< 90 %");

		// By region (Occitanie: Albi and Rodez; Provence-Alpes-Côte d'Azur: Sault) and by stage.
		assertThat(find(simulation.get("byRegion"), "code", "76").get("candidacies").asInt()).isEqualTo(2);
		assertThat(find(simulation.get("byRegion"), "code", "76").get("flips").asInt()).isEqualTo(1);
		assertThat(find(simulation.get("byRegion"), "code", "93").get("flips").asInt()).isZero();
		assertThat(find(simulation.get("byRegion"), "code", "76").get("label").asText()).isEqualTo("Occitanie");
		assertThat(find(simulation.get("byStage"), "code", "CONTRACT").get("candidacies").asInt()).isEqualTo(3);
		assertThat(find(simulation.get("byStage"), "code", "CONTRACT").get("flips").asInt()).isEqualTo(1);

		// The selection: a region, a stage, a period.
		JsonNode paca = admin.post("/api/referentials/ecoquartier/versions/2/simulation", Map.of("region", "93")).getBody();
		assertThat(paca.get("region").asText()).isEqualTo("93");
		assertThat(paca.get("candidacies").asInt()).isEqualTo(1);
		assertThat(paca.get("flips")).isEmpty();
		assertThat(admin.post("/api/referentials/ecoquartier/versions/2/simulation", Map.of("stage", "CHARTER"))
			.getBody().get("candidacies").asInt()).isZero();
		assertThat(admin.post("/api/referentials/ecoquartier/versions/2/simulation",
				Map.of("from", "2000-01-01", "to", "2000-12-31")).getBody().get("candidacies").asInt()).isZero();
		assertThat(admin.post("/api/referentials/ecoquartier/versions/2/simulation",
				Map.of("from", "2000-01-01")).getBody().get("candidacies").asInt()).isEqualTo(3);

		// As CSV: one line per candidacy and rule that flips, with its reason.
		ResponseEntity<byte[]> csv = csv("admin", "/api/referentials/ecoquartier/versions/2/simulation", Map.of());
		assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
		List<String> lines = new String(csv.getBody(), StandardCharsets.UTF_8).replace("\uFEFF", "").lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).startsWith("Candidature;Collectivité;Code de la collectivité;Région;Étape;")
			.contains("Réussie (publiée);Réussie (cette version);Raisons");
		assertThat(lines.get(1)).contains("Simulation Bourran;Rodez;12202;Occitanie;")
			.contains(";" + RULE + ";")
			.contains(";Oui;Non;")
			.contains("< 90 %")
			.endsWith(rodez);

		// Nothing written: the candidacies (their optimistic versions), assessments and indicators as they were.
		assertThat(footprint()).isEqualTo(before);

		// Published: the candidacies in flight keep version 1, and their evaluation is the same.
		assertThat(admin.post("/api/referentials/ecoquartier/versions/2/publish", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		for (String id : List.of(albi, rodez, sault)) {
			assertThat(admin.get("/api/candidacies/" + id).getBody().get("referentialVersion").asInt()).isEqualTo(1);
		}
		assertThat(evaluations(admin)).isEqualTo(evaluations);
		assertThat(find(evaluations.get(rodez).get("rules"), "id", RULE).get("passed").asBoolean()).isTrue();
		// Now the published version itself: no flip.
		JsonNode again = admin.post("/api/referentials/ecoquartier/versions/2/simulation", Map.of()).getBody();
		assertThat(again.get("publishedVersion").asInt()).isEqualTo(2);
		assertThat(again.get("flips")).isEmpty();
	}

	@Test
	void refusesAnUnknownProgrammeOrVersionAndABadSelectionNamingIt() {
		Api admin = as("admin");
		ResponseEntity<JsonNode> programme = admin.post("/api/referentials/inconnu/versions/1/simulation", Map.of());
		assertThat(programme.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(programme.getBody().get("detail").asText()).contains("inconnu");
		ResponseEntity<JsonNode> version = admin.post("/api/referentials/ecoquartier/versions/99/simulation", Map.of());
		assertThat(version.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(version.getBody().get("detail").asText()).contains("99");
		Map<String, Map<String, String>> bad = new LinkedHashMap<>();
		bad.put("from", Map.of("from", "01/03/2026"));
		bad.put("to", Map.of("from", "2026-03-01", "to", "2026-02-01"));
		bad.put("region", Map.of("region", "99"));
		bad.put("stage", Map.of("stage", "NOWHERE"));
		bad.forEach((field, body) -> {
			ResponseEntity<JsonNode> refused = admin.post("/api/referentials/ecoquartier/versions/1/simulation", body);
			assertThat(refused.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getBody().get("errors").findValuesAsText("field")).as(field).containsExactly(field);
		});
		assertThat(as("mairie-albi").post("/api/referentials/ecoquartier/versions/1/simulation", Map.of())
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void showsTheSimulationPageToAdministratorsOnly() throws Exception {
		String page = "/administration/referentiels/ecoquartier/versions/1";
		MockHttpServletResponse version = mvc.perform(get(page).with(user(account("admin")))).andReturn().getResponse();
		assertThat(version.getStatus()).isEqualTo(200);
		assertThat(version.getContentAsString(StandardCharsets.UTF_8)).contains(page + "/simulation")
			.contains(">Simuler<");

		MockHttpServletResponse shown = mvc
			.perform(get(page + "/simulation").param("region", "76").with(user(account("admin"))))
			.andReturn()
			.getResponse();
		assertThat(shown.getStatus()).isEqualTo(200);
		String html = shown.getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains(French.typeset("Réussies (publiée)"), French.typeset("Réussies (cette version)"),
				French.typeset("Par région"), French.typeset("Par étape"), "Occitanie", RULE,
				"simulation.csv?du=&amp;au=&amp;region=76&amp;etape=");

		MockHttpServletResponse refused = mvc
			.perform(get(page + "/simulation").param("du", "hier").with(user(account("admin"))))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("erreur-du")
			.contains(French.typeset("Date invalide"));

		MockHttpServletResponse csv = mvc
			.perform(get(page + "/simulation.csv").param("region", "76").with(user(account("admin"))))
			.andReturn()
			.getResponse();
		assertThat(csv.getStatus()).isEqualTo(200);
		assertThat(csv.getContentType()).startsWith("text/csv");

		for (String account : List.of("mairie-albi", "ddt-81", "expert-1")) {
			assertThat(mvc.perform(get(page + "/simulation").with(user(account(account)))).andReturn().getResponse()
				.getStatus()).as(account).isEqualTo(403);
		}
	}

	// --- helpers

	private Api as(String username) {
		return new Api(http, username);
	}

	private JalonUser account(String username) {
		return (JalonUser) accounts.loadUserByUsername(username);
	}

	/**
	 * A candidacy through its charter and contract (every commitment self-assessed partial, every indicator a
	 * target), then assessed by the coordinating expert: {@code satisfactory} commitments satisfactory, the
	 * others partial.
	 */
	private String assessed(Api collectivite, String code, String title, int satisfactory, List<String> criteria) {
		String id = collectivite
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", code, "title", title))
			.getBody()
			.get("id")
			.asText();
		collectivite.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		assertThat(collectivite.complete(collectivite.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		Api ddt = as("ddt-" + code.substring(0, 2));
		assertThat(ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(collectivite.complete(collectivite.task(id, "SubmitContract"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "PARTIAL"), "indicators",
						Answers.indicators(referential, "target", 10.0)))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Object> assessment = new LinkedHashMap<>();
		for (int i = 0; i < criteria.size(); i++) {
			assessment.put(criteria.get(i), Map.of("level", i < satisfactory ? "SATISFACTORY" : "PARTIAL"));
		}
		Api expert = as("expert-1");
		assertThat(expert.complete(expert.task(id, "AssessAsCoordinatingExpert"),
				Map.of("outcome", "SUBMIT", "assessment", assessment)).getStatusCode()).isEqualTo(HttpStatus.OK);
		return id;
	}

	private Map<String, JsonNode> evaluations(Api admin) {
		Map<String, JsonNode> evaluations = new LinkedHashMap<>();
		for (String id : List.of(albi, rodez, sault)) {
			ResponseEntity<JsonNode> evaluation = admin.get("/api/candidacies/" + id + "/evaluation");
			assertThat(evaluation.getStatusCode()).isEqualTo(HttpStatus.OK);
			evaluations.put(id, evaluation.getBody());
		}
		return evaluations;
	}

	/** What a simulation must not change: each candidacy's optimistic version and stage, and its dossier's rows. */
	private Map<String, Object> footprint() {
		Map<String, Object> footprint = new LinkedHashMap<>();
		for (String id : List.of(albi, rodez, sault)) {
			footprint.put(id, jdbc.queryForMap("select version, stage, status, updated_at from candidacy where id = ?", id));
		}
		footprint.put("assessments", jdbc.queryForList("select candidacy_id, source, criterion, level, at from assessment"
				+ " order by candidacy_id, source, criterion"));
		footprint.put("indicators", jdbc.queryForList("select candidacy_id, indicator, target, measured from"
				+ " indicator_entry order by candidacy_id, indicator"));
		footprint.put("events", jdbc.queryForObject("select count(*) from candidacy_event", Long.class));
		return footprint;
	}

	private ResponseEntity<byte[]> csv(String username, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
		return http.withBasicAuth(username, "demo")
			.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), byte[].class);
	}

	private static JsonNode rule(JsonNode referential, String id) {
		return find(referential.get("stageRules"), "id", id);
	}

	private static JsonNode find(JsonNode array, String field, String value) {
		return StreamSupport.stream(array.spliterator(), false)
			.filter(node -> value.equals(node.path(field).asText()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + field + " " + value + " in " + array));
	}

	private static List<String> values(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		array.forEach(node -> values.add(node.path(field).asText()));
		return values;
	}

}
