package fr.jalon.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;
import fr.jalon.Jobs;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's history cleanup, scheduled in its nightly window, removes the history of a process ended longer ago
 * than its time to live (ten years for the shipped programmes), and nothing of Jalon's own: the candidacy, its
 * history, its documents and the public verification of its certificate answer as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=history-cleanup")
@ActiveProfiles("test")
class HistoryCleanupTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

	@Autowired
	RuntimeService runtime;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void schedulesTheCleanupInTheNightlyWindow() {
		assertThat(history.findHistoryCleanupJobs()).isNotEmpty().allSatisfy(job -> {
			LocalTime due = job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
			assertThat(due).as("due date of the history cleanup job %s", job.getId())
				.isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
		});
	}

	@Test
	void removesTheEnginesHistoryOfAnEndedProcessAndKeepsWhatACertificateNeeds() {
		Api albi = new Api(http, "mairie-albi");
		Api ddt = new Api(http, "ddt-81");
		String id = albi.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title",
				"Quartier ancien " + UUID.randomUUID()))
			.getBody()
			.get("id")
			.asText();
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE"));
		Jobs.runAll(management);
		String code = jdbc.queryForObject("select code from certificate where candidacy_id = ?", String.class, id);
		String processInstance = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(id)
			.singleResult()
			.getId();
		assertThat(albi.post("/api/candidacies/" + id + "/withdraw", Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(processInstance).count()).isZero();

		// Eleven years later, before and after the night's cleanup.
		ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(11 * 366))));
		JsonNode candidacy = albi.get("/api/candidacies/" + id).getBody();
		JsonNode verification = new Api(http, null).get("/api/certificates/" + code).getBody();
		byte[] certificate = albi.bytes("/api/candidacies/" + id + "/certificate").getBody();
		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstance).count()).isOne();

		Job cleanup = history.cleanUpHistoryAsync(true);
		management.executeJob(cleanup.getId());

		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstance).count())
			.as("the engine's history of the ended process").isZero();
		assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstance).count()).isZero();
		assertThat(albi.get("/api/candidacies/" + id).getBody()).isEqualTo(candidacy);
		assertThat(candidacy.get("history").findValuesAsText("event")).contains("SubmitCharter", "VerifyCharter");
		assertThat(new Api(http, null).get("/api/certificates/" + code).getBody()).isEqualTo(verification);
		assertThat(verification.get("code").asText()).isEqualTo(code);
		assertThat(albi.bytes("/api/candidacies/" + id + "/certificate").getBody()).isEqualTo(certificate);
	}

}
