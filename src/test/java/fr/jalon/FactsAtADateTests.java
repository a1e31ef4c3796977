package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.system.French;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 17, facts at a date: PVD's population rule reads the population at the campaign's opening. L'Isle-sur-la-Sorgue
 * (84054), 19,398 inhabitants in the 2020 set and 20,244 now, is eligible in a campaign opened in 2020 and not in a
 * campaign opened today; the check says which date the value holds from.
 */
@Import(MutableClock.InContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=facts-at-a-date")
@ActiveProfiles("test")
class FactsAtADateTests {

	private static final String ISLE = "84054";

	private static final String ISLE_EPCI = "248400319";

	@Autowired
	TestRestTemplate http;

	@Autowired
	MutableClock clock;

	private final Instant started = Instant.now();

	@AfterEach
	void backToToday() {
		clock.set(started);
	}

	@Test
	void lIsleSurLaSorgueIsEligibleInItsCampaignOf2020AndNotInACampaignOfToday() {
		Api isle = new Api(http, "mairie-l-isle-sur-la-sorgue");

		clock.set(Instant.parse("2020-10-01T08:00:00Z"));
		String of2020 = campaign("Petites villes de demain 2020 — " + started.toEpochMilli());
		String eligibleId = created(isle.post("/api/candidacies", application(of2020)));
		JsonNode eligible = submitted(isle, eligibleId);
		assertThat(eligible.get("history").findValuesAsText("event")).contains("ELIGIBLE");
		assertThat(eligible.get("stage").asText()).isEqualTo("DEPARTMENT_REVIEW");
		JsonNode check = population(isle, eligibleId);
		assertThat(check.get("value").asInt()).isEqualTo(19_398);
		assertThat(check.get("passed").asBoolean()).isTrue();
		assertThat(check.get("readAt").asText()).isEqualTo("2020-10-01");
		assertThat(check.get("asOf").asText()).isEqualTo("2020-01-01");
		assertThat(check.get("current").asBoolean()).isFalse();

		clock.set(started);
		String ofToday = campaign("Petites villes de demain — " + started.toEpochMilli());
		String ineligibleId = created(isle.post("/api/candidacies", application(ofToday)));
		JsonNode ineligible = submitted(isle, ineligibleId);
		assertThat(ineligible.get("status").asText()).isEqualTo("INELIGIBLE");
		assertThat(ineligible.get("history").findValuesAsText("comment")).anyMatch(
				comment -> comment.contains("Commune de moins de 20 000 habitants")
						&& comment.contains(French.number(20_244) + " au " + French.day(java.time.LocalDate.of(2026, 1, 1))));
		JsonNode today = population(isle, ineligibleId);
		assertThat(today.get("value").asInt()).isEqualTo(20_244);
		assertThat(today.get("passed").asBoolean()).isFalse();
		assertThat(today.get("asOf").asText()).isEqualTo("2026-01-01");
	}

	private String campaign(String title) {
		ResponseEntity<JsonNode> opened = new Api(http, "admin").post("/api/campaigns", Map.of("programme", "pvd",
				"region", "93", "title", title, "closesAt", clock.instant().plus(30, ChronoUnit.DAYS).toString()));
		assertThat(opened.getStatusCode()).as(String.valueOf(opened.getBody())).isEqualTo(HttpStatus.CREATED);
		return opened.getBody().get("id").asText();
	}

	/** The population check of L'Isle-sur-la-Sorgue, as the API shows it. */
	private JsonNode population(Api api, String id) {
		ResponseEntity<JsonNode> checks = api.get("/api/candidacies/" + id + "/eligibility");
		assertThat(checks.getStatusCode()).as(String.valueOf(checks.getBody())).isEqualTo(HttpStatus.OK);
		for (JsonNode check : checks.getBody()) {
			if (check.get("commune").asText().equals(ISLE) && check.get("field").asText().equals("population")) {
				return check;
			}
		}
		throw new AssertionError("no population check in " + checks.getBody());
	}

	private JsonNode submitted(Api commune, String id) {
		commune.upload(id, "epci-support-letter", "lettre-soutien.pdf", Api.pdf("lettre du président"));
		ResponseEntity<JsonNode> response = commune.complete(commune.task(id, "SubmitCandidacy"),
				Map.of("outcome", "SUBMIT"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private static Map<String, Object> application(String campaign) {
		return Map.of("programme", "pvd", "collectivite", ISLE, "title", "Revitaliser le centre-ville", "partners",
				List.of(ISLE_EPCI), "campaign", campaign);
	}

	private static String created(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
		return response.getBody().get("id").asText();
	}

}
