package fr.jalon;

import static fr.jalon.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.security.JalonUser;
import fr.jalon.workflow.FailingCertificates;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A certificate job that fails at each try becomes an incident that administrators see, by the API and on their
 * page, with its error, its stack trace and its candidacy; retried, it runs and the incident is resolved, audited.
 * Only administrators see or retry. (The same application context as {@link MetricsTests}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.allow-bean-definition-overriding=true")
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@Import(FailingCertificates.InContext.class)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentsTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	ManagementService management;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	String programme;

	Api jury;

	Api albi;

	Api admin;

	@BeforeAll
	void programme() {
		programme = "jardins-" + UUID.randomUUID().toString().substring(0, 8);
		jury = Jardins.deployedWithJury(http, programme);
		albi = new Api(http, "mairie-albi");
		admin = new Api(http, "admin");
	}

	@Test
	void showsAFailedJobWithItsErrorAndRetriesIt() throws Exception {
		String candidacy = Jardins.candidacy(albi, programme);
		String incident = grantedWithAFailingCertificate(candidacy);

		ResponseEntity<JsonNode> listed = admin.get("/api/incidents?size=500");
		assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(listed.getHeaders().getFirst("X-Total-Count")).isNotNull();
		JsonNode found = null;
		for (JsonNode each : listed.getBody()) {
			if (each.get("id").asText().equals(incident)) {
				found = each;
			}
		}
		assertThat(found).as("%s", listed.getBody()).isNotNull();
		assertThat(found.get("type").asText()).isEqualTo("failedJob");
		assertThat(found.get("message").asText()).isEqualTo(FailingCertificates.FAILURE + candidacy);
		assertThat(found.get("candidacyId").asText()).isEqualTo(candidacy);
		assertThat(found.get("programme").asText()).isEqualTo(programme);
		assertThat(found.get("activity").asText()).isEqualTo("IssueDiploma");
		assertThat(found.get("jobId").asText()).isNotBlank();
		assertThat(found.get("occurredAt").asText()).isNotBlank();
		assertThat(found.has("stacktrace")).as("only on demand").isFalse();

		JsonNode one = admin.get("/api/incidents/" + incident).getBody();
		assertThat(one.get("stacktrace").asText()).contains("java.lang.IllegalStateException",
				FailingCertificates.FAILURE + candidacy);

		JalonUser administrator = (JalonUser) users.loadUserByUsername("admin");
		String page = mvc.perform(get("/administration/incidents?size=500").with(user(administrator)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(FailingCertificates.FAILURE + candidacy, "IssueDiploma",
				"/candidatures/" + candidacy, "/administration/incidents/" + incident + "/relance");
		MockHttpServletResponse detail = mvc
			.perform(get("/administration/incidents/" + incident).with(user(administrator)))
			.andReturn()
			.getResponse();
		assertThat(detail.getStatus()).isEqualTo(200);
		assertThat(detail.getContentAsString()).contains(fr.jalon.system.French.typeset("Pile d'appels du dernier échec"), "java.lang.IllegalStateException");
		assertThat(mvc.perform(get("/administration")).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(mvc.perform(get("/administration").with(user(administrator))).andReturn().getResponse()
			.getContentAsString()).contains("incident(s) ouvert(s)", "/administration/incidents");

		ResponseEntity<JsonNode> retried = admin.post("/api/incidents/" + incident + "/retry", Map.of());
		assertThat(retried.getStatusCode()).as("%s", retried.getBody()).isEqualTo(HttpStatus.OK);
		assertProblem(admin.get("/api/incidents/" + incident), HttpStatus.NOT_FOUND);
		assertThat(management.createJobQuery().jobId(found.get("jobId").asText()).singleResult().getRetries())
			.isEqualTo(1);
		Jobs.runAll(management);
		assertThat(incidentsOf(candidacy)).isZero();
		assertThat(albi.bytes("/api/candidacies/" + candidacy + "/certificate").getStatusCode())
			.as("the job ran: the diploma is issued").isEqualTo(HttpStatus.OK);
		JsonNode audit = admin.get("/api/audit?action=INCIDENT_RETRIED&candidacy=" + candidacy).getBody();
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).get("actor").asText()).isEqualTo("admin");
	}

	@Test
	void retriesFromTheAdministratorsPage() throws Exception {
		String candidacy = Jardins.candidacy(albi, programme);
		String incident = grantedWithAFailingCertificate(candidacy);
		JalonUser administrator = (JalonUser) users.loadUserByUsername("admin");
		MockHttpServletResponse refused = mvc
			.perform(post("/administration/incidents/" + incident + "/relance").with(csrf())
				.with(user((JalonUser) users.loadUserByUsername("mairie-albi"))))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(403);
		MockHttpServletResponse done = mvc
			.perform(post("/administration/incidents/" + incident + "/relance").with(csrf()).with(user(administrator)))
			.andReturn()
			.getResponse();
		assertThat(done.getStatus()).isEqualTo(302);
		assertThat(done.getRedirectedUrl()).isEqualTo("/administration/incidents");
		Jobs.runAll(management);
		assertThat(incidentsOf(candidacy)).isZero();
		MockHttpServletResponse again = mvc
			.perform(post("/administration/incidents/" + incident + "/relance").with(csrf()).with(user(administrator)))
			.andReturn()
			.getResponse();
		assertThat(again.getStatus()).as("resolved: a French 404 page").isEqualTo(404);
		assertThat(again.getContentAsString()).contains("<html");
	}

	@Test
	void answersUnknownIncidentsWithA404Problem() {
		assertProblem(admin.get("/api/incidents/inconnu"), HttpStatus.NOT_FOUND);
		assertProblem(admin.post("/api/incidents/inconnu/retry", Map.of()), HttpStatus.NOT_FOUND);
	}

	@Test
	void letsOnlyAdministratorsSeeOrRetry() {
		for (String path : new String[] { "/api/incidents", "/api/incidents/inconnu" }) {
			assertProblem(new Api(http, null).get(path), HttpStatus.UNAUTHORIZED);
			assertProblem(albi.get(path), HttpStatus.FORBIDDEN);
			assertProblem(new Api(http, "ddt-81").get(path), HttpStatus.FORBIDDEN);
		}
		assertThat(new Api(http, null).raw(HttpMethod.POST, "/api/incidents/inconnu/retry", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertProblem(albi.post("/api/incidents/inconnu/retry", Map.of()), HttpStatus.FORBIDDEN);
		assertProblem(new Api(http, "commission-nationale").post("/api/incidents/inconnu/retry", Map.of()),
				HttpStatus.FORBIDDEN);
	}

	/**
	 * The candidacy's dossier submitted and granted while its certificate fails: the job's tries spent, its incident's
	 * id. The certificate is healed afterwards, so that a retry then succeeds.
	 */
	private String grantedWithAFailingCertificate(String candidacy) {
		Jardins.submitDossier(albi, candidacy);
		FailingCertificates.fail(candidacy);
		try {
			Jardins.grant(jury, candidacy);
			return FailingCertificates.runUntilIncident(runtime, management, candidacy, "IssueDiploma");
		}
		finally {
			FailingCertificates.heal(candidacy);
		}
	}

	private long incidentsOf(String candidacy) {
		return runtime.createIncidentQuery()
			.processInstanceId(history.createHistoricProcessInstanceQuery()
				.processInstanceBusinessKey(candidacy)
				.singleResult()
				.getId())
			.count();
	}

}
