package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Villes et Pays d'art et d'histoire, shipped as two files only, driven over HTTP with its demo accounts:
 * the Pays Midi-Quercy's saisine, the three steps the DRAC validates in turn, the CRPA's opinion, the
 * préfet de région's decision, the ten-year convention, the label and its certificate. What each step
 * requires is read from the programme's referential, not written here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VpahPathTests {

	static final List<String> ACCOUNTS = List.of("pays-midi-quercy", "drac-76", "crpa-76", "prefet-region-76");

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	@Test
	void labelsThePaysMidiQuercyWithItsDemoAccounts() {
		Api pays = new Api(http, "pays-midi-quercy");
		JsonNode programme = pays.get("/api/programmes/vpah").getBody();
		assertThat(programme.get("name").asText()).isEqualTo("Villes et Pays d'art et d'histoire");
		String collectivite = pays.get("/api/collectivites?q=Midi-Quercy").getBody().get(0).get("code").asText();

		ResponseEntity<JsonNode> created = pays.post("/api/candidacies", Map.of("programme", "vpah", "collectivite",
				collectivite, "title", "Pays d'art et d'histoire du Midi-Quercy"));
		assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
		String id = created.getBody().get("id").asText();
		JsonNode referential = pays.get("/api/referentials/vpah").getBody();

		List<String> steps = new ArrayList<>();
		for (int round = 0; round < 40; round++) {
			JsonNode candidacy = pays.get("/api/candidacies/" + id).getBody();
			if (!candidacy.get("status").asText().equals("IN_PROGRESS")) {
				break;
			}
			boolean acted = false;
			for (String account : ACCOUNTS) {
				Api actor = new Api(http, account);
				for (JsonNode task : actor.tasks(id)) {
					steps.add(task.get("key").asText() + " (" + account + ")");
					ResponseEntity<JsonNode> done = actor.complete(task.get("id").asText(),
							handIn(task, referential, type -> assertThat(actor
								.upload(id, type, type + ".pdf", Api.pdf(type))
								.getStatusCode()).isEqualTo(HttpStatus.CREATED)));
					assertThat(done.getStatusCode()).as("%s: %s", task.get("key"), done.getBody())
						.isEqualTo(HttpStatus.OK);
					acted = true;
				}
			}
			assertThat(acted).as("someone has a task after %s", steps).isTrue();
		}

		assertThat(steps).containsExactly("SubmitSaisine (pays-midi-quercy)", "AcknowledgeSaisine (drac-76)",
				"SubmitPerimeterSheet (pays-midi-quercy)", "ValidatePerimeterSheet (drac-76)",
				"SubmitDiagnostic (pays-midi-quercy)", "ValidateDiagnostic (drac-76)",
				"SubmitApplication (pays-midi-quercy)", "ValidateApplication (drac-76)", "CrpaOpinion (crpa-76)",
				"PrefectDecision (prefet-region-76)", "SignConvention (pays-midi-quercy)",
				"CountersignConvention (drac-76)");
		JsonNode labelled = pays.get("/api/candidacies/" + id).getBody();
		List<String> stages = new ArrayList<>();
		labelled.get("history").forEach(event -> {
			if (event.get("event").asText().equals("STAGE_ENTERED")) {
				stages.add(event.get("stage").asText());
			}
		});
		assertThat(stages).as("every stage it declares, in order").containsExactlyElementsOf(ids(programme.get("stages")));
		assertThat(labelled.get("status").asText()).isEqualTo("LABELLED");

		Jobs.runAll(management);
		ResponseEntity<byte[]> pdf = pays.bytes("/api/candidacies/" + id + "/certificate");
		assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
		String code = pdf.getHeaders().getContentDisposition().getFilename().replaceAll("^certificat-|\\.pdf$", "");
		JsonNode verified = new Api(http, null).get("/api/certificates/" + code).getBody();
		assertThat(verified.get("valid").asBoolean()).isTrue();
		assertThat(verified.get("programme").asText()).isEqualTo("vpah");
		assertThat(verified.get("decidedBy").asText()).isEqualTo("Préfet de la région Occitanie");

		assertThat(new Api(http, "ddt-81").get("/api/candidacies/" + id).getStatusCode())
			.as("a role vpah does not grant").isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(new Api(http, "prefet-region-93").get("/api/candidacies/" + id).getStatusCode())
			.as("another region's préfet").isEqualTo(HttpStatus.NOT_FOUND);
	}

	/**
	 * What the step requires, read from the referential: its documents (each type given to {@code upload} first), every
	 * criterion assessed. Also drives VPAH candidacies through the packaged jar ({@link BackupRestore}).
	 */
	static Map<String, Object> handIn(JsonNode task, JsonNode referential, Consumer<String> upload) {
		Map<String, Object> body = new LinkedHashMap<>();
		List<String> outcomes = new ArrayList<>();
		task.get("outcomes").forEach(outcome -> outcomes.add(outcome.asText()));
		body.put("outcome", outcomes.contains("SUBMIT") ? "SUBMIT" : "APPROVE");
		for (JsonNode rule : referential.get("stageRules")) {
			if (rule.get("step").asText().equals(task.get("key").asText()) && rule.has("documents")) {
				rule.get("documents").forEach(type -> upload.accept(type.asText()));
			}
		}
		if (task.hasNonNull("assessmentSource")) {
			JsonNode scale = referential.get("scale");
			String top = scale.get(scale.size() - 1).get("id").asText();
			Map<String, Object> assessment = new LinkedHashMap<>();
			for (JsonNode dimension : referential.get("dimensions")) {
				for (JsonNode criterion : dimension.get("criteria")) {
					assessment.put(criterion.get("id").asText(), Map.of("level", top, "comment", "Démontré."));
				}
			}
			body.put("assessment", assessment);
		}
		return body;
	}

	static List<String> ids(JsonNode array) {
		List<String> ids = new ArrayList<>();
		array.forEach(item -> ids.add(item.get("id").asText()));
		return ids;
	}

}
