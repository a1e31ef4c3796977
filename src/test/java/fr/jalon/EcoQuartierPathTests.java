package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The EcoQuartier label path, driven over HTTP as the demo accounts would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EcoQuartierPathTests {

	@Autowired
	TestRestTemplate http;

	Api albi;

	Api rodez;

	JsonNode referential;

	@BeforeEach
	void signIn() {
		albi = as("mairie-albi");
		rodez = as("mairie-rodez");
		referential = albi.get("/api/referentials/ecoquartier").getBody();
	}

	@Test
	void labelsACandidacyAfterOneRequestForChanges() throws Exception {
		ResponseEntity<JsonNode> created = albi.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004", "title", "Écoquartier de la Madeleine",
						"description", "Reconversion d'une friche près du centre."));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = created.getBody().get("id").asText();
		assertThat(created.getHeaders().getLocation()).hasToString("/api/candidacies/" + id);
		assertThat(created.getBody().get("stage").asText()).isEqualTo("CHARTER");
		assertThat(created.getBody().get("status").asText()).isEqualTo("IN_PROGRESS");
		assertThat(created.getBody().get("referentialVersion").asInt()).isEqualTo(1);

		// Charter: nothing can be submitted without the signed charter.
		String submitCharter = albi.task(id, "SubmitCharter");
		ResponseEntity<JsonNode> incomplete = albi.complete(submitCharter, Map.of("outcome", "SUBMIT"));
		assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(texts(incomplete.getBody().get("missing"))).containsExactly("document:signed-charter");

		byte[] charter = Api.pdf("charte signée par le maire");
		ResponseEntity<JsonNode> uploaded = albi.upload(id, "signed-charter", "charte.pdf", charter);
		assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(uploaded.getBody().get("sha256").asText())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(charter)));
		assertThat(albi.bytes("/api/candidacies/" + id + "/documents/" + uploaded.getBody().get("id").asText())
			.getBody()).isEqualTo(charter);
		assertThat(albi.complete(submitCharter, Map.of("outcome", "SUBMIT")).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(albi.complete(submitCharter, Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);

		// The DDT of the Tarn checks it, asks for a change once, then approves.
		Api ddt = as("ddt-81");
		String verify = ddt.task(id, "VerifyCharter");
		ResponseEntity<JsonNode> unmotivated = ddt.complete(verify, Map.of("outcome", "REQUEST_CHANGES"));
		assertThat(unmotivated.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(texts(unmotivated.getBody().get("missing"))).containsExactly("comment");
		assertThat(ddt.complete(verify, Map.of("outcome", "REQUEST_CHANGES", "comment", "Joindre la délibération."))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		JsonNode contract = ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE")).getBody();
		assertThat(contract.get("stage").asText()).isEqualTo("CONTRACT");

		// Contract: every commitment answered, every indicator targeted.
		String submitContract = albi.task(id, "SubmitContract");
		Map<String, Object> partial = Map.of("outcome", "SUBMIT", "assessment",
				Map.of(Answers.ids(referential, "criteria").get(0), Map.of("level", "SATISFACTORY", "comment", "Concertation menée.")));
		ResponseEntity<JsonNode> partialAnswer = albi.complete(submitContract, partial);
		assertThat(partialAnswer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(texts(partialAnswer.getBody().get("missing"))).contains("assessment:" + Answers.ids(referential, "criteria").get(1),
				"indicator:" + Answers.ids(referential, "indicators").get(0));
		assertThat(albi.complete(submitContract, Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "SATISFACTORY"),
				"indicators", Answers.indicators(referential, "target", 40.0)))
			.getStatusCode()).isEqualTo(HttpStatus.OK);

		// Two experts, never the same one twice.
		Api expert1 = as("expert-1");
		Api expert2 = as("expert-2");
		assertThat(expert1.complete(expert1.task(id, "AssessAsCoordinatingExpert"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "PARTIAL")))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(expert1.tasks(id)).extracting(task -> task.get("key").asText()).doesNotContain("AssessAsSecondExpert");
		String second = expert2.task(id, "AssessAsSecondExpert");
		assertThat(expert1.complete(second, Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "PARTIAL")))
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(expert2.complete(second, Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "SATISFACTORY")))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(expert2.tasks(id)).isEmpty();
		assertThat(expert1.complete(expert1.task(id, "WriteSynthesis"),
				Map.of("outcome", "SUBMIT", "comment", "Projet solide ; mobilités à renforcer."))
			.getStatusCode()).isEqualTo(HttpStatus.OK);

		// The commissions, with the evaluation before them.
		Api occitanie = as("commission-occitanie");
		JsonNode review = occitanie.get("/api/tasks/" + occitanie.task(id, "RegionalCommissionReview")).getBody();
		JsonNode evaluation = review.get("evaluation");
		assertThat(evaluation.get("criteria").get(0).get("levels").get("SELF").asText()).isEqualTo("SATISFACTORY");
		assertThat(evaluation.get("criteria").get(0).get("levels").get("COORDINATING_EXPERT").asText())
			.isEqualTo("PARTIAL");
		assertThat(evaluation.get("indicators").get(0).get("target").asDouble()).isEqualTo(40.0);
		JsonNode threshold = StreamSupport.stream(evaluation.get("rules").spliterator(), false)
			.filter(rule -> rule.get("id").asText().equals("expertise-mostly-satisfactory"))
			.findFirst()
			.orElseThrow();
		assertThat(threshold.get("passed").asBoolean()).isFalse();
		assertThat(threshold.get("reasons").get(0).asText()).startsWith("0 engagement(s) sur 20");
		assertThat(as("commission-paca").get("/api/tasks?candidacy=" + id).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(occitanie.complete(occitanie.task(id, "RegionalCommissionReview"),
				Map.of("outcome", "APPROVE", "comment", "Proposé au label.")).getStatusCode()).isEqualTo(HttpStatus.OK);
		Api nationale = as("commission-nationale");
		JsonNode pilot = nationale.complete(nationale.task(id, "NationalCommissionDecision"),
				Map.of("outcome", "APPROVE")).getBody();
		assertThat(pilot.get("stage").asText()).isEqualTo("PILOT_TEST");

		// Pilot test: measured values, then the site visit.
		assertThat(albi.complete(albi.task(id, "ReportIndicatorValues"),
				Map.of("outcome", "SUBMIT", "indicators", Answers.indicators(referential, "value", 42.0))).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		JsonNode validation = expert2.complete(expert2.task(id, "RecordSiteVisit"),
				Map.of("outcome", "APPROVE", "comment", "Visite du 12 juin.")).getBody();
		assertThat(validation.get("stage").asText()).isEqualTo("VALIDATION");

		JsonNode measured = albi.get("/api/candidacies/" + id + "/evaluation").getBody();
		assertThat(measured.get("indicators").get(0).get("value").asDouble()).isEqualTo(42.0);
		assertThat(measured.get("indicators").findValuesAsText("met")).contains("true");
		assertThat(rodez.get("/api/candidacies/" + id + "/evaluation").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		JsonNode labelled = nationale.complete(nationale.task(id, "ValidateLabel"), Map.of("outcome", "APPROVE"))
			.getBody();
		assertThat(labelled.get("status").asText()).isEqualTo("LABELLED");
		assertThat(albi.tasks(id)).isEmpty();
		List<String> events = texts(labelled.get("history"), "event");
		assertThat(events).startsWith("SUBMITTED", "STAGE_ENTERED", "DOCUMENT_UPLOADED", "SubmitCharter")
			.containsSubsequence("VerifyCharter", "SubmitCharter", "VerifyCharter", "STAGE_ENTERED", "SubmitContract",
					"WriteSynthesis", "RegionalCommissionReview", "NationalCommissionDecision", "STAGE_ENTERED",
					"ReportIndicatorValues", "RecordSiteVisit", "STAGE_ENTERED", "ValidateLabel", "LABELLED");
		assertThat(StreamSupport.stream(labelled.get("history").spliterator(), false)
			.filter(entry -> entry.path("outcome").asText().equals("REQUEST_CHANGES"))
			.map(entry -> entry.get("comment").asText())).containsExactly("Joindre la délibération.");
	}

	@Test
	void adjournsWhenTheRegionalCommissionAdjourns() {
		String id = startedContract(rodez, "12202", "Quartier Bourran");
		Api occitanie = as("commission-occitanie");
		JsonNode adjourned = occitanie.complete(occitanie.task(id, "RegionalCommissionReview"),
				Map.of("outcome", "ADJOURN", "comment", "Recommandation : préciser le plan de gestion des eaux pluviales."))
			.getBody();
		assertThat(adjourned.get("status").asText()).isEqualTo("ADJOURNED");
		assertThat(adjourned.get("stage").asText()).isEqualTo("CONTRACT");
		assertThat(texts(adjourned.get("history"), "comment"))
			.contains("Recommandation : préciser le plan de gestion des eaux pluviales.");
		assertThat(rodez.tasks(id)).isEmpty();
		assertThat(occitanie.tasks(id)).isEmpty();
	}

	@Test
	void withdrawsACandidacyAndClosesItsTasks() {
		String id = submitted(albi, "81004", "Quartier Lapanouse");
		String submitCharter = albi.task(id, "SubmitCharter");
		assertThat(rodez.post("/api/candidacies/" + id + "/withdraw", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("ddt-81").post("/api/candidacies/" + id + "/withdraw", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		JsonNode withdrawn = albi.post("/api/candidacies/" + id + "/withdraw", Map.of("comment", "Projet reporté."))
			.getBody();
		assertThat(withdrawn.get("status").asText()).isEqualTo("WITHDRAWN");
		assertThat(albi.tasks(id)).isEmpty();
		assertThat(albi.complete(submitCharter, Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(albi.post("/api/candidacies/" + id + "/withdraw", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(albi.upload(id, "photo", "photo.pdf", Api.pdf("x")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void keepsEachCollectiviteAndDepartementWithinItsScope() {
		String id = submitted(albi, "81004", "Quartier des Fontanelles");
		ResponseEntity<JsonNode> document = albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		String documentId = document.getBody().get("id").asText();

		assertThat(rodez.get("/api/candidacies/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(rodez.bytes("/api/candidacies/" + id + "/documents/" + documentId).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(rodez.upload(id, "photo", "photo.pdf", Api.pdf("x")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(ids(rodez.all("/api/candidacies"))).doesNotContain(id);
		assertThat(rodez.get("/api/tasks?candidacy=" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		String verify = as("ddt-81").task(id, "VerifyCharter");
		Api aveyron = as("ddt-12");
		assertThat(ids(aveyron.all("/api/candidacies"))).doesNotContain(id);
		assertThat(aveyron.all("/api/tasks").findValuesAsText("candidacyId")).doesNotContain(id);
		assertThat(aveyron.get("/api/tasks/" + verify).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(aveyron.complete(verify, Map.of("outcome", "APPROVE")).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(albi.complete(verify, Map.of("outcome", "APPROVE")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(as("ddt-81").get("/api/tasks/" + verify).getBody().get("key").asText()).isEqualTo("VerifyCharter");
		assertThat(as(null).get("/api/candidacies/" + id).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	// --- helpers

	private Api as(String username) {
		return new Api(http, username);
	}

	private String submitted(Api collectivite, String code, String title) {
		return collectivite
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", code, "title", title))
			.getBody()
			.get("id")
			.asText();
	}

	/** A candidacy whose contract dossier has been assessed by both experts, before the regional commission. */
	private String startedContract(Api collectivite, String code, String title) {
		String id = submitted(collectivite, code, title);
		collectivite.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		collectivite.complete(collectivite.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		Api ddt = as("ddt-" + code.substring(0, 2));
		ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE"));
		collectivite.complete(collectivite.task(id, "SubmitContract"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "PARTIAL"), "indicators", Answers.indicators(referential, "target", 10.0)));
		Api expert1 = as("expert-1");
		Api expert2 = as("expert-2");
		expert1.complete(expert1.task(id, "AssessAsCoordinatingExpert"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "INSUFFICIENT")));
		expert2.complete(expert2.task(id, "AssessAsSecondExpert"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "INSUFFICIENT")));
		expert1.complete(expert1.task(id, "WriteSynthesis"), Map.of("outcome", "SUBMIT", "comment", "Dossier fragile."));
		return id;
	}





	private static List<String> texts(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
	}

	private static List<String> texts(JsonNode array, String field) {
		return StreamSupport.stream(array.spliterator(), false).map(node -> node.path(field).asText()).toList();
	}

	private static List<String> ids(JsonNode array) {
		return texts(array, "id");
	}

}
