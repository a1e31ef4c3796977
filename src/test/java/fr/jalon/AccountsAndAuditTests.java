package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Administrators manage accounts; every decision, upload, withdrawal and change is audited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=accounts-audit")
@ActiveProfiles("test")
class AccountsAndAuditTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void createsDisablesAndRescopesAccountsWithoutEverShowingAPassword() {
		Api admin = new Api(http, "admin");
		Map<String, Object> request = Map.of("username", "ddt-31", "password", "un mot de passe solide", "role", "DDT",
				"scope", "31");
		assertThat(new Api(http, "mairie-albi").post("/api/accounts", request).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(new Api(http, "ddt-81").get("/api/accounts").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> created = admin.post("/api/accounts", request);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody().toString()).doesNotContain("password", "solide");
		assertThat(admin.post("/api/accounts", request).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(admin.post("/api/accounts", Map.of("username", "ddt-99", "password", "court", "role", "DDT", "scope",
				"31")).getBody().get("errors").findValuesAsText("field")).containsExactly("password");
		assertThat(admin.post("/api/accounts", Map.of("username", "ddt-98", "password", "un mot de passe solide", "role",
				"DDT", "scope", "999")).getBody().get("errors").findValuesAsText("field")).containsExactly("scope");

		Api haute = asWithPassword("ddt-31", "un mot de passe solide");
		assertThat(haute.get("/api/candidacies").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(admin.get("/api/accounts").getBody().toString()).doesNotContain("solide", "{bcrypt}");

		assertThat(admin.post("/api/accounts/ddt-31/disable", Map.of()).getBody().get("enabled").asBoolean()).isFalse();
		assertThat(haute.get("/api/candidacies").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		admin.post("/api/accounts/ddt-31/enable", Map.of());
		assertThat(haute.get("/api/candidacies").getStatusCode()).isEqualTo(HttpStatus.OK);

		ResponseEntity<JsonNode> rescoped = exchange(admin, HttpMethod.PUT, "/api/accounts/ddt-31/scope",
				Map.of("role", "PREFET", "scope", "31"));
		assertThat(rescoped.getBody().get("role").asText()).isEqualTo("PREFET");
		assertThat(admin.post("/api/accounts/admin/disable", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

		List<String> actions = admin.get("/api/audit?actor=admin").getBody().findValuesAsText("action");
		assertThat(actions).contains("ACCOUNT_CREATED", "ACCOUNT_DISABLED", "ACCOUNT_ENABLED", "ACCOUNT_RESCOPED");
		assertThat(admin.get("/api/audit").getBody().toString()).doesNotContain("solide");
	}

	@Test
	void slowsDownRepeatedFailedLogins() {
		Api admin = new Api(http, "admin");
		admin.post("/api/accounts", Map.of("username", "expert-3", "password", "un autre mot de passe", "role", "EXPERT"));
		Api wrong = asWithPassword("expert-3", "pas le bon mot de passe");
		for (int i = 0; i < 5; i++) {
			assertThat(wrong.get("/api/tasks").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		assertThat(asWithPassword("expert-3", "un autre mot de passe").get("/api/tasks").getStatusCode())
			.as("the right password is refused while the account is slowed down")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(new Api(http, "expert-1").get("/api/tasks").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void auditsDecisionsUploadsWithdrawalsAndReferentialChanges() {
		Api admin = new Api(http, "admin");
		Api albi = new Api(http, "mairie-albi");
		String id = albi
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title", "Audit"))
			.getBody()
			.get("id")
			.asText();
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		Api ddt = new Api(http, "ddt-81");
		ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "REQUEST_CHANGES", "comment", "=1+1 à revoir"));
		albi.post("/api/candidacies/" + id + "/withdraw", Map.of("comment", "=HYPERLINK(\"http://x\")"));
		JsonNode referential = admin.get("/api/referentials/ecoquartier").getBody();
		((com.fasterxml.jackson.databind.node.ObjectNode) referential).put("version", 5);
		admin.post("/api/referentials/ecoquartier/versions", referential);

		JsonNode trail = admin.get("/api/audit?candidacy=" + id).getBody();
		assertThat(trail.findValuesAsText("action")).as("newest first").containsExactly("CANDIDACY_WITHDRAWN",
				"TASK_COMPLETED", "TASK_COMPLETED", "DOCUMENT_UPLOADED", "CANDIDACY_SUBMITTED");
		assertThat(trail.findValuesAsText("actor")).containsExactly("mairie-albi", "ddt-81", "mairie-albi", "mairie-albi",
				"mairie-albi");
		assertThat(trail.get(1).get("detail").asText()).isEqualTo("VerifyCharter REQUEST_CHANGES : =1+1 à revoir");
		assertThat(admin.get("/api/audit?action=REFERENTIAL_CREATED").getBody().findValuesAsText("target"))
			.contains("ecoquartier:5");
		assertThat(new Api(http, "ddt-81").get("/api/audit").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(new Api(http, null).get("/api/audit").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
		ResponseEntity<String> csv = http.withBasicAuth("admin", "demo")
			.exchange("/api/audit?candidacy=" + id, HttpMethod.GET, new HttpEntity<>(headers), String.class);
		assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
		String[] lines = csv.getBody().split("\r\n");
		assertThat(lines[0]).isEqualTo("id,at,actor,action,candidacy,target,detail");
		assertThat(lines).hasSize(6);
		assertThat(lines[2]).endsWith(",\"VerifyCharter REQUEST_CHANGES : =1+1 à revoir\"");
		assertThat(lines[1]).endsWith(",\"'=HYPERLINK(\"\"http://x\"\")\"");

		for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.POST)) {
			assertThat(exchange(admin, method, "/api/audit", Map.of()).getStatusCode().is4xxClientError())
				.as(method.name())
				.isTrue();
		}
		assertThat(admin.get("/api/audit?candidacy=" + id).getBody()).hasSize(5);
	}

	private Api asWithPassword(String username, String password) {
		return new Api(http.withBasicAuth(username, password), null);
	}

	private ResponseEntity<JsonNode> exchange(Api api, HttpMethod method, String path, Object body) {
		return api.exchange(method, path, body);
	}

}
