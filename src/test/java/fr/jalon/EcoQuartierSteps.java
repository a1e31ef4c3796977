package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * EcoQuartier's path over HTTP as the demo accounts walk it, every step approved: the charter (the collectivité, its
 * département's DDT), then the contract to the label (the two experts, Occitanie's regional commission, the national
 * commission). The tests that need a candidacy engaged or labelled, not the path itself, start from here.
 */
public final class EcoQuartierSteps {

	private final TestRestTemplate http;

	public EcoQuartierSteps(TestRestTemplate http) {
		this.http = http;
	}

	public Api as(String username) {
		return new Api(http, username);
	}

	/** A new EcoQuartier candidacy of that collectivité, its id. */
	public String submitted(Api collectivite, String code, String title) {
		return collectivite
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", code, "title", title))
			.getBody()
			.get("id")
			.asText();
	}

	/** The signed charter submitted, then approved by the département's DDT. */
	public void approveCharter(Api collectivite, String id, String departement) {
		collectivite.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		ok(collectivite.complete(collectivite.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")));
		Api ddt = as("ddt-" + departement);
		ok(ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE")));
	}

	/** From the contract to the label, every commitment satisfactory, every step approved: the candidacy LABELLED. */
	public void label(Api collectivite, String id) {
		JsonNode referential = collectivite.get("/api/referentials/ecoquartier").getBody();
		ok(collectivite.complete(collectivite.task(id, "SubmitContract"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "SATISFACTORY"), "indicators",
						Answers.indicators(referential, "target", 40.0))));
		Api expert1 = as("expert-1");
		Api expert2 = as("expert-2");
		ok(expert1.complete(expert1.task(id, "AssessAsCoordinatingExpert"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "SATISFACTORY"))));
		ok(expert2.complete(expert2.task(id, "AssessAsSecondExpert"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "SATISFACTORY"))));
		ok(expert1.complete(expert1.task(id, "WriteSynthesis"), Map.of("outcome", "SUBMIT", "comment", "Synthèse.")));
		Api occitanie = as("commission-occitanie");
		ok(occitanie.complete(occitanie.task(id, "RegionalCommissionReview"), Map.of("outcome", "APPROVE")));
		Api nationale = as("commission-nationale");
		ok(nationale.complete(nationale.task(id, "NationalCommissionDecision"), Map.of("outcome", "APPROVE")));
		ok(collectivite.complete(collectivite.task(id, "ReportIndicatorValues"),
				Map.of("outcome", "SUBMIT", "indicators", Answers.indicators(referential, "value", 42.0))));
		ok(expert2.complete(expert2.task(id, "RecordSiteVisit"), Map.of("outcome", "APPROVE")));
		JsonNode labelled = nationale.complete(nationale.task(id, "ValidateLabel"), Map.of("outcome", "APPROVE"))
			.getBody();
		assertThat(labelled.get("status").asText()).isEqualTo("LABELLED");
	}

	public static void ok(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
	}

}
