package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Page sessions live in the database (Spring Session JDBC), not in a node's memory: a session opened on
 * one node is signed in on every other node of the same database, outlives the node that opened it, and
 * a sign-out on any node ends it everywhere. The nodes here are application contexts of one JVM on one
 * database: this test's own (node B) and others started beside it (node A, then its successor), each
 * with an engine of its own name. The API keeps no session: HTTP Basic calls leave no session row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SharedSessionsTests {

	private static final String PASSWORD = "une longue phrase de passe";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final String CONTEXT = "SPRING_SECURITY_CONTEXT";

	private static final Pattern SESSION_COOKIE = Pattern.compile("^SESSION=([^;]*)");

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcTemplate jdbc;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@Test
	void keepsAPageSessionSignedInOnEveryNodeAndAfterItsNodeStops() throws Exception {
		String ddt = account();
		String nodeB = "http://localhost:" + port;
		String session;
		try (ConfigurableApplicationContext a = node("nodeA")) {
			String nodeA = "http://localhost:" + portOf(a);
			session = signIn(nodeA, ddt);
			assertThat(jdbc.queryForObject("select principal_name from spring_session where session_id = ?",
					String.class, sessionId(session))).isEqualTo(ddt);
			assertSignedIn(nodeA, session, ddt);
			assertSignedIn(nodeB, session, ddt);
		}
		// Node A is gone: node B still knows the session, and so does A's successor.
		assertSignedIn(nodeB, session, ddt);
		try (ConfigurableApplicationContext successor = node("nodeASuccessor")) {
			String nodeA = "http://localhost:" + portOf(successor);
			assertSignedIn(nodeA, session, ddt);

			signOut(nodeB, session);

			HttpResponse<String> after = get(nodeA, "/instruction", session);
			assertThat(after.statusCode()).isEqualTo(302);
			assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/connexion"));
			assertThat(get(nodeB, "/instruction", session).statusCode()).isEqualTo(302);
			assertThat(jdbc.queryForObject("select count(*) from spring_session where session_id = ?", Integer.class,
					sessionId(session))).isZero();
		}
	}

	/**
	 * A verified HTTP Basic credential is remembered on each node, so that bcrypt runs once per client and not once
	 * per request; a password changed or an account disabled on one node still refuses the old credential at the
	 * very next request on every other node, both of which had it remembered.
	 */
	@Test
	void refusesAnOldApiCredentialAtTheNextRequestOnEveryNode() throws Exception {
		String ddt = account();
		String nodeB = "http://localhost:" + port;
		String other = "une autre longue phrase";
		try (ConfigurableApplicationContext a = node("nodeCredentials")) {
			String nodeA = "http://localhost:" + portOf(a);
			for (int call = 0; call < 3; call++) {
				assertThat(api(nodeA, ddt, PASSWORD)).as("node A, call %d", call).isEqualTo(200);
				assertThat(api(nodeB, ddt, PASSWORD)).as("node B, call %d", call).isEqualTo(200);
			}
			assertThat(new Api(rest, "admin")
				.exchange(HttpMethod.PUT, "/api/accounts/" + ddt + "/password", Map.of("password", other))
				.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
			assertThat(api(nodeA, ddt, PASSWORD)).as("old password on node A").isEqualTo(401);
			assertThat(api(nodeB, ddt, PASSWORD)).as("old password on node B").isEqualTo(401);
			assertThat(api(nodeA, ddt, other)).as("new password on node A").isEqualTo(200);
			assertThat(api(nodeB, ddt, other)).as("new password on node B").isEqualTo(200);

			assertThat(new Api(rest, "admin").post("/api/accounts/" + ddt + "/disable", Map.of()).getStatusCode())
				.isEqualTo(HttpStatus.OK);
			assertThat(api(nodeA, ddt, other)).as("disabled, node A").isEqualTo(401);
			assertThat(api(nodeB, ddt, other)).as("disabled, node B").isEqualTo(401);
		}
	}

	/** The status of {@code GET /api/tasks} on that node with that HTTP Basic credential. */
	private int api(String node, String username, String password) throws IOException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create(node + "/api/tasks"))
			.header("Authorization", "Basic " + basic)
			.header("Accept", "application/json")
			.build(), BodyHandlers.discarding()).statusCode();
	}

	@Test
	void keepsTheSignedInUserWithoutItsPasswordHash() throws Exception {
		String ddt = account();
		String session = signIn("http://localhost:" + port, ddt);
		byte[] context = securityContext(session);
		String serialized = new String(context, StandardCharsets.ISO_8859_1);
		assertThat(serialized).contains(ddt, "fr.jalon.security.JalonUser").doesNotContain("{bcrypt}", "$2a$");
		assertThat(jdbc.queryForObject("select password_hash from account where username = ?", String.class, ddt))
			.startsWith("{bcrypt}");
	}

	@Test
	void signsOutASessionItCannotReadInsteadOfFailing() throws Exception {
		String ddt = account();
		String node = "http://localhost:" + port;
		String session = signIn(node, ddt);
		assertSignedIn(node, session, ddt);
		// As another version of Jalon might have written it: bytes this one cannot deserialize.
		jdbc.update("update spring_session_attributes set attribute_bytes = ? where attribute_name = ? "
				+ "and session_primary_id = (select primary_id from spring_session where session_id = ?)",
				new byte[] { (byte) 0xac, (byte) 0xed, 0, 5, 1, 2, 3 }, CONTEXT, sessionId(session));

		HttpResponse<String> page = get(node, "/instruction", session);
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/connexion"));
		String again = signIn(node, ddt);
		assertSignedIn(node, again, ddt);
	}

	@Test
	void keepsNoSessionForTheApi() throws Exception {
		String ddt = account();
		String basic = "Basic " + Base64.getEncoder().encodeToString((ddt + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		String wrong = "Basic " + Base64.getEncoder().encodeToString((ddt + ":faux").getBytes(StandardCharsets.UTF_8));
		long before = System.currentTimeMillis();
		for (String path : List.of("/api/tasks", "/api/candidacies", "/api/programmes")) {
			for (String authorization : List.of(basic, wrong)) {
				HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("Authorization", authorization)
					.header("Accept", "application/json")
					.build(), BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(path).isIn(200, 401);
				assertThat(answer.headers().allValues("Set-Cookie")).as(path).isEmpty();
			}
			HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.build(), BodyHandlers.ofString());
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.headers().allValues("Set-Cookie")).isEmpty();
		}
		assertThat(jdbc.queryForObject("select count(*) from spring_session where creation_time >= ?", Integer.class,
				before)).isZero();
	}

	/** The signed-in user's security context, as the session keeps it in the database. */
	private byte[] securityContext(String session) {
		return jdbc.queryForObject("select attribute_bytes from spring_session_attributes where attribute_name = ? "
				+ "and session_primary_id = (select primary_id from spring_session where session_id = ?)", byte[].class,
				CONTEXT, sessionId(session));
	}

	/** Another node on this test's database: the test profile, a port of its own, an engine of its own name. */
	private static ConfigurableApplicationContext node(String name) {
		return new SpringApplicationBuilder(JalonApplication.class).profiles("test")
			.run("--server.port=0", "--camunda.bpm.process-engine-name=" + name, "--spring.main.banner-mode=off");
	}

	private static int portOf(ConfigurableApplicationContext node) {
		return ((ServletWebServerApplicationContext) node).getWebServer().getPort();
	}

	/** A new DDT account of the Tarn, with a name no other test uses. */
	private String account() {
		String username = "shared-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> body = Map.of("username", username, "password", PASSWORD, "role", "DDT", "scope", "81");
		assertThat(new Api(rest, "admin").post("/api/accounts", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return username;
	}

	/** Signs in as a browser does: the login form (its CSRF token, in a new session), then the form posted. */
	private String signIn(String node, String username) throws IOException, InterruptedException {
		HttpResponse<String> form = get(node, "/connexion", null);
		assertThat(form.statusCode()).isEqualTo(200);
		String anonymous = cookie(form);
		HttpResponse<String> signedIn = post(node, "/connexion", anonymous,
				Map.of("username", username, "password", PASSWORD, "_csrf", csrf(form.body())));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/espace"));
		// A new session id on sign-in (session fixation protection).
		String session = cookie(signedIn);
		assertThat(session).isNotEqualTo(anonymous);
		return session;
	}

	private void assertSignedIn(String node, String session, String username) throws IOException, InterruptedException {
		HttpResponse<String> page = get(node, "/instruction", session);
		assertThat(page.statusCode()).as("GET /instruction on " + node).isEqualTo(200);
		assertThat(page.body()).contains(username, "Se déconnecter");
	}

	private void signOut(String node, String session) throws IOException, InterruptedException {
		HttpResponse<String> page = get(node, "/instruction", session);
		HttpResponse<String> out = post(node, "/deconnexion", session, Map.of("_csrf", csrf(page.body())));
		assertThat(out.statusCode()).isEqualTo(302);
		assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/connexion?deconnexion"));
	}

	private HttpResponse<String> get(String node, String path, String session) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path)).header("Accept", "text/html");
		if (session != null) {
			request.header("Cookie", "SESSION=" + session);
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String node, String path, String session, Map<String, String> form)
			throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return http.send(HttpRequest.newBuilder(URI.create(node + path))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "SESSION=" + session)
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	/** The session cookie this answer sets. */
	private static String cookie(HttpResponse<?> answer) {
		return answer.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(SESSION_COOKIE::matcher)
			.filter(Matcher::find)
			.map(m -> m.group(1))
			.reduce((first, last) -> last)
			.orElseThrow(() -> new AssertionError("no SESSION cookie set: " + answer.headers().map()));
	}

	/** The session's id as the database holds it: the cookie carries it in Base64. */
	private static String sessionId(String cookie) {
		return new String(Base64.getDecoder().decode(cookie), StandardCharsets.US_ASCII);
	}

	private static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

}
