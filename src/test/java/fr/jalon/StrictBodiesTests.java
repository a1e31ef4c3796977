package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every JSON body of API.md is read strictly: an unknown field, or a field of the wrong type, is a
 * 400 problem that names it by its path, and changes nothing. Nothing is silently dropped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StrictBodiesTests {

	private static final String UNKNOWN = "champ inconnu";

	@Autowired
	TestRestTemplate http;

	Api albi;

	Api admin;

	@BeforeEach
	void signIn() {
		albi = new Api(http, "mairie-albi");
		admin = new Api(http, "admin");
	}

	// Candidacies

	@Test
	void refusesACandidacyWithAnUnknownFieldAndCreatesNothing() {
		int before = candidacies();
		ResponseEntity<JsonNode> response = albi.post("/api/candidacies",
				candidacyBody("title", "Statut choisi", "status", "LABELLED"));
		assertFault(response, "status", UNKNOWN);
		assertThat(response.getBody().get("detail").asText()).contains("status");
		assertThat(candidacies()).isEqualTo(before);
		assertThat(albi.all("/api/candidacies").findValuesAsText("title")).doesNotContain("Statut choisi");

		assertThat(albi.post("/api/candidacies", candidacyBody("title", "Statut choisi")).getStatusCode())
			.as("the same body without the unknown field")
			.isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void refusesACandidacyWithAMistypedField() {
		int before = candidacies();
		assertFault(albi.post("/api/candidacies", candidacyBody("title", 12)), "title",
				"valeur de type incorrect : texte attendu");
		assertFault(albi.post("/api/candidacies", candidacyBody("partners", "x")), "partners",
				"valeur de type incorrect : liste attendue");
		assertFault(albi.post("/api/candidacies", candidacyBody("partners", List.of("81004", 81004))), "partners[1]",
				"valeur de type incorrect : texte attendu");
		assertFault(albi.post("/api/candidacies", candidacyBody("description", true)), "description",
				"valeur de type incorrect : texte attendu");
		assertFault(albi.post("/api/candidacies", candidacyBody("campaign", Map.of("id", "x"))), "campaign",
				"valeur de type incorrect : texte attendu");
		assertThat(candidacies()).isEqualTo(before);
	}

	@Test
	void refusesAKeyGivenTwice() {
		int before = candidacies();
		assertFault(albi.postRaw("/api/candidacies",
				"{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"Un\",\"title\":\"Deux\"}",
				MediaType.APPLICATION_JSON), "title", "champ en double");
		assertThat(candidacies()).isEqualTo(before);
	}

	@Test
	void refusesAJsonBodyPastTheDocumentBound() {
		int before = candidacies();
		String description = "x".repeat(600 * 1024);
		ResponseEntity<JsonNode> response = albi.postRaw("/api/candidacies",
				"{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"Trop long\",\"description\":\""
						+ description + "\"}",
				MediaType.APPLICATION_JSON);
		assertThat(response.getStatusCode().value()).isEqualTo(413);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("detail").asText()).contains("512 Ko");
		assertThat(candidacies()).isEqualTo(before);
	}

	@Test
	void refusesAnythingAfterTheBody() {
		int before = candidacies();
		ResponseEntity<JsonNode> response = albi.postRaw("/api/candidacies",
				"{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"Un\"} {\"title\":\"Deux\"}",
				MediaType.APPLICATION_JSON);
		assertProblem(response);
		assertThat(candidacies()).isEqualTo(before);
	}

	@Test
	void namesAHugeUnknownFieldWithoutEchoingIt() {
		String name = "k".repeat(20_000);
		ResponseEntity<JsonNode> response = albi.post("/api/candidacies", candidacyBody(name, "v"));
		assertProblem(response);
		JsonNode error = response.getBody().get("errors").get(0);
		assertThat(error.get("field").asText()).startsWith("kkkk").hasSizeLessThan(100);
		assertThat(error.get("message").asText()).isEqualTo(UNKNOWN);
		assertThat(response.getBody().toString()).hasSizeLessThan(2_000);
	}

	/** The YAML converter reads any body whose endpoint does not restrict its type, as strictly as JSON. */
	@Test
	void readsYamlBodiesAsStrictly() {
		String id = newCandidacy();
		String path = "/api/candidacies/" + id + "/withdraw";
		MediaType yaml = MediaType.parseMediaType("application/yaml");
		assertFault(albi.postRaw(path, "comment: Nous retirons\nreason: budget\n", yaml), "reason", UNKNOWN);
		assertFault(albi.postRaw(path, "comment: 2031\n", yaml), "comment", "valeur de type incorrect : texte attendu");
		assertFault(albi.postRaw(path, "comment: Un\ncomment: Deux\n", yaml), "comment", "champ en double");
		assertThat(albi.get("/api/candidacies/" + id).getBody().get("status").asText()).isEqualTo("IN_PROGRESS");
	}

	// Tasks

	@Test
	void refusesACompletionWithAnUnknownFieldAtAnyDepthAndLeavesTheTaskOpen() {
		String id = newCandidacy();
		String task = albi.task(id, "SubmitCharter");
		JsonNode referential = albi.get("/api/referentials/ecoquartier").getBody();
		String criterion = referential.findValue("criteria").get(0).get("id").asText();
		String indicator = referential.findValue("indicators").get(0).get("id").asText();
		JsonNode candidacyBefore = albi.get("/api/candidacies/" + id).getBody();

		assertFault(albi.complete(task, Map.of("outcome", "SUBMIT", "taskId", "autre")), "taskId", UNKNOWN);
		assertFault(albi.complete(task,
				Map.of("outcome", "SUBMIT", "assessment", Map.of(criterion, Map.of("levle", "SATISFACTORY")))),
				"assessment." + criterion + ".levle", UNKNOWN);
		assertFault(albi.complete(task, Map.of("outcome", "SUBMIT", "indicators", Map.of(indicator, Map.of("targte", 10)))),
				"indicators." + indicator + ".targte", UNKNOWN);

		assertThat(albi.task(id, "SubmitCharter")).isEqualTo(task);
		assertThat(albi.get("/api/candidacies/" + id).getBody()).isEqualTo(candidacyBefore);
	}

	@Test
	void refusesACompletionWithAMistypedField() {
		String id = newCandidacy();
		String task = albi.task(id, "SubmitCharter");
		JsonNode referential = albi.get("/api/referentials/ecoquartier").getBody();
		String criterion = referential.findValue("criteria").get(0).get("id").asText();
		String indicator = referential.findValue("indicators").get(0).get("id").asText();

		assertFault(albi.complete(task, Map.of("outcome", List.of("SUBMIT"))), "outcome",
				"valeur de type incorrect : texte attendu");
		assertFault(albi.complete(task, Map.of("outcome", "SUBMIT", "comment", 5)), "comment",
				"valeur de type incorrect : texte attendu");
		assertFault(albi.complete(task, Map.of("outcome", "SUBMIT", "assessment", Map.of(criterion, Map.of("level", 3)))),
				"assessment." + criterion + ".level", "valeur de type incorrect : texte attendu");
		assertFault(albi.complete(task, Map.of("outcome", "SUBMIT", "assessment", Map.of(criterion, "SATISFACTORY"))),
				"assessment." + criterion, "valeur de type incorrect : objet attendu");
		assertFault(albi.complete(task, Map.of("outcome", "SUBMIT", "indicators", Map.of(indicator, Map.of("target", "12")))),
				"indicators." + indicator + ".target", "valeur de type incorrect : nombre attendu");
		assertFault(albi.complete(task, Map.of("outcome", "SUBMIT", "data", List.of())), "data",
				"valeur de type incorrect : objet attendu");

		assertThat(albi.task(id, "SubmitCharter")).isEqualTo(task);
	}

	// Withdrawal

	@Test
	void refusesAWithdrawalWithAnUnknownOrMistypedFieldAndKeepsTheCandidacy() {
		String id = newCandidacy();
		String path = "/api/candidacies/" + id + "/withdraw";
		assertFault(albi.post(path, Map.of("comment", "Nous retirons", "reason", "budget")), "reason", UNKNOWN);
		assertFault(albi.post(path, Map.of("comment", 12)), "comment", "valeur de type incorrect : texte attendu");
		assertThat(albi.get("/api/candidacies/" + id).getBody().get("status").asText()).isEqualTo("IN_PROGRESS");
	}

	// Accounts

	@Test
	void refusesANewAccountWithAnUnknownOrMistypedFieldAndCreatesNone() {
		String username = "strict-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> valid = body("username", username, "password", "un mot de passe solide", "role", "DDT",
				"scope", "31");
		assertFault(admin.post("/api/accounts", with(valid, "enabled", false)), "enabled", UNKNOWN);
		assertFault(admin.post("/api/accounts", with(valid, "scope", 31)), "scope",
				"valeur de type incorrect : texte attendu");
		assertFault(admin.post("/api/accounts", with(valid, "role", List.of("DDT", "ADMIN"))), "role",
				"valeur de type incorrect : texte attendu");
		assertThat(admin.all("/api/accounts").findValuesAsText("username")).doesNotContain(username);
	}

	@Test
	void refusesARescopingWithAnUnknownOrMistypedFieldAndKeepsTheScope() {
		JsonNode before = account("ddt-81");
		assertFault(admin.exchange(HttpMethod.PUT, "/api/accounts/ddt-81/scope",
				body("role", "PREFET", "scope", "81", "region", "76")), "region", UNKNOWN);
		assertFault(admin.exchange(HttpMethod.PUT, "/api/accounts/ddt-81/scope", body("role", "PREFET", "scope", 81)),
				"scope", "valeur de type incorrect : texte attendu");
		assertThat(account("ddt-81")).isEqualTo(before);
	}

	@Test
	void refusesAPasswordChangeWithAnUnknownOrMistypedFieldAndKeepsThePassword() {
		assertFault(admin.exchange(HttpMethod.PUT, "/api/accounts/expert-2/password",
				body("password", "un nouveau mot de passe", "current", "demo")), "current", UNKNOWN);
		assertFault(admin.exchange(HttpMethod.PUT, "/api/accounts/expert-2/password", body("password", 123456789012L)),
				"password", "valeur de type incorrect : texte attendu");
		assertThat(new Api(http, "expert-2").get("/api/tasks").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	// Campaigns

	@Test
	void refusesACampaignWithAnUnknownOrMistypedFieldAndOpensNone() {
		int before = admin.all("/api/campaigns?programme=pvd").size();
		Map<String, Object> valid = body("programme", "pvd", "region", "76", "title", "Campagne stricte", "closesAt",
				OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString());
		assertFault(admin.post("/api/campaigns", with(valid, "announced", true)), "announced", UNKNOWN);
		assertFault(admin.post("/api/campaigns", with(valid, "region", 76)), "region",
				"valeur de type incorrect : texte attendu");
		assertFault(admin.post("/api/campaigns",
				with(valid, "closesAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toEpochSecond())), "closesAt",
				"valeur de type incorrect : date et heure ISO 8601 avec décalage attendue, comme 2031-06-30T18:00:00+02:00");
		assertFault(admin.post("/api/campaigns", with(valid, "closesAt", "dans un mois")), "closesAt",
				"valeur de forme incorrecte : date et heure ISO 8601 avec décalage attendue, comme 2031-06-30T18:00:00+02:00");
		assertThat(admin.all("/api/campaigns?programme=pvd").size()).isEqualTo(before);
	}

	// Referentials: the pilot (the referential body itself is read against its own schema)

	@Test
	void refusesAPilotWithAnUnknownOrMistypedFieldAndChangesNoVersion() {
		JsonNode before = admin.get("/api/referentials/ecoquartier/versions").getBody();
		String path = "/api/referentials/ecoquartier/versions/1/pilot";
		assertFault(admin.post(path, body("collectivites", List.of("81004"), "until", "2031-01-01")), "until", UNKNOWN);
		assertFault(admin.post(path, body("collectivites", "81004")), "collectivites",
				"valeur de type incorrect : liste attendue");
		assertFault(admin.post(path, body("collectivites", List.of(81004))), "collectivites[0]",
				"valeur de type incorrect : texte attendu");
		assertThat(admin.get("/api/referentials/ecoquartier/versions").getBody()).isEqualTo(before);
	}

	// Certificates

	@Test
	void refusesARevocationWithAnUnknownOrMistypedFieldBeforeLookingForTheCertificate() {
		String path = "/api/certificates/INCONNU-0000/revoke";
		assertThat(admin.post(path, body("reason", "Erreur de saisie")).getStatusCode()).as("a readable body")
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertFault(admin.post(path, body("reason", "Erreur de saisie", "notify", true)), "notify", UNKNOWN);
		assertFault(admin.post(path, body("reason", 12)), "reason", "valeur de type incorrect : texte attendu");
	}

	// Helpers

	private static Map<String, Object> candidacyBody(Object... keysAndValues) {
		Map<String, Object> body = body("programme", "ecoquartier", "collectivite", "81004", "title", "Quartier strict");
		for (int i = 0; i < keysAndValues.length; i += 2) {
			body.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return body;
	}

	private static Map<String, Object> body(Object... keysAndValues) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			body.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return body;
	}

	private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(body);
		changed.put(key, value);
		return changed;
	}

	private String newCandidacy() {
		ResponseEntity<JsonNode> created = albi.post("/api/candidacies", candidacyBody());
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return created.getBody().get("id").asText();
	}

	/** Albi's candidacies: the total when the list is paginated, else the list's length. */
	private int candidacies() {
		ResponseEntity<JsonNode> list = albi.get("/api/candidacies");
		String total = list.getHeaders().getFirst("X-Total-Count");
		return total != null ? Integer.parseInt(total) : list.getBody().size();
	}

	private JsonNode account(String username) {
		for (JsonNode account : admin.get("/api/accounts").getBody()) {
			if (account.get("username").asText().equals(username)) {
				return account;
			}
		}
		throw new AssertionError("no account " + username);
	}

	/** A 400 problem whose only error names that field with that message. */
	private static void assertFault(ResponseEntity<JsonNode> response, String field, String message) {
		assertProblem(response);
		JsonNode problem = response.getBody();
		assertThat(problem.get("type").asText()).as(problem.toString()).isEqualTo("urn:jalon:problem:invalid-input");
		assertThat(problem.get("errors")).as(problem.toString()).hasSize(1);
		assertThat(problem.get("errors").get(0).get("field").asText()).as(problem.toString()).isEqualTo(field);
		assertThat(problem.get("errors").get(0).get("message").asText()).as(problem.toString()).isEqualTo(message);
	}

	private static void assertProblem(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		JsonNode problem = response.getBody();
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asText()).isNotBlank();
		assertThat(problem.get("detail").asText()).isNotBlank();
		assertThat(problem.toString()).doesNotContain("Exception", "\tat ", "com.fasterxml", "java.lang");
	}

}
