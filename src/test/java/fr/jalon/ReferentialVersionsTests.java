package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Administrators create, pilot and publish referential versions; candidacies keep the version they
 * started with. A database of its own, since it publishes versions other tests do not expect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=referential-versions")
@ActiveProfiles("test")
class ReferentialVersionsTests {

	private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	@Autowired
	TestRestTemplate http;

	@Test
	void pilotsThenPublishesAVersionWithoutDisturbingCandidaciesInFlight() {
		Api admin = new Api(http, "admin");
		Api albi = new Api(http, "mairie-albi");
		Api rodez = new Api(http, "mairie-rodez");

		// v2: one commitment reworded, the charter rule tightened (a council deliberation too).
		ObjectNode v2 = (ObjectNode) admin.get("/api/referentials/ecoquartier").getBody();
		assertThat(v2.get("version").asInt()).isEqualTo(1);
		v2.put("version", 2).put("title", "Référentiel EcoQuartier, version pilote");
		ObjectNode e03 = (ObjectNode) v2.get("dimensions").get(0).get("criteria").get(2);
		e03.put("title", "Intégrer le coût global dès la conception du projet");
		ArrayNode charterDocuments = (ArrayNode) rule(v2, "charter-signed").get("documents");
		charterDocuments.add("council-deliberation");

		assertThat(albi.post("/api/referentials/ecoquartier/versions", v2).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> created = admin.post("/api/referentials/ecoquartier/versions", v2);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getHeaders().getLocation()).hasToString("/api/referentials/ecoquartier/versions/2");
		assertThat(created.getBody().get("status").asText()).isEqualTo("DRAFT");
		// Sent again as it is: that version, nothing new. Its number with another content: a conflict.
		ResponseEntity<JsonNode> again = admin.post("/api/referentials/ecoquartier/versions", v2);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().get("version").asInt()).isEqualTo(2);
		ObjectNode otherContent = v2.deepCopy().put("title", "Un autre contenu sous le même numéro");
		ResponseEntity<JsonNode> taken = admin.post("/api/referentials/ecoquartier/versions", otherContent);
		assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(taken.getBody().get("errors").findValuesAsText("field")).containsExactly("/version");
		assertThat(admin.get("/api/referentials/ecoquartier/versions").getBody().findValuesAsText("version"))
			.containsExactly("1", "2");

		// A candidacy started under v1 before anything changes.
		String albiInFlight = candidacy(albi, "81004", "Madeleine");
		assertThat(albi.get("/api/candidacies/" + albiInFlight).getBody().get("referentialVersion").asInt())
			.isEqualTo(1);

		// Piloted on Rodez: Rodez runs under v2, Albi still under v1.
		assertThat(albi.post("/api/referentials/ecoquartier/versions/2/pilot", Map.of("collectivites", List.of("81004")))
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		JsonNode piloted = admin
			.post("/api/referentials/ecoquartier/versions/2/pilot", Map.of("collectivites", List.of("12202")))
			.getBody();
		assertThat(piloted.get("status").asText()).isEqualTo("PILOT");
		String rodezPilot = candidacy(rodez, "12202", "Bourran");
		assertThat(rodez.get("/api/candidacies/" + rodezPilot).getBody().get("referentialVersion").asInt())
			.isEqualTo(2);
		String albiSecond = candidacy(albi, "81004", "Lapanouse");
		assertThat(albi.get("/api/candidacies/" + albiSecond).getBody().get("referentialVersion").asInt())
			.isEqualTo(1);
		assertThat(admin.get("/api/referentials/ecoquartier").getBody().get("version").asInt()).isEqualTo(1);

		// Rodez's charter now needs the deliberation: the rule took effect without a restart.
		rodez.upload(rodezPilot, "signed-charter", "charte.pdf", Api.pdf("charte"));
		ResponseEntity<JsonNode> incomplete = rodez.complete(rodez.task(rodezPilot, "SubmitCharter"),
				Map.of("outcome", "SUBMIT"));
		assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(incomplete.getBody().get("missing").toString()).contains("document:council-deliberation");

		// Published: new candidacies everywhere get v2, v1 retires.
		assertThat(rodez.post("/api/referentials/ecoquartier/versions/2/publish", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(admin.post("/api/referentials/ecoquartier/versions/2/publish", Map.of()).getBody().get("status")
			.asText()).isEqualTo("PUBLISHED");
		assertThat(admin.get("/api/referentials/ecoquartier").getBody().get("version").asInt()).isEqualTo(2);
		assertThat(admin.get("/api/referentials/ecoquartier/versions").getBody().findValuesAsText("status"))
			.containsExactly("RETIRED", "PUBLISHED");
		assertThat(admin.post("/api/referentials/ecoquartier/versions/1/publish", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
		String albiAfter = candidacy(albi, "81004", "Fontanelles");
		assertThat(albi.get("/api/candidacies/" + albiAfter).getBody().get("referentialVersion").asInt()).isEqualTo(2);

		// The candidacy in flight keeps v1 and finishes its charter under v1's rules.
		albi.upload(albiInFlight, "signed-charter", "charte.pdf", Api.pdf("charte"));
		JsonNode underV1 = albi.complete(albi.task(albiInFlight, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getBody();
		assertThat(underV1.get("referentialVersion").asInt()).isEqualTo(1);
		assertThat(underV1.get("history").findValuesAsText("event")).contains("SubmitCharter");
		albi.upload(albiAfter, "signed-charter", "charte.pdf", Api.pdf("charte"));
		assertThat(albi.complete(albi.task(albiAfter, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);

		// The diff names what changed.
		JsonNode diff = admin.get("/api/referentials/ecoquartier/versions/1/diff/2").getBody();
		assertThat(diff.get("criteria").get("changed").findValuesAsText("id")).containsExactly(e03.get("id").asText());
		assertThat(diff.get("criteria").get("changed").get(0).get("fields").findValuesAsText("field"))
			.containsExactly("title");
		assertThat(diff.get("stageRules").get("changed").findValuesAsText("id")).containsExactly("charter-signed");
		assertThat(diff.get("criteria").get("added")).isEmpty();
	}

	@Test
	void acceptsYamlAndReportsEveryFaultWithItsLocation() {
		Api admin = new Api(http, "admin");
		String yaml = """
				programme: ecoquartier
				version: 7
				title: "Brouillon fautif"
				scale: []
				dimensions:
				  - id: D1
				    title: "Démarche"
				    criteria: []
				stageRules:
				  - id: r1
				    step: SubmitCharter
				    title: "Règle"
				    minimumLevels:
				      E99: EXEMPLARY
				""";
		ResponseEntity<JsonNode> refused = admin.postRaw("/api/referentials/ecoquartier/versions", yaml,
				MediaType.parseMediaType("application/yaml"));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("errors").findValuesAsText("field")).contains("/scale",
				"/dimensions/0/criteria", "/stageRules/0/minimumLevels/E99");
		assertThat(admin.get("/api/referentials/ecoquartier/versions").getBody().findValuesAsText("version"))
			.doesNotContain("7");
		assertThat(admin.get("/api/referentials/ecoquartier/versions/7").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void downloadsAVersionAsYamlThatUploadsUnchanged() {
		Api admin = new Api(http, "admin");
		int before = admin.get("/api/referentials/pvd/versions").getBody().size();
		ResponseEntity<String> download = yaml("/api/referentials/pvd/versions/1");
		assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(download.getHeaders().getContentType().isCompatibleWith(YAML)).isTrue();
		String v1 = download.getBody();
		assertThat(v1).containsPattern("(?m)^version: 1$").containsPattern("(?m)^status: \"?PUBLISHED\"?$");

		// The same document again: that version, and nothing new.
		ResponseEntity<JsonNode> same = admin.postRaw("/api/referentials/pvd/versions", v1, YAML);
		assertThat(same.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(same.getBody().get("version").asInt()).isEqualTo(1);
		assertThat(same.getBody().get("status").asText()).isEqualTo("PUBLISHED");
		assertThat(admin.get("/api/referentials/pvd/versions").getBody()).hasSize(before);

		// Its number with another content: a conflict naming /version, and nothing stored.
		String otherContent = v1.replaceFirst("(?m)^title: .*$", "title: \"Un autre intitulé\"");
		assertThat(otherContent).isNotEqualTo(v1);
		ResponseEntity<JsonNode> taken = admin.postRaw("/api/referentials/pvd/versions", otherContent, YAML);
		assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(taken.getBody().get("errors").findValuesAsText("field")).containsExactly("/version");
		assertThat(admin.get("/api/referentials/pvd/versions/1").getBody().get("title").asText())
			.isEqualTo("Petites villes de demain : éligibilité et sélection");

		// Edited to a new number: a new draft, which downloads as the same text but for its number (and status).
		String v2 = v1.replaceFirst("(?m)^version: 1$", "version: 2");
		ResponseEntity<JsonNode> created = admin.postRaw("/api/referentials/pvd/versions", v2, YAML);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getHeaders().getLocation()).hasToString("/api/referentials/pvd/versions/2");
		String published = v1.lines().filter(line -> line.startsWith("status: ")).findFirst().orElseThrow();
		assertThat(yaml("/api/referentials/pvd/versions/2").getBody())
			.isEqualTo(v2.replace(published, published.replace("PUBLISHED", "DRAFT")));
		assertThat(admin.get("/api/referentials/pvd/versions").getBody()).hasSize(before + 1);
	}

	@Test
	void refusesAnUnknownKeyNamingItAndStoresNothing() throws Exception {
		Api admin = new Api(http, "admin");
		ObjectNode draft = (ObjectNode) admin.get("/api/referentials/pvd/versions/1").getBody();
		draft.put("version", 9);
		draft.remove("status");
		((ObjectNode) draft.get("stageRules").get(1)).putObject("minimumLevel").put("C1", "STRONG");
		String yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(draft);
		assertThat(yaml).contains("minimumLevel:");

		ResponseEntity<JsonNode> refused = admin.postRaw("/api/referentials/pvd/versions", yaml, YAML);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("errors")).hasSize(1);
		assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("/stageRules/1/minimumLevel");
		assertThat(refused.getBody().get("errors").get(0).get("message").asText()).isEqualTo("champ inconnu");
		assertThat(admin.get("/api/referentials/pvd/versions").getBody().findValuesAsText("version")).doesNotContain("9");
		assertThat(admin.get("/api/referentials/pvd/versions/9").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	/** What an administrator downloads with {@code Accept: application/yaml}: the text. */
	private ResponseEntity<String> yaml(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(YAML));
		return http.withBasicAuth("admin", "demo").exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private static String candidacy(Api collectivite, String code, String title) {
		return collectivite
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", code, "title", title))
			.getBody()
			.get("id")
			.asText();
	}

	private static ObjectNode rule(JsonNode referential, String id) {
		for (JsonNode rule : referential.get("stageRules")) {
			if (rule.get("id").asText().equals(id)) {
				return (ObjectNode) rule;
			}
		}
		throw new AssertionError("no rule " + id);
	}

}
