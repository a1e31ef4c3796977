package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Liveness and readiness: public, without credentials or session, on the API's port. Readiness covers the
 * readiness state, the database, the schema's migrations and the job executor; only an administrator sees them.
 * Runs with the job executor on (the other tests run jobs by hand), in a context of its own, closed afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.job-execution.enabled=true", "jalon.test.database=probes" })
@ActiveProfiles("test")
@DirtiesContext
class ProbesTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	private static final String READINESS = "/actuator/health/readiness";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JobExecutor jobExecutor;

	@Test
	void answerAnonymousCallersWithTheirStatusAloneAndNoSession() {
		for (String probe : new String[] { LIVENESS, READINESS }) {
			ResponseEntity<JsonNode> answer = http.getForEntity(probe, JsonNode.class);
			assertThat(answer.getStatusCode()).as(probe).isEqualTo(HttpStatus.OK);
			assertThat(answer.getHeaders().getContentType().toString()).contains("json");
			assertThat(answer.getBody().get("status").asText()).isEqualTo("UP");
			assertThat(answer.getBody().has("components")).as("components shown to anyone").isFalse();
			assertThat(answer.getHeaders().get("Set-Cookie")).as("session opened by " + probe).isNull();
		}
	}

	@Test
	void showTheirComponentsToAnAdministratorOnly() {
		JsonNode readiness = http.withBasicAuth("admin", "demo").getForObject(READINESS, JsonNode.class);
		assertThat(readiness.get("components").properties()).extracting(entry -> entry.getKey())
			.containsExactlyInAnyOrder("readinessState", "db", "flyway", "jobExecutor");
		assertThat(readiness.at("/components/flyway/details/pending").asInt(-1)).isZero();
		assertThat(readiness.at("/components/db/status").asText()).isEqualTo("UP");

		JsonNode asCollectivite = http.withBasicAuth("mairie-albi", "demo").getForObject(READINESS, JsonNode.class);
		assertThat(asCollectivite.get("status").asText()).isEqualTo("UP");
		assertThat(asCollectivite.has("components")).isFalse();
	}

	@Test
	void readinessGoesDownWithTheJobExecutorWhileLivenessStaysUp() {
		jobExecutor.shutdown();
		try {
			ResponseEntity<JsonNode> readiness = http.getForEntity(READINESS, JsonNode.class);
			assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(readiness.getBody().get("status").asText()).isEqualTo("DOWN");
			assertThat(http.withBasicAuth("admin", "demo")
				.getForObject(READINESS, JsonNode.class)
				.at("/components/jobExecutor/status")
				.asText()).isEqualTo("DOWN");
			assertThat(http.getForEntity(LIVENESS, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		}
		finally {
			jobExecutor.start();
		}
		assertThat(http.getForEntity(READINESS, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

}
