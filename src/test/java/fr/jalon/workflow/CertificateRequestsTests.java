package fr.jalon.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.Api;
import fr.jalon.Jobs;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskCompletion;
import fr.jalon.security.JalonUser;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 13's race: the DDT approves the charter, and the collectivité submits its contract at the very moment the job
 * executor issues the charter recognition. Thirty such pairs, the job run to its commit in the middle of the completion
 * (after the engine has read the process, before it writes): the completion is called without the controllers' retry,
 * so a lost optimistic lock shows as a conflict, and any other failure (the 500 of issue 13) as itself. Neither side may fail, the job may not spend a try, and each candidacy gets its recognition
 * once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CertificateRequestsTests {

	static final int PAIRS = 30;

	/** Run inside the collectivité's completion of its contract, once the engine has read the task's executions. */
	static volatile Runnable midCompletion;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	ReviewService reviews;

	@Autowired
	UserDetailsService users;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void disarm() {
		midCompletion = null;
	}

	/**
	 * The job executor issues the recognition in the middle of the collectivité's completion, between the engine's
	 * reading of the process and its writing: the completion's transaction still commits, and so did the job.
	 */
	@Test
	void theCharterRecognitionJobCommitsInTheMiddleOfTheCollectivitesCompletion() throws Exception {
		Api albi = new Api(http, "mairie-albi");
		Api ddt = new Api(http, "ddt-81");
		JalonUser collectivite = (JalonUser) users.loadUserByUsername("mairie-albi");
		TaskCompletion contract = contract(albi);
		List<String> failures = new ArrayList<>();
		List<String> candidacies = new ArrayList<>();
		for (int pair = 0; pair < PAIRS; pair++) {
			String id = charterApproved(albi, ddt);
			candidacies.add(id);
			String task = albi.task(id, "SubmitContract");
			List<CompletableFuture<String>> job = new ArrayList<>();
			midCompletion = () -> {
				midCompletion = null;
				CompletableFuture<String> executed = CompletableFuture
					.supplyAsync(() -> outcome("job", () -> Jobs.runAll(management)));
				job.add(executed);
				try {
					executed.get(5, TimeUnit.SECONDS);
				}
				catch (TimeoutException waitsForTheCompletionsLock) {
					// PostgreSQL: the certificate's row refers to the candidacy, which the completion holds; the job
					// goes on once the completion has committed (serialised, not a collision).
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
			};
			String completion = outcome("completion", () -> reviews.complete(collectivite, task, contract));
			assertThat(job).as("the job ran in the middle of the completion").hasSize(1);
			Stream.of(completion, job.get(0).get(120, TimeUnit.SECONDS))
				.filter(outcome -> !outcome.isEmpty())
				.forEach(outcome -> failures.add(id + ": " + outcome));
		}
		assertThat(failures).as("failures of %s pairs", PAIRS).isEmpty();
		candidacies.forEach(id -> assertSettled(id, albi));
	}

	/** A withdrawn candidacy's recognition not issued yet never will be: no job left to fail, no incident. */
	@Test
	void aWithdrawalCancelsTheRecognitionNotIssuedYet() {
		Api albi = new Api(http, "mairie-albi");
		String id = charterApproved(albi, new Api(http, "ddt-81"));
		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey(CertificateRequests.PROCESS)
			.processInstanceBusinessKey(id)
			.count()).as("the recognition is requested").isEqualTo(1);

		assertThat(albi.post("/api/candidacies/" + id + "/withdraw", Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
		Jobs.runAll(management);

		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
		assertThat(jdbc.queryForObject("select count(*) from certificate where candidacy_id = ?", Integer.class, id))
			.isZero();
		for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(id)
			.list()) {
			assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
			assertThat(history.createHistoricJobLogQuery().processInstanceId(instance.getId()).failureLog().count())
				.isZero();
		}
	}

	/** Each pair ends as it would alone: contract submitted, recognition issued once, no try spent, no incident. */
	private void assertSettled(String id, Api albi) {
		Jobs.runAll(management);
		List<String> instances = history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(id)
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.toList();
		for (String instance : instances) {
			assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).failureLog().count())
				.as("failed job executions of %s", id)
				.isZero();
			assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
		}
		assertThat(jdbc.queryForObject(
				"select count(*) from certificate where candidacy_id = ? and kind = 'CHARTER_RECOGNITION'",
				Integer.class, id))
			.as("charter recognitions of %s", id)
			.isEqualTo(1);
		assertThat(new Api(http, "expert-1").task(id, "AssessAsCoordinatingExpert")).isNotBlank();
		assertThat(albi.bytes("/api/candidacies/" + id + "/certificate").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private TaskCompletion contract(Api albi) {
		JsonNode referential = albi.get("/api/referentials/ecoquartier").getBody();
		return json.convertValue(Map.of("outcome", "SUBMIT", "assessment", CertificateJobTests.assessment(referential),
				"indicators", CertificateJobTests.indicators(referential)), TaskCompletion.class);
	}

	/** What went wrong on one side of the race, or nothing. */
	private static String outcome(String side, Runnable call) {
		try {
			call.run();
			return "";
		}
		catch (RuntimeException e) {
			return side + " failed: " + e;
		}
	}

	private String charterApproved(Api albi, Api ddt) {
		String id = albi
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title",
					"Îlot de la course " + UUID.randomUUID()))
			.getBody()
			.get("id")
			.asText();
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		ok(albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")));
		ok(ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE")));
		return id;
	}

	private static void ok(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
	}

	/**
	 * The engine calls {@link #midCompletion} when a contract's task completes: its task, its execution and the
	 * process instance are read, nothing is written yet.
	 */
	@TestConfiguration
	static class MidCompletion {

		@Bean
		AbstractProcessEnginePlugin midCompletionHook() {
			return new AbstractProcessEnginePlugin() {

				@Override
				public void preInit(ProcessEngineConfigurationImpl configuration) {
					List<BpmnParseListener> listeners = new ArrayList<>();
					if (configuration.getCustomPostBPMNParseListeners() != null) {
						listeners.addAll(configuration.getCustomPostBPMNParseListeners());
					}
					listeners.add(new AbstractBpmnParseListener() {

						@Override
						public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
							if ("SubmitContract".equals(activity.getId())) {
								((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
									.addTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> {
										Runnable hook = midCompletion;
										if (hook != null) {
											task.getExecution().getProcessBusinessKey();
											hook.run();
										}
									});
							}
						}

					});
					configuration.setCustomPostBPMNParseListeners(listeners);
				}

			};
		}

	}

}
