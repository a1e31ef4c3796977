package fr.jalon.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;
import fr.jalon.Jobs;
import fr.jalon.certificate.Certificates;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The charter recognition's job and the collectivité's next step, at the same moment: the job renders the PDF
 * while the collectivité submits its contract. Neither spends anything on the other: the submission answers 200,
 * the job commits at its first try, no retry is used, no incident is raised.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.allow-bean-definition-overriding=true")
@ActiveProfiles("test")
class CertificateJobTests {

	/** Where the certificate job stands still, as if its PDF took long to render, until the test lets it go. */
	static volatile Gate gate;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@AfterEach
	void open() {
		Gate armed = gate;
		gate = null;
		if (armed != null) {
			armed.release.countDown();
		}
	}

	@Test
	void theCharterRecognitionJobAndTheCollectivitesNextStepDoNotCollide() throws Exception {
		Api albi = new Api(http, "mairie-albi");
		String id = albi
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title",
					"Îlot des tanneurs " + UUID.randomUUID()))
			.getBody()
			.get("id")
			.asText();
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		ok(albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")));
		Api ddt = new Api(http, "ddt-81");
		ok(ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE")));
		String processInstance = runtime.createProcessInstanceQuery()
			.processDefinitionKey("ecoquartier")
			.processInstanceBusinessKey(id)
			.singleResult()
			.getId();
		String certificateInstance = runtime.createProcessInstanceQuery()
			.processDefinitionKey(CertificateRequests.PROCESS)
			.processInstanceBusinessKey(id)
			.singleResult()
			.getId();
		assertThat(management.createJobQuery().processInstanceId(processInstance).messages().count())
			.as("nothing of the certificate runs in the candidacy's instance")
			.isZero();
		Job certificate = management.createJobQuery().processInstanceId(certificateInstance).singleResult();

		// The job starts, reads its execution and the candidacy, and renders…
		Gate armed = new Gate();
		gate = armed;
		CompletableFuture<Void> job = CompletableFuture.runAsync(() -> management.executeJob(certificate.getId()));
		assertThat(armed.entered.await(60, TimeUnit.SECONDS)).as("the job reached its delegate").isTrue();

		// …while the collectivité submits its contract, committed first.
		JsonNode referential = albi.get("/api/referentials/ecoquartier").getBody();
		ResponseEntity<JsonNode> submitted = albi.complete(albi.task(id, "SubmitContract"),
				Map.of("outcome", "SUBMIT", "assessment", assessment(referential), "indicators",
						indicators(referential)));
		ok(submitted);

		armed.release.countDown();
		job.get(60, TimeUnit.SECONDS); // an OptimisticLockingException would be thrown here
		gate = null;
		Jobs.runAll(management);

		for (String instance : new String[] { processInstance, certificateInstance }) {
			assertThat(management.createJobQuery().processInstanceId(instance).withException().count()).isZero();
			assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
			assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).failureLog().count())
				.as("no job execution failed, none spent a retry")
				.isZero();
		}
		assertThat(albi.bytes("/api/candidacies/" + id + "/certificate").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(new Api(http, "expert-1").task(id, "AssessAsCoordinatingExpert")).isNotBlank();
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(certificateInstance).count())
			.as("the recognition's instance has ended")
			.isZero();
	}

	private static void ok(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
	}

	static Map<String, Object> assessment(JsonNode referential) {
		Map<String, Object> assessment = new LinkedHashMap<>();
		ids(referential, "criteria")
			.forEach(criterion -> assessment.put(criterion, Map.of("level", "SATISFACTORY", "comment", "Réponse.")));
		return assessment;
	}

	static Map<String, Object> indicators(JsonNode referential) {
		Map<String, Object> indicators = new LinkedHashMap<>();
		ids(referential, "indicators").forEach(indicator -> indicators.put(indicator, Map.of("target", 40.0)));
		return indicators;
	}

	private static java.util.List<String> ids(JsonNode referential, String field) {
		return referential.findValues(field)
			.stream()
			.flatMap(list -> StreamSupport.stream(list.spliterator(), false))
			.map(node -> node.get("id").asText())
			.toList();
	}

	static final class Gate {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

	}

	/** The engine's certificate delegate, held still by an armed gate once it has read its candidacy. */
	@TestConfiguration
	static class PausingDelegate {

		@Bean("issueCertificate")
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		IssueCertificateDelegate issueCertificate(Certificates certificates) {
			return new IssueCertificateDelegate(certificates) {

				@Override
				public void execute(DelegateExecution execution) {
					execution.getProcessBusinessKey();
					Gate armed = gate;
					if (armed != null) {
						armed.entered.countDown();
						try {
							if (!armed.release.await(120, TimeUnit.SECONDS)) {
								throw new IllegalStateException("the test never released the job");
							}
						}
						catch (InterruptedException e) {
							Thread.currentThread().interrupt();
							throw new IllegalStateException(e);
						}
					}
					super.execute(execution);
				}

			};
		}

	}

}
