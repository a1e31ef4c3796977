package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.jalon.workflow.FailingCertificates;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code /actuator/prometheus}: each business gauge moves as its condition is created, on a programme of this
 * class's own (the database is shared: values are compared before and after), HTTP latency in buckets, and the
 * endpoint for administrators only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.allow-bean-definition-overriding=true")
@AutoConfigureMockMvc
// Spring Boot's tests leave metrics exporters off unless asked: the Prometheus registry, as the application has it.
@AutoConfigureObservability(tracing = false)
@Import(FailingCertificates.InContext.class)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	@Autowired
	RuntimeService runtime;

	String programme;

	Api albi;

	Api jury;

	@BeforeAll
	void programme() {
		programme = "jardins-" + UUID.randomUUID().toString().substring(0, 8);
		jury = Jardins.deployedWithJury(http, programme);
		albi = new Api(http, "mairie-albi");
	}

	@AfterEach
	void engineClock() {
		ClockUtil.reset();
	}

	@Test
	void countsOpenTasksByProgrammeAndStage() {
		Metrics before = scrape();
		String candidacy = Jardins.candidacy(albi, programme);
		Metrics opened = scrape();
		assertThat(opened.value("jalon_tasks_open", "programme", programme, "stage", "DOSSIER"))
			.isEqualTo(before.value("jalon_tasks_open", "programme", programme, "stage", "DOSSIER") + 1);

		Jardins.submitDossier(albi, candidacy);
		Metrics submitted = scrape();
		assertThat(submitted.value("jalon_tasks_open", "programme", programme, "stage", "DOSSIER"))
			.isEqualTo(before.value("jalon_tasks_open", "programme", programme, "stage", "DOSSIER"));
		assertThat(submitted.value("jalon_tasks_open", "programme", programme, "stage", "JURY"))
			.isEqualTo(before.value("jalon_tasks_open", "programme", programme, "stage", "JURY") + 1);
	}

	@Test
	void countsTasksPastTheirDueDate() {
		Jardins.candidacy(albi, programme); // its dossier is due in 30 days
		double before = scrape().value("jalon_tasks_overdue", "programme", programme);
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(29))));
		assertThat(scrape().value("jalon_tasks_overdue", "programme", programme)).as("not yet due").isEqualTo(before);
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(2))));
		Metrics late = scrape();
		assertThat(late.value("jalon_tasks_overdue", "programme", programme)).isGreaterThanOrEqualTo(before + 1)
			.as("every dossier of the programme still open, each due 30 days after it opened")
			.isEqualTo(late.value("jalon_tasks_open", "programme", programme, "stage", "DOSSIER"));
	}

	@Test
	void countsCandidaciesByProgrammeAndStatus() {
		Metrics before = scrape();
		String candidacy = Jardins.candidacy(albi, programme);
		assertThat(scrape().value("jalon_candidacies", "programme", programme, "status", "IN_PROGRESS"))
			.isEqualTo(before.value("jalon_candidacies", "programme", programme, "status", "IN_PROGRESS") + 1);

		albi.post("/api/candidacies/" + candidacy + "/withdraw", Map.of("comment", "Le terrain est vendu."));
		Metrics after = scrape();
		assertThat(after.value("jalon_candidacies", "programme", programme, "status", "IN_PROGRESS"))
			.isEqualTo(before.value("jalon_candidacies", "programme", programme, "status", "IN_PROGRESS"));
		assertThat(after.value("jalon_candidacies", "programme", programme, "status", "WITHDRAWN"))
			.isEqualTo(before.value("jalon_candidacies", "programme", programme, "status", "WITHDRAWN") + 1);
	}

	@Test
	void countsJobsDueThenTheCertificateTheyIssue() {
		String candidacy = Jardins.candidacy(albi, programme);
		Jardins.submitDossier(albi, candidacy);
		Metrics before = scrape();
		Jardins.grant(jury, candidacy);
		Metrics granted = scrape();
		assertThat(granted.value("jalon_jobs_due")).as("the diploma's job, waiting for an executor")
			.isEqualTo(before.value("jalon_jobs_due") + 1);
		assertThat(granted.value("jalon_certificates_issued", "programme", programme, "kind", "DIPLOMA"))
			.isEqualTo(before.value("jalon_certificates_issued", "programme", programme, "kind", "DIPLOMA"));

		management.executeJob(diplomaJob(candidacy).getId());
		Metrics issued = scrape();
		assertThat(issued.value("jalon_jobs_due")).isEqualTo(before.value("jalon_jobs_due"));
		assertThat(issued.value("jalon_certificates_issued", "programme", programme, "kind", "DIPLOMA"))
			.isEqualTo(before.value("jalon_certificates_issued", "programme", programme, "kind", "DIPLOMA") + 1);
	}

	@Test
	void countsOpenIncidents() {
		String candidacy = Jardins.candidacy(albi, programme);
		Jardins.submitDossier(albi, candidacy);
		Metrics before = scrape();
		assertThat(before.has("jalon_incidents_open", "type", "failedJob")).as("reported even at 0").isTrue();
		FailingCertificates.fail(candidacy);
		try {
			Jardins.grant(jury, candidacy);
			FailingCertificates.runUntilIncident(runtime, management, candidacy, "IssueDiploma");
			Metrics failed = scrape();
			assertThat(failed.value("jalon_incidents_open", "type", "failedJob"))
				.isEqualTo(before.value("jalon_incidents_open", "type", "failedJob") + 1);
			assertThat(failed.value("jalon_jobs_due")).as("a job without retries waits for no executor")
				.isEqualTo(before.value("jalon_jobs_due"));
		}
		finally {
			FailingCertificates.heal(candidacy);
		}
		String incident = runtime.createIncidentQuery()
			.processInstanceId(diplomaJob(candidacy).getProcessInstanceId())
			.singleResult()
			.getId();
		assertThat(new Api(http, "admin").post("/api/incidents/" + incident + "/retry", Map.of()).getStatusCode().value())
			.isEqualTo(200);
		Jobs.runAll(management);
		assertThat(scrape().value("jalon_incidents_open", "type", "failedJob"))
			.isEqualTo(before.value("jalon_incidents_open", "type", "failedJob"));
	}

	@Test
	void exposesHttpLatencyInBucketsAndNamesEachGauge() {
		Jardins.candidacy(albi, programme); // an open task, none late
		albi.get("/api/candidacies");
		Metrics metrics = scrape();
		assertThat(metrics.has("jalon_tasks_overdue", "programme", programme)).as("reported at 0").isTrue();
		assertThat(metrics.has("http_server_requests_seconds_bucket", "method", "GET", "uri", "/api/candidacies",
				"status", "200", "le", "0.25")).as(metrics.text).isTrue();
		for (String gauge : new String[] { "jalon_tasks_open", "jalon_tasks_overdue", "jalon_incidents_open",
				"jalon_jobs_due", "jalon_certificates_issued", "jalon_candidacies" }) {
			assertThat(metrics.text).contains("# TYPE " + gauge + " gauge\n").contains("# HELP " + gauge + " ");
		}
	}

	@Test
	void isForAdministratorsOnly() {
		ResponseEntity<byte[]> anonymous = new Api(http, null).raw(HttpMethod.GET, "/actuator/prometheus", null);
		assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
		assertThat(anonymous.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(anonymous.getHeaders().get("Set-Cookie")).as("stateless").isNull();
		ResponseEntity<byte[]> collectivite = albi.raw(HttpMethod.GET, "/actuator/prometheus", null);
		assertThat(collectivite.getStatusCode().value()).isEqualTo(403);
		assertThat(new Api(http, "ddt-81").raw(HttpMethod.GET, "/actuator/prometheus", null).getStatusCode().value())
			.isEqualTo(403);
		ResponseEntity<byte[]> admin = new Api(http, "admin").raw(HttpMethod.GET, "/actuator/prometheus", null);
		assertThat(admin.getStatusCode().value()).isEqualTo(200);
		assertThat(admin.getHeaders().get("Set-Cookie")).as("stateless").isNull();
	}

	private Job diplomaJob(String candidacy) {
		return management.createJobQuery()
			.processInstanceId(runtime.createProcessInstanceQuery()
				.processInstanceBusinessKey(candidacy)
				.singleResult()
				.getId())
			.activityId("IssueDiploma")
			.singleResult();
	}

	private Metrics scrape() {
		ResponseEntity<String> response = http.withBasicAuth("admin", "demo").getForEntity("/actuator/prometheus",
				String.class);
		assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
		return new Metrics(response.getBody());
	}

	/** A scrape in Prometheus' text format. */
	record Metrics(String text) {

		private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$",
				Pattern.MULTILINE);

		private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

		/** The sample of that name with exactly these labels (name, value, name, value…); 0 when there is none. */
		double value(String name, String... labels) {
			Matcher sample = find(name, labels, true);
			return sample == null ? 0 : Double.parseDouble(sample.group(3));
		}

		/** Whether a sample of that name has at least these labels. */
		boolean has(String name, String... labels) {
			return find(name, labels, false) != null;
		}

		private Matcher find(String name, String[] labels, boolean exactly) {
			Map<String, String> wanted = new LinkedHashMap<>();
			for (int i = 0; i < labels.length; i += 2) {
				wanted.put(labels[i], labels[i + 1]);
			}
			Matcher sample = SAMPLE.matcher(text);
			while (sample.find()) {
				if (!sample.group(1).equals(name)) {
					continue;
				}
				Map<String, String> found = new LinkedHashMap<>();
				Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
				while (label.find()) {
					found.put(label.group(1), label.group(2));
				}
				if (exactly ? found.equals(wanted) : found.entrySet().containsAll(wanted.entrySet())) {
					return sample;
				}
			}
			return null;
		}

	}

}
