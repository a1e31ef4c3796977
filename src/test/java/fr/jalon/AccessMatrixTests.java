package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every API endpoint, tried by every role and without credentials, on Albi's objects: each answers
 * the status its scope calls for, and those who may not see Albi's candidacy learn nothing of it (404).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=access-matrix")
// The metrics endpoint as the application has it (Spring Boot's tests leave metrics exporters off unless asked).
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests {

	static final String ANONYMOUS = "(anonyme)";

	/** Every role, with the scope that matters for Albi (Tarn, region 76). */
	static final List<String> ACCOUNTS = List.of("admin", "mairie-albi", "mairie-rodez", "ddt-81", "ddt-12", "expert-1",
			"commission-occitanie", "commission-paca", "commission-nationale", "prefet-84", "prefet-region-93",
			ANONYMOUS);

	/** Who sees an EcoQuartier candidacy of Albi. */
	static final List<String> SEE_ALBI = List.of("admin", "mairie-albi", "ddt-81", "expert-1", "commission-occitanie",
			"commission-nationale");

	@Autowired
	TestRestTemplate http;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService accounts;

	String albi;

	String document;

	String task;

	long message;

	long attachment;

	String campaign;

	@BeforeAll
	void fixtures() {
		Api mairie = as("mairie-albi");
		albi = mairie.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title", "Matrice"))
			.getBody()
			.get("id")
			.asText();
		document = mairie.upload(albi, "signed-charter", "charte.pdf", Api.pdf("charte")).getBody().get("id").asText();
		task = mairie.task(albi, "SubmitCharter");
		JsonNode posted = messageWithFile(albi);
		message = posted.get("id").asLong();
		attachment = posted.get("attachments").get(0).get("id").asLong();
		campaign = as("admin").post("/api/campaigns", Map.of("programme", "pvd", "region", "93", "title", "Matrice",
				"closesAt", java.time.Instant.now().plusSeconds(86_400 * 30).toString())).getBody().get("id").asText();
		as("mairie-sault").post("/api/candidacies", Map.of("programme", "pvd", "collectivite", "84123", "title",
				"Centre-bourg", "partners", List.of("200035723"), "campaign", campaign));
	}

	Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		everyone(cases, "GET", () -> "/api/collectivites?q=albi", 200);
		everyone(cases, "GET", () -> "/api/referentials/ecoquartier", 200);
		everyone(cases, "GET", () -> "/api/referentials/ecoquartier/versions", 200);
		everyone(cases, "GET", () -> "/api/referentials/ecoquartier/versions/1", 200);
		everyone(cases, "GET", () -> "/api/referentials/ecoquartier/versions/1/diff/1", 200);
		adminOnly(cases, "POST", () -> "/api/referentials/ecoquartier/versions", Map.of("programme", "ecoquartier"), 400);
		adminOnly(cases, "POST", () -> "/api/referentials/ecoquartier/versions/1/pilot",
				Map.of("collectivites", List.of()), 400);
		adminOnly(cases, "POST", () -> "/api/referentials/ecoquartier/versions/1/publish", Map.of(), 409);
		adminOnly(cases, "POST", () -> "/api/referentials/ecoquartier/versions/1/simulation", Map.of(), 200);
		everyone(cases, "GET", () -> "/api/candidacies", 200);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi, null, 200, 200);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/documents/" + document, null, 200, 200);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/documents/" + document + "/preview", null, 200, 200);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/receipts", null, 200, 200);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/receipts/1", null, 200, 200);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/evaluation", null, 200, 200);
		// Under a chosen version (issue 18): whoever sees the candidacy; its own version here, published.
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/evaluation?version=1", null, 200, 200);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/eligibility", null, 200, 200);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/certificate", null, 409, 409);
		// The thread: whoever sees the candidacy reads and writes it; the annotations: all of them but the collectivité.
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/messages", null, 200, 200);
		scoped(cases, "POST", () -> "/api/candidacies/" + albi + "/messages", Map.of("text", ""), 400, 400);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/messages/" + message + "/attachments/" + attachment,
				null, 200, 200);
		scoped(cases, "GET", () -> "/api/candidacies/" + albi + "/annotations", null, 403, 200);
		scoped(cases, "POST", () -> "/api/candidacies/" + albi + "/annotations", Map.of("text", ""), 403, 400);
		adminOnly(cases, "POST", () -> "/api/certificates/JAL-0000-0000-0000/revoke", Map.of("reason", "x"), 404);
		everyone(cases, "GET", () -> "/api/tasks", 200);
		everyone(cases, "GET", () -> "/api/tasks/export?format=csv", 200);
		everyone(cases, "GET", () -> "/api/candidacies/export?format=xlsx", 200);
		scoped(cases, "GET", () -> "/api/tasks?candidacy=" + albi, null, 200, 200);
		scoped(cases, "GET", () -> "/api/tasks/" + task, null, 200, 200);
		scoped(cases, "POST", () -> "/api/tasks/" + task + "/claim", Map.of(), 200, 403);
		scoped(cases, "POST", () -> "/api/tasks/" + task + "/complete", Map.of("outcome", "GRANT"), 400, 403);
		// The caller's draft of the task: only who may act on it (Albi, after its claim above).
		scoped(cases, "PUT", () -> "/api/tasks/" + task + "/draft", Map.of("values", Map.of("comment", "x")), 200, 403);
		scoped(cases, "GET", () -> "/api/tasks/" + task + "/draft", null, 200, 403);
		scoped(cases, "DELETE", () -> "/api/tasks/" + task + "/draft", null, 204, 403);
		everyone(cases, "GET", () -> "/api/campaigns", 200);
		// The comparison of collectivités (candidacy/Comparisons): each signed-in account its own view of it (the
		// table of its scope, or a collectivité's own rows beside the medians); an unknown programme is none.
		everyone(cases, "GET", () -> "/api/programmes/ecoquartier/comparison", 200);
		everyone(cases, "GET", () -> "/api/programmes/ecoquartier/comparison?format=csv", 200);
		everyone(cases, "GET", () -> "/api/programmes/inconnu/comparison", 404);
		// The OpenAPI document (security/ApiDocumentation): any signed-in account, by HTTP Basic as here or a page session.
		everyone(cases, "GET", () -> "/v3/api-docs", 200);
		// The public pages: « Vérifier un certificat » (a malformed code: the form with its error), the certificate's
		// PDF by code (none for an unknown one), and the footer's pages.
		open(cases, "GET", () -> "/certificats/verifier", 200);
		open(cases, "GET", () -> "/certificats/verifier?code=pas-un-code", 400);
		open(cases, "GET", () -> "/certificats/JAL-0000-0000-0000", 404);
		open(cases, "GET", () -> "/certificats/JAL-0000-0000-0000/pdf", 404);
		open(cases, "GET", () -> "/mentions-legales", 200);
		open(cases, "GET", () -> "/donnees-personnelles", 200);
		open(cases, "GET", () -> "/plan-du-site", 200);
		open(cases, "GET", () -> "/donnees-ouvertes", 200);
		open(cases, "GET", () -> "/donnees-ouvertes/labels.csv", 200);
		open(cases, "GET", () -> "/donnees-ouvertes/labels.json", 200);
		open(cases, "GET", () -> "/donnees-ouvertes/schema.json", 200);
		open(cases, "GET", () -> "/api/open-data/labels", 200);
		// An invitation's page is public: an unknown link, a French 404 for everyone.
		open(cases, "GET", () -> "/invitations/pas-un-jeton", 404);
		// Around the login form (web/SignInPages): « Mot de passe oublié », a link that is no valid one, ProConnect's
		// refusal (reached by a refused sign-in; directly, its generic answer).
		open(cases, "GET", () -> "/connexion/mot-de-passe-oublie", 200);
		open(cases, "GET", () -> "/connexion/nouveau-mot-de-passe?jeton=inconnu", 410);
		open(cases, "GET", () -> "/connexion/refus", 403);
		adminOnly(cases, "POST", () -> "/api/campaigns",
				Map.of("programme", "pvd", "region", "00", "title", "x", "closesAt", "2099-01-01T00:00:00Z"), 400);
		for (String account : ACCOUNTS) {
			int status = switch (account) {
				case ANONYMOUS -> 401;
				case "admin", "prefet-region-93" -> 409;
				default -> 403;
			};
			cases.add(Arguments.of(account, "POST", (Supplier<String>) () -> "/api/campaigns/" + campaign + "/announce",
					Map.of(), status));
		}
		adminOnly(cases, "GET", () -> "/api/audit", null, 200);
		adminOnly(cases, "GET", () -> "/api/accounts", null, 200);
		adminOnly(cases, "POST", () -> "/api/accounts", Map.of("username", "X"), 400);
		adminOnly(cases, "POST", () -> "/api/accounts/personne/disable", Map.of(), 404);
		adminOnly(cases, "POST", () -> "/api/accounts/personne/enable", Map.of(), 404);
		adminOnly(cases, "PUT", () -> "/api/accounts/personne/scope", Map.of("role", "EXPERT"), 404);
		// The bodies whose agents get an account at their first ProConnect sign-in (security/ProConnectAllowList).
		adminOnly(cases, "GET", () -> "/api/proconnect/allowed-bodies", null, 200);
		adminOnly(cases, "POST", () -> "/api/proconnect/allowed-bodies", Map.of("emailDomain", "x"), 400);
		adminOnly(cases, "DELETE", () -> "/api/proconnect/allowed-bodies/inconnu.gouv.fr", null, 404);
		adminOnly(cases, "GET", () -> "/api/mail-outbox", null, 200);
		adminOnly(cases, "GET", () -> "/api/mail-outbox/0", null, 404);
		adminOnly(cases, "PUT", () -> "/api/accounts/personne/mail-preferences", Map.of("mailDigest", true), 404);
		for (String account : ACCOUNTS) {
			// Each account sets its own; an address that is none is refused before anything changes.
			cases.add(Arguments.of(account, "PUT", (Supplier<String>) () -> "/api/me/mail-preferences",
					Map.of("email", "pas-une-adresse"), ANONYMOUS.equals(account) ? 401 : 400));
		}
		// Each account's own API tokens and page sessions (an empty name creates none; an unknown token is none of theirs).
		everyone(cases, "GET", () -> "/api/me/tokens", 200);
		for (String account : ACCOUNTS) {
			cases.add(Arguments.of(account, "POST", (Supplier<String>) () -> "/api/me/tokens", Map.of("name", ""),
					ANONYMOUS.equals(account) ? 401 : 400));
		}
		everyone(cases, "DELETE", () -> "/api/me/tokens/inconnu", 404);
		everyone(cases, "GET", () -> "/api/me/sessions", 200);
		everyone(cases, "DELETE", () -> "/api/me/sessions", 200);
		// The yearly updates of the official collectivités (collectivite/CollectiviteUpdates) and one body by code.
		adminOnly(cases, "GET", () -> "/api/collectivites/updates", null, 200);
		adminOnly(cases, "GET", () -> "/api/collectivites/updates/inconnu", null, 404);
		adminOnly(cases, "POST", () -> "/api/collectivites/updates/inconnu/apply", Map.of(), 404);
		adminOnly(cases, "POST", () -> "/api/collectivites/updates/inconnu/discard", Map.of(), 404);
		everyone(cases, "GET", () -> "/api/collectivites/81004", 200);
		adminOnly(cases, "GET", () -> "/api/incidents", null, 200);
		adminOnly(cases, "GET", () -> "/api/incidents/inconnu", null, 404);
		adminOnly(cases, "POST", () -> "/api/incidents/inconnu/retry", Map.of(), 404);
		adminOnly(cases, "GET", () -> "/actuator/prometheus", null, 200);
		for (String account : ACCOUNTS) {
			cases.add(Arguments.of(account, "GET", (Supplier<String>) () -> "/api/certificates/JAL-INCONNU", null, 404));
			// The accessibility statement: a public page.
			cases.add(Arguments.of(account, "GET", (Supplier<String>) () -> "/accessibilite", null, 200));
			cases.add(Arguments.of(account, "GET", (Supplier<String>) () -> "/actuator/health", null, 200));
			// Public files at fixed addresses (web/HttpHygiene), whoever asks.
			cases.add(Arguments.of(account, "GET", (Supplier<String>) () -> "/robots.txt", null, 200));
			cases.add(Arguments.of(account, "GET", (Supplier<String>) () -> "/favicon.ico", null, 200));
			int engine = switch (account) {
				case ANONYMOUS -> 401;
				case "admin" -> 404;
				default -> 403;
			};
			cases.add(Arguments.of(account, "GET", (Supplier<String>) () -> "/engine-rest/task", null, engine));
			cases.add(Arguments.of(account, "POST", (Supplier<String>) () -> "/engine-rest/task/x/complete", Map.of(), engine));
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2} → {4}")
	@MethodSource("cases")
	void answersEachRoleAsItsScopeCallsFor(String account, String method, Supplier<String> path, Object body,
			int expected) {
		ResponseEntity<byte[]> response = as(ANONYMOUS.equals(account) ? null : account)
			.raw(HttpMethod.valueOf(method), path.get(), body);
		String answer = response.getBody() == null ? "" : new String(response.getBody(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(response.getStatusCode().value()).as(account + " " + method + " " + path.get() + " → " + answer)
			.isEqualTo(expected);
		if (expected >= 400 && response.getBody() != null && path.get().startsWith("/api/")) {
			assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		}
	}

	/**
	 * The candidacy page's forms and links of the thread, in a browser's session: who sees Albi's candidacy posts a
	 * message (an empty one comes back to the page, 302) and downloads its attachments; the annotations' form is
	 * refused to the collectivité (403); those who do not see it get a 404, the anonymous the login form.
	 */
	@ParameterizedTest(name = "{0} on the thread's pages")
	@MethodSource("pageAccounts")
	void letsThoseWhoSeeTheCandidacyUseItsThread(String account) throws Exception {
		int seen = SEE_ALBI.contains(account) ? 302 : 404;
		assertThat(pagePost(account, "/candidatures/" + albi + "/messages")).isEqualTo(seen);
		assertThat(pagePost(account, "/candidatures/" + albi + "/annotations"))
			.isEqualTo(account.equals("mairie-albi") ? 403 : seen);
		var download = mvc.perform(pageAs(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/candidatures/" + albi + "/messages/" + message + "/pieces/" + attachment), account)).andReturn().getResponse();
		if (SEE_ALBI.contains(account)) {
			assertThat(download.getForwardedUrl())
				.isEqualTo("/api/candidacies/" + albi + "/messages/" + message + "/attachments/" + attachment);
		}
		else {
			assertThat(download.getStatus()).isEqualTo(404);
		}
	}

	/**
	 * The exports hold Albi's candidacy for exactly those who see it, on the API and the pages alike (the page's
	 * export of tasks is the reviewers': a collectivité and the administrator, who are no reviewers, are refused it).
	 */
	@ParameterizedTest(name = "{0} exports Albi's candidacy")
	@MethodSource("pageAccounts")
	void exportsAlbisCandidacyToThoseWhoSeeIt(String account) throws Exception {
		ResponseEntity<byte[]> api = as(account).raw(HttpMethod.GET, "/api/candidacies/export?q=" + albi, null);
		assertThat(api.getStatusCode().value()).isEqualTo(200);
		assertThat(new String(api.getBody(), java.nio.charset.StandardCharsets.UTF_8).contains(albi))
			.isEqualTo(SEE_ALBI.contains(account));
		var page = mvc.perform(pageAs(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/candidatures/export?format=csv&q=" + albi), account)).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString(java.nio.charset.StandardCharsets.UTF_8).contains(albi))
			.isEqualTo(SEE_ALBI.contains(account));
		int tasks = mvc.perform(pageAs(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/instruction/export?format=xlsx"), account)).andReturn().getResponse().getStatus();
		assertThat(tasks).isEqualTo(account.startsWith("mairie-") || account.equals("admin") ? 403 : 200);
	}

	/**
	 * The members of a body (issue 16), with members of two collectivités and two agents of one DDT: the first account
	 * of each demo body manages its members (mairie-albi, mairie-rodez, ddt-81, and admin, expert-1 for theirs), the
	 * second agents do not (403); a manager never reaches another body's member (404), nor removes themself as its
	 * last manager (409).
	 */
	@ParameterizedTest(name = "{0} {1} {2} → {4}")
	@MethodSource("memberCases")
	void answersEachMemberAsTheirRightCallsFor(String account, String method, String path, Object body, int expected)
			throws Exception {
		answersEachRoleAsItsScopeCallsFor(account, method, () -> path, body, expected);
	}

	static final List<String> MEMBERS = List.of("admin", "mairie-albi", "albi-agent2", "mairie-rodez", "ddt-81",
			"ddt-81-agent2", "ddt-12", "expert-1", ANONYMOUS);

	static final List<String> MANAGERS = List.of("admin", "mairie-albi", "mairie-rodez", "ddt-81", "ddt-12", "expert-1");

	Stream<Arguments> memberCases() {
		List<Arguments> cases = new ArrayList<>();
		for (String account : MEMBERS) {
			boolean manager = MANAGERS.contains(account);
			int refused = ANONYMOUS.equals(account) ? 401 : 403;
			cases.add(Arguments.of(account, "GET", "/api/me/members", null, manager ? 200 : refused));
			cases.add(Arguments.of(account, "POST", "/api/me/invitations",
					Map.of("email", "pas-une-adresse", "displayName", "X"), manager ? 400 : refused));
			// Rodez's manager: Rodez's only manager, who does not remove themself; any other manager: not theirs.
			cases.add(Arguments.of(account, "DELETE", "/api/me/members/mairie-rodez", null,
					!manager ? refused : account.equals("mairie-rodez") ? 409 : 404));
			cases.add(Arguments.of(account, "DELETE", "/api/me/members/personne", null, manager ? 404 : refused));
		}
		return cases.stream();
	}

	/** « Membres de … »: the page of those who manage their body's members, refused to the others. */
	@ParameterizedTest(name = "{0} on /compte/membres")
	@MethodSource("memberPageAccounts")
	void showsTheMembersPageToManagersOnly(String account) throws Exception {
		int status = mvc.perform(pageAs(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/compte/membres"), account)).andReturn().getResponse().getStatus();
		assertThat(status).isEqualTo(MANAGERS.contains(account) ? 200 : 403);
		int removal = mvc.perform(pageAs(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/compte/membres/albi-agent2/retrait")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()),
				account.equals("mairie-albi") ? "mairie-rodez" : account)).andReturn().getResponse().getStatus();
		assertThat(removal).as("never another body's member").isEqualTo(
				MANAGERS.contains(account.equals("mairie-albi") ? "mairie-rodez" : account) ? 404 : 403);
		int invitation = mvc.perform(pageAs(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/compte/membres/invitations")
			.param("email", "pas-une-adresse")
			.param("displayName", "X")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()),
				account)).andReturn().getResponse().getStatus();
		assertThat(invitation).as("a bad address: the form again").isEqualTo(MANAGERS.contains(account) ? 200 : 403);
	}

	Stream<String> memberPageAccounts() {
		return MEMBERS.stream().filter(account -> !ANONYMOUS.equals(account));
	}

	/**
	 * « Sessions et jetons »: every signed-in account has its own page; a token that is none of theirs is not found;
	 * the anonymous are sent to the login form. An account's API token carries its role: the administrator's reaches
	 * the accounts and the metrics, no other's does.
	 */
	@ParameterizedTest(name = "{0} on « Sessions et jetons » and with a token")
	@MethodSource("pageAccounts")
	void givesEachAccountItsOwnTokensAndSessions(String account) throws Exception {
		var page = mvc.perform(pageAs(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/compte/jetons"),
				account)).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(mvc.perform(pageAs(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/compte/jetons/inconnu/revocation")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()), account))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/compte/jetons"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).endsWith("/connexion");

		JsonNode created = as(account).post("/api/me/tokens", Map.of("name", "matrice")).getBody();
		org.springframework.http.HttpHeaders bearer = new org.springframework.http.HttpHeaders();
		bearer.setBearerAuth(created.get("token").asText());
		int expected = account.equals("admin") ? 200 : 403;
		for (String path : List.of("/api/accounts", "/actuator/prometheus")) {
			assertThat(http.exchange(path, HttpMethod.GET, new org.springframework.http.HttpEntity<>(bearer), String.class)
				.getStatusCode()
				.value()).as(account + " " + path).isEqualTo(expected);
		}
		as(account).exchange(HttpMethod.DELETE, "/api/me/tokens/" + created.get("id").asText(), null);
	}

	/**
	 * The API's browsable page (Swagger UI) and the document it loads, in a browser's session: every signed-in
	 * account; the anonymous is sent to the login form (the page) or gets a 401 (the document).
	 */
	@ParameterizedTest(name = "{0} browses the API's documentation")
	@MethodSource("accountsAndAnonymous")
	void showsTheApiDocumentationToWhoeverSignedIn(String account) throws Exception {
		for (String path : List.of("/swagger-ui.html", "/swagger-ui/index.html", "/v3/api-docs/swagger-config",
				"/v3/api-docs")) {
			var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path);
			var response = mvc.perform(ANONYMOUS.equals(account) ? request : pageAs(request, account))
				.andReturn()
				.getResponse();
			if (ANONYMOUS.equals(account)) {
				if (path.startsWith("/v3/")) {
					assertThat(response.getStatus()).as(path).isEqualTo(401);
				}
				else {
					assertThat(response.getStatus()).as(path).isEqualTo(302);
					assertThat(response.getRedirectedUrl()).as(path).endsWith("/connexion");
				}
			}
			else {
				assertThat(response.getStatus()).as(path).isIn(path.equals("/swagger-ui.html") ? 302 : 200);
			}
		}
	}

	/**
	 * The collectivités' suggestions of the pages' fields (collectivite/CollectiviteSuggestions), in a browser's
	 * session: every signed-in account (names and codes are public facts), and no more than those facts; the
	 */
	@ParameterizedTest(name = "{0} asks for the collectivités' suggestions")
	@MethodSource("accountsAndAnonymous")
	void suggestsCollectivitesToWhoeverSignedIn(String account) throws Exception {
		var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/collectivites/suggestions")
			.param("q", "albi");
		var response = mvc.perform(ANONYMOUS.equals(account) ? request : pageAs(request, account))
			.andReturn()
			.getResponse();
		if (ANONYMOUS.equals(account)) {
			assertThat(response.getStatus()).isEqualTo(302);
			assertThat(response.getRedirectedUrl()).endsWith("/connexion");
			return;
		}
		assertThat(response.getStatus()).isEqualTo(200);
		JsonNode found = new com.fasterxml.jackson.databind.ObjectMapper()
			.readTree(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(found.findValuesAsText("code")).contains("81004");
		found.forEach(suggestion -> assertThat(suggestion.has("population") || suggestion.has("note")).isFalse());
	}

	/**
	 * « Référentiel des collectivités » (web/CollectiviteUpdatePages): administrators only, its list, a preview, the
	 * application and the upload; the anonymous is sent to the login form.
	 */
	@ParameterizedTest(name = "{0} on « Référentiel des collectivités »")
	@MethodSource("accountsAndAnonymous")
	void showsTheCollectivitesUpdatesToAdministratorsOnly(String account) throws Exception {
		var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
		List<org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder> requests = List.of(
				org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/administration/collectivites"),
				org.springframework.test.web.servlet.request.MockMvcRequestBuilders
					.get("/administration/collectivites/mises-a-jour/inconnu"),
				org.springframework.test.web.servlet.request.MockMvcRequestBuilders
					.post("/administration/collectivites/mises-a-jour/inconnu/application")
					.with(csrf),
				org.springframework.test.web.servlet.request.MockMvcRequestBuilders
					.post("/administration/collectivites/mises-a-jour/inconnu/abandon")
					.with(csrf),
				org.springframework.test.web.servlet.request.MockMvcRequestBuilders
					.multipart("/administration/collectivites")
					.with(csrf));
		List<Integer> admin = List.of(200, 404, 404, 404, 400);
		for (int i = 0; i < requests.size(); i++) {
			var request = requests.get(i);
			var response = mvc.perform(ANONYMOUS.equals(account) ? request : pageAs(request, account))
				.andReturn()
				.getResponse();
			if (ANONYMOUS.equals(account)) {
				assertThat(response.getStatus()).as(String.valueOf(i)).isEqualTo(302);
				assertThat(response.getRedirectedUrl()).endsWith("/connexion");
			}
			else {
				assertThat(response.getStatus()).as(account + " " + i)
					.isEqualTo(account.equals("admin") ? admin.get(i) : 403);
			}
		}
	}

	/**
	 * « Comparer » (reviewers and administrators) and « Se comparer » (collectivités), in a browser's session; the
	 * anonymous are sent to the login form. Albi's candidacy is in Albi's own comparison, never in another
	 * collectivité's (its medians name no one), and in the tables of those who see it.
	 */
	@ParameterizedTest(name = "{0} on the comparison's pages")
	@MethodSource("accountsAndAnonymous")
	void showsTheComparisonToEachAsItsRoleCallsFor(String account) throws Exception {
		boolean collectivite = account.startsWith("mairie-");
		Map<String, Integer> expected = new LinkedHashMap<>();
		expected.put("/instruction/comparaison?programme=ecoquartier", collectivite ? 403 : 200);
		expected.put("/instruction/comparaison/export?programme=ecoquartier&format=csv", collectivite ? 403 : 200);
		expected.put("/collectivite/comparaison?programme=ecoquartier", collectivite ? 200 : 403);
		for (Map.Entry<String, Integer> page : expected.entrySet()) {
			var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(page.getKey());
			var response = mvc.perform(ANONYMOUS.equals(account) ? request : pageAs(request, account))
				.andReturn()
				.getResponse();
			if (ANONYMOUS.equals(account)) {
				assertThat(response.getStatus()).as(page.getKey()).isEqualTo(302);
				assertThat(response.getRedirectedUrl()).endsWith("/connexion");
			}
			else {
				assertThat(response.getStatus()).as(account + " " + page.getKey()).isEqualTo(page.getValue());
			}
		}
		if (!ANONYMOUS.equals(account)) {
			ResponseEntity<byte[]> api = as(account).raw(HttpMethod.GET, "/api/programmes/ecoquartier/comparison", null);
			assertThat(new String(api.getBody(), java.nio.charset.StandardCharsets.UTF_8).contains(albi))
				.as(account + " sees Albi's row")
				.isEqualTo(SEE_ALBI.contains(account));
		}
	}

	/** « Simuler » a referential version (web/ReferentialPages): its page and its CSV, administrators only. */
	@ParameterizedTest(name = "{0} on the simulation of a referential version")
	@MethodSource("accountsAndAnonymous")
	void showsTheSimulationToAdministratorsOnly(String account) throws Exception {
		for (String path : List.of("/administration/referentiels/ecoquartier/versions/1/simulation",
				"/administration/referentiels/ecoquartier/versions/1/simulation.csv")) {
			var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path);
			var response = mvc.perform(ANONYMOUS.equals(account) ? request : pageAs(request, account))
				.andReturn()
				.getResponse();
			if (ANONYMOUS.equals(account)) {
				assertThat(response.getStatus()).as(path).isEqualTo(302);
				assertThat(response.getRedirectedUrl()).endsWith("/connexion");
			}
			else {
				assertThat(response.getStatus()).as(account + " " + path).isEqualTo(account.equals("admin") ? 200 : 403);
			}
		}
	}

	Stream<String> accountsAndAnonymous() {
		return ACCOUNTS.stream();
	}

	Stream<String> pageAccounts() {
		return ACCOUNTS.stream().filter(account -> !ANONYMOUS.equals(account));
	}

	private int pagePost(String account, String path) throws Exception {
		return mvc.perform(pageAs(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
			.param("text", "")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()),
				account)).andReturn().getResponse().getStatus();
	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder pageAs(
			org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String account) {
		return request.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user(accounts.loadUserByUsername(account)));
	}

	@ParameterizedTest(name = "{0} withdraws Albi's candidacy → {1}")
	@MethodSource("withdrawals")
	void letsOnlyTheCollectiviteWithdraw(String account, int expected) {
		String fresh = as("mairie-albi")
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title", "Retrait"))
			.getBody()
			.get("id")
			.asText();
		assertThat(as(ANONYMOUS.equals(account) ? null : account)
			.exchange(HttpMethod.POST, "/api/candidacies/" + fresh + "/withdraw", Map.of())
			.getStatusCode()
			.value()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} replaces then withdraws a document of Albi → {1}, {2}")
	@MethodSource("documentChanges")
	void letsOnlyTheCollectiviteReplaceOrWithdrawADocument(String account, int replaced, int withdrawn) {
		String fresh = as("mairie-albi").upload(albi, "signed-charter", "charte.pdf", Api.pdf("matrice " + account))
			.getBody()
			.get("id")
			.asText();
		Api api = as(ANONYMOUS.equals(account) ? null : account);
		ResponseEntity<JsonNode> version = api.newVersion(albi, fresh, "charte-v2.pdf", Api.pdf("v2 " + account));
		assertThat(version.getStatusCode().value()).isEqualTo(replaced);
		String current = replaced == 201 ? version.getBody().get("id").asText() : fresh;
		assertThat(api.exchange(HttpMethod.POST, "/api/candidacies/" + albi + "/documents/" + current + "/withdraw",
				Map.of()).getStatusCode().value()).isEqualTo(withdrawn);
	}

	Stream<Arguments> documentChanges() {
		return ACCOUNTS.stream().map(account -> ANONYMOUS.equals(account) ? Arguments.of(account, 401, 401)
				: account.equals("mairie-albi") ? Arguments.of(account, 201, 200)
						: SEE_ALBI.contains(account) ? Arguments.of(account, 403, 403) : Arguments.of(account, 404, 404));
	}

	Stream<Arguments> withdrawals() {
		Map<String, Integer> expected = new LinkedHashMap<>();
		for (String account : ACCOUNTS) {
			expected.put(account, ANONYMOUS.equals(account) ? 401
					: account.equals("mairie-albi") ? 200 : SEE_ALBI.contains(account) ? 403 : 404);
		}
		return expected.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
	}

	/** Everyone signed in gets {@code status}; without credentials, 401. */
	/** A public page: the same answer for every role and for the anonymous. */
	private static void open(List<Arguments> cases, String method, Supplier<String> path, int status) {
		for (String account : ACCOUNTS) {
			cases.add(Arguments.of(account, method, path, null, status));
		}
	}

	private static void everyone(List<Arguments> cases, String method, Supplier<String> path, int status) {
		for (String account : ACCOUNTS) {
			cases.add(Arguments.of(account, method, path, null, ANONYMOUS.equals(account) ? 401 : status));
		}
	}

	private static void adminOnly(List<Arguments> cases, String method, Supplier<String> path, Object body, int status) {
		for (String account : ACCOUNTS) {
			cases.add(Arguments.of(account, method, path, body,
					ANONYMOUS.equals(account) ? 401 : account.equals("admin") ? status : 403));
		}
	}

	/**
	 * On Albi's candidacy: {@code owner} for Albi, {@code others} for the other roles that see it,
	 * 404 for those that do not, 401 without credentials.
	 */
	private static void scoped(List<Arguments> cases, String method, Supplier<String> path, Object body, int owner,
			int others) {
		for (String account : ACCOUNTS) {
			int status = ANONYMOUS.equals(account) ? 401
					: account.equals("mairie-albi") ? owner : SEE_ALBI.contains(account) ? others : 404;
			cases.add(Arguments.of(account, method, path, body, status));
		}
	}

	/** A message of Albi's with a PDF joined. */
	private JsonNode messageWithFile(String candidacy) {
		org.springframework.util.MultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
		parts.add("text", "Matrice");
		parts.add("files", new org.springframework.core.io.ByteArrayResource(Api.pdf("pièce")) {
			@Override
			public String getFilename() {
				return "piece.pdf";
			}
		});
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
		return http.withBasicAuth("mairie-albi", "demo")
			.exchange("/api/candidacies/" + candidacy + "/messages", HttpMethod.POST,
					new org.springframework.http.HttpEntity<>(parts, headers), JsonNode.class)
			.getBody();
	}

	private Api as(String username) {
		return new Api(http, username);
	}

}
