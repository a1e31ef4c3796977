package fr.jalon;

import static fr.jalon.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Bad requests get the status of API.md with a problem detail, and leave nothing stored. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BadInputTests {

	@Autowired
	TestRestTemplate http;

	Api albi;

	@BeforeEach
	void signIn() {
		albi = new Api(http, "mairie-albi");
	}

	@Test
	void refusesMalformedJson() {
		int before = candidacies();
		ResponseEntity<JsonNode> response = albi.postRaw("/api/candidacies", "{\"programme\": \"ecoquartier\",",
				MediaType.APPLICATION_JSON);
		assertProblem(response, HttpStatus.BAD_REQUEST);
		assertThat(candidacies()).isEqualTo(before);
	}

	@Test
	void refusesAnUnknownProgramme() {
		int before = candidacies();
		ResponseEntity<JsonNode> response = albi.post("/api/candidacies",
				Map.of("programme", "ecocite", "collectivite", "81004", "title", "Titre"));
		assertProblem(response, HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("errors").get(0).get("field").asText()).isEqualTo("programme");
		assertThat(candidacies()).isEqualTo(before);
	}

	@Test
	void refusesAnUnknownCollectivite() {
		int before = candidacies();
		ResponseEntity<JsonNode> response = albi.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "99999", "title", "Titre"));
		assertProblem(response, HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("errors").get(0).get("field").asText()).isEqualTo("collectivite");
		assertThat(candidacies()).isEqualTo(before);
	}

	@Test
	void refusesAMissingTitleNamingTheField() {
		ResponseEntity<JsonNode> response = albi.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004"));
		assertProblem(response, HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("errors").findValuesAsText("field")).containsExactly("title");
	}

	@Test
	void refusesACollectiviteSubmittingForAnother() {
		int before = candidacies();
		ResponseEntity<JsonNode> response = albi.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "12202", "title", "Au nom de Rodez"));
		assertProblem(response, HttpStatus.FORBIDDEN);
		assertThat(candidacies()).isEqualTo(before);
		assertThat(new Api(http, "mairie-rodez").all("/api/candidacies").findValuesAsText("title"))
			.doesNotContain("Au nom de Rodez");
	}

	@Test
	void refusesAReviewerSubmittingACandidacy() {
		assertProblem(new Api(http, "ddt-81").post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004", "title", "Titre")), HttpStatus.FORBIDDEN);
	}

	@Test
	void refusesATextFileAsTheSignedCharter() {
		String id = candidacy();
		ResponseEntity<JsonNode> response = albi.upload(id, "signed-charter", "charte.pdf",
				"Ceci n'est pas un PDF.".getBytes(StandardCharsets.UTF_8));
		assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(documents(id)).isZero();
	}

	@Test
	void refusesAnUploadOverTwentyMegabytes() {
		String id = candidacy();
		byte[] large = new byte[25 * 1024 * 1024];
		System.arraycopy(Api.pdf("grand"), 0, large, 0, 9);
		ResponseEntity<JsonNode> response = albi.upload(id, "signed-charter", "charte.pdf", large);
		assertProblem(response, HttpStatus.PAYLOAD_TOO_LARGE);
		assertThat(documents(id)).isZero();
	}

	@Test
	void refusesAnUnknownDocumentType() {
		String id = candidacy();
		ResponseEntity<JsonNode> response = albi.upload(id, "../../etc/passwd", "charte.pdf", Api.pdf("x"));
		assertProblem(response, HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("errors").findValuesAsText("field")).containsExactly("type");
		assertThat(documents(id)).isZero();
	}

	@Test
	void keepsOnlyTheLastSegmentOfAFileName() {
		String id = candidacy();
		ResponseEntity<JsonNode> response = albi.upload(id, "photo", "../../etc/passwd.pdf", Api.pdf("x"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody().get("filename").asText()).isEqualTo("passwd.pdf");
	}

	@Test
	void refusesAnUnknownOutcomeAndUnknownCriteria() {
		String id = candidacy();
		String task = albi.task(id, "SubmitCharter");
		ResponseEntity<JsonNode> outcome = albi.complete(task, Map.of("outcome", "GRANT"));
		assertProblem(outcome, HttpStatus.BAD_REQUEST);
		assertThat(outcome.getBody().get("errors").findValuesAsText("field")).containsExactly("outcome");
		ResponseEntity<JsonNode> criterion = albi.complete(task,
				Map.of("outcome", "SUBMIT", "assessment", Map.of("E99", Map.of("level", "SATISFACTORY"))));
		assertProblem(criterion, HttpStatus.BAD_REQUEST);
		assertThat(criterion.getBody().get("errors").findValuesAsText("field")).containsExactly("assessment.E99");
		assertThat(albi.task(id, "SubmitCharter")).isEqualTo(task);
	}

	@Test
	void answersAnUnknownTaskOrCandidacyWithNotFound() {
		assertProblem(albi.get("/api/candidacies/nope"), HttpStatus.NOT_FOUND);
		assertProblem(albi.get("/api/tasks/nope"), HttpStatus.NOT_FOUND);
		assertProblem(albi.complete("nope", Map.of("outcome", "SUBMIT")), HttpStatus.NOT_FOUND);
	}

	@Test
	void refusesWrongContentTypesAndBadFilters() {
		assertProblem(albi.postRaw("/api/candidacies", "programme=ecoquartier", MediaType.TEXT_PLAIN),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertProblem(albi.get("/api/candidacies?status=FINISHED"), HttpStatus.BAD_REQUEST);
	}

	private String candidacy() {
		return albi
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title", "Essai"))
			.getBody()
			.get("id")
			.asText();
	}

	private int candidacies() {
		return Integer.parseInt(albi.get("/api/candidacies").getHeaders().getFirst("X-Total-Count"));
	}

	private int documents(String candidacyId) {
		return albi.get("/api/candidacies/" + candidacyId).getBody().get("documents").size();
	}

}
