package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.jalon.system.French;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in to the pages with ProConnect, against a real OpenID Connect provider started here
 * (no.nav.security:mock-oauth2-server, answering what each test tells it), through the real redirects of a browser
 * (an HTTP client that keeps cookies and follows redirects, to the provider and back); and « Mot de passe oublié »
 * for the accounts with a password of Jalon's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=sign-in")
@Import(MutableClock.InContext.class)
@ActiveProfiles("test")
class SignInTests {

	/**
	 * The bodies of the accounts made here, which no other test writes to: on PostgreSQL every class shares one
	 * database, and an account with an address in Albi or at the DDT of the Tarn would receive MailTests' mails.
	 */
	static final String QUIET_COMMUNE = "12145";

	static final String QUIET_DEPARTEMENT = "46";

	private static final String ISSUER = "proconnect";

	private static final String CLIENT = "jalon-test";

	private static final String PASSWORD = "une longue phrase de passe";

	static final MockOAuth2Server provider = new MockOAuth2Server();

	static {
		provider.start();
	}

	@DynamicPropertySource
	static void proconnect(DynamicPropertyRegistry properties) {
		properties.add("jalon.proconnect.issuer-uri", () -> provider.issuerUrl(ISSUER).toString());
		properties.add("jalon.proconnect.client-id", () -> CLIENT);
		properties.add("jalon.proconnect.client-secret", () -> "secret");
	}

	@AfterAll
	static void stop() {
		provider.shutdown();
	}

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void offersProConnectOnTheLoginPage() throws Exception {
		Page login = new Browser().get("/connexion");
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body()).contains("fr-connect fr-connect--pro", "/oauth2/authorization/proconnect",
				French.typeset("S’identifier avec"), "Mot de passe oublié");
	}

	@Test
	void linksAFirstSignInByVerifiedEmailThenFindsTheAccountBySubject() throws Exception {
		String account = account("COLLECTIVITE", QUIET_COMMUNE);
		String subject = UUID.randomUUID().toString();
		identity(subject, email(account), true);
		Page home = new Browser().get("/oauth2/authorization/proconnect");
		assertThat(home.visited()).as("to the provider and back").anyMatch(url -> url.startsWith(provider.baseUrl().toString()));
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.url()).endsWith("/collectivite");
		assertThat(home.body()).contains(account);
		assertThat(jdbc.queryForList("select username from account_identity where issuer = ? and subject = ?",
				String.class, provider.issuerUrl(ISSUER).toString(), subject)).containsExactly(account);

		// The account's address changes: the identity still signs in as it, by its subject.
		assertThat(new Api(http, "admin").exchange(HttpMethod.PUT, "/api/accounts/" + account + "/mail-preferences",
				Map.of("email", "autre-" + email(account))).getStatusCode().value()).isEqualTo(200);
		identity(subject, "ancienne-" + email(account), true);
		Page again = new Browser().get("/oauth2/authorization/proconnect");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).contains(account);
	}

	@Test
	void refusesAnIdentityWhoseEmailIsNoAccountsAndKeepsNoSession() throws Exception {
		String unknown = "personne-" + UUID.randomUUID() + "@exemple.gouv.fr";
		identity(UUID.randomUUID().toString(), unknown, true);
		Browser browser = new Browser();
		Page refused = browser.get("/oauth2/authorization/proconnect");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains(French.typeset("Aucun compte Jalon ne correspond à " + unknown + "."));
		assertThat(browser.get("/espace").url()).endsWith("/connexion");
	}

	@Test
	void refusesAnUnverifiedEmailEvenOfAnAccount() throws Exception {
		String account = account("COLLECTIVITE", QUIET_COMMUNE);
		String subject = UUID.randomUUID().toString();
		identity(subject, email(account), false);
		Browser browser = new Browser();
		Page refused = browser.get("/oauth2/authorization/proconnect");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains(French.typeset("Votre adresse électronique n’est pas vérifiée."));
		assertThat(browser.get("/espace").url()).endsWith("/connexion");
		assertThat(jdbc.queryForObject("select count(*) from account_identity where subject = ?", Integer.class,
				subject)).isZero();
	}

	@Test
	void signsOutOfJalonAndOfTheProvider() throws Exception {
		String account = account("COLLECTIVITE", QUIET_COMMUNE);
		identity(UUID.randomUUID().toString(), email(account), true);
		Browser browser = new Browser();
		Page home = browser.get("/oauth2/authorization/proconnect");
		assertThat(home.body()).contains(account);

		HttpResponse<String> out = browser.post("/deconnexion", Map.of("_csrf", PageSession.csrf(home.body())));
		assertThat(out.statusCode()).isEqualTo(302);
		URI logout = URI.create(out.headers().firstValue("Location").orElseThrow());
		assertThat(logout.toString()).startsWith(provider.endSessionEndpointUrl(ISSUER).toString());
		Map<String, String> query = query(logout);
		assertThat(query).containsKey("id_token_hint")
			.containsEntry("post_logout_redirect_uri", base() + "/connexion?deconnexion");
		assertThat(browser.get("/espace").url()).as("the session is gone").endsWith("/connexion");
	}

	@Test
	void mailsASingleUseResetLinkThatEndsTheAccountsSessions() throws Exception {
		String account = account("COLLECTIVITE", QUIET_COMMUNE);
		Browser signedIn = new Browser();
		assertThat(signedIn.signIn(account, PASSWORD).url()).endsWith("/collectivite");

		String link = requestLink(email(account));
		Browser resetter = new Browser();
		Page form = resetter.get(link);
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.body()).contains(account);
		String token = query(URI.create(link)).get("jeton");
		HttpResponse<String> weak = resetter.post("/connexion/nouveau-mot-de-passe",
				Map.of("jeton", token, "password", "court", "_csrf", PageSession.csrf(form.body())));
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains(French.typeset("Le mot de passe compte au moins 12 caractères."));

		Page csrf = resetter.get(link);
		HttpResponse<String> changed = resetter.post("/connexion/nouveau-mot-de-passe", Map.of("jeton", token,
				"password", "une toute nouvelle phrase", "_csrf", PageSession.csrf(csrf.body())));
		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(changed.headers().firstValue("Location").orElseThrow()).endsWith("/connexion?mot-de-passe-change");

		assertThat(signedIn.get("/collectivite").url()).as("the session opened before")
			.endsWith("/connexion?session-terminee");
		assertThat(new Browser().signIn(account, PASSWORD).url()).endsWith("/connexion?erreur");
		assertThat(new Browser().signIn(account, "une toute nouvelle phrase").url()).endsWith("/collectivite");

		Page used = new Browser().get(link);
		assertThat(used.status()).isEqualTo(410);
		assertThat(used.body()).contains(French.typeset("Lien expiré ou déjà utilisé"));
	}

	@Test
	void refusesALinkPastItsThirtyMinutes() throws Exception {
		String account = account("COLLECTIVITE", QUIET_COMMUNE);
		String link = requestLink(email(account));
		clock.advance(Duration.ofMinutes(29));
		assertThat(new Browser().get(link).status()).isEqualTo(200);
		clock.advance(Duration.ofMinutes(2));
		Page expired = new Browser().get(link);
		assertThat(expired.status()).isEqualTo(410);
		assertThat(expired.body()).contains(French.typeset("Ce lien ne permet plus de choisir un mot de passe"));
	}

	@Test
	void answersTheSameWhetherTheAddressIsAnAccountsOrNot() throws Exception {
		String account = account("COLLECTIVITE", QUIET_COMMUNE);
		String unknown = "inconnu-" + UUID.randomUUID() + "@exemple.gouv.fr";
		Page known = forgot(email(account));
		Page none = forgot(unknown);
		assertThat(none.status()).isEqualTo(known.status()).isEqualTo(200);
		assertThat(none.url()).isEqualTo(known.url());
		assertThat(text(none.body())).isEqualTo(text(known.body()));
		assertThat(mails(email(account))).hasSize(1);
		assertThat(mails(unknown)).isEmpty();
	}

	@Test
	void mailsNoResetLinkToAnAccountThatSignsInWithProConnect() throws Exception {
		String account = account("COLLECTIVITE", QUIET_COMMUNE);
		identity(UUID.randomUUID().toString(), email(account), true);
		assertThat(new Browser().get("/oauth2/authorization/proconnect").body()).contains(account);
		assertThat(forgot(email(account)).status()).isEqualTo(200);
		assertThat(mails(email(account))).isEmpty();
	}

	@Test
	void createsAnAccountOnlyForABodyThatAnAdministratorAllowed() throws Exception {
		String domain = "ddt-" + UUID.randomUUID().toString().substring(0, 8) + ".gouv.fr";
		Api admin = new Api(http, "admin");
		assertThat(new Api(http, "ddt-81").post("/api/proconnect/allowed-bodies",
				Map.of("emailDomain", domain, "role", "DDT", "scope", QUIET_DEPARTEMENT)).getStatusCode().value()).isEqualTo(403);
		var badScope = admin.post("/api/proconnect/allowed-bodies",
				Map.of("emailDomain", domain, "role", "DDT", "scope", "99x"));
		ProblemAssertions.assertProblem(badScope, org.springframework.http.HttpStatus.BAD_REQUEST);
		assertThat(badScope.getBody().get("errors").findValuesAsText("field")).containsExactly("scope");
		String agent = "camille.martin@" + domain;
		identity(UUID.randomUUID().toString(), agent, true);
		assertThat(new Browser().get("/oauth2/authorization/proconnect").status()).as("not allowed yet").isEqualTo(403);

		assertThat(admin.post("/api/proconnect/allowed-bodies", Map.of("emailDomain", domain, "role", "DDT", "scope", QUIET_DEPARTEMENT))
			.getStatusCode()
			.value()).isEqualTo(201);
		assertThat(admin.get("/api/proconnect/allowed-bodies").getBody().findValuesAsText("emailDomain")).contains(domain);
		String subject = UUID.randomUUID().toString();
		identity(subject, agent, true);
		Page home = new Browser().get("/oauth2/authorization/proconnect");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.url()).endsWith("/instruction");
		String created = jdbc.queryForObject("select username from account_identity where subject = ?", String.class,
				subject);
		assertThat(jdbc.queryForMap("select role, scope, email, display_name from account where username = ?", created))
			.containsEntry("ROLE", "DDT").containsEntry("SCOPE", QUIET_DEPARTEMENT).containsEntry("EMAIL", agent)
			.as("named as the identity names the person").containsEntry("DISPLAY_NAME", "Camille Martin");

		assertThat(admin.exchange(HttpMethod.DELETE, "/api/proconnect/allowed-bodies/" + domain, null)
			.getStatusCode()
			.value()).isEqualTo(204);
		identity(UUID.randomUUID().toString(), "dominique@" + domain, true);
		assertThat(new Browser().get("/oauth2/authorization/proconnect").status()).as("no longer allowed").isEqualTo(403);
	}

	// Helpers.

	/** The next sign-in at the provider: that subject, that e-mail, verified or not. */
	private void identity(String subject, String email, boolean verified) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("email", email);
		claims.put("email_verified", verified);
		claims.put("given_name", "Camille");
		claims.put("usual_name", "Martin");
		provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, "JWT", List.of(CLIENT), claims, 3600));
	}

	/** A new account with a password and an address of its own. */
	private String account(String role, String scope) {
		String username = "oidc-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", username);
		body.put("password", PASSWORD);
		body.put("role", role);
		body.put("scope", scope);
		body.put("email", email(username));
		assertThat(admin().postForEntity("/api/accounts", body, String.class).getStatusCode().value()).isEqualTo(201);
		return username;
	}

	private static String email(String username) {
		return username + "@exemple.gouv.fr";
	}

	private TestRestTemplate admin() {
		return http.withBasicAuth("admin", "demo");
	}

	private Page forgot(String email) throws Exception {
		Browser browser = new Browser();
		Page form = browser.get("/connexion/mot-de-passe-oublie");
		HttpResponse<String> sent = browser.post("/connexion/mot-de-passe-oublie",
				Map.of("email", email, "_csrf", PageSession.csrf(form.body())));
		assertThat(sent.statusCode()).isEqualTo(302);
		return browser.get(sent.headers().firstValue("Location").orElseThrow());
	}

	/** The link of the mail that a request for that address writes. */
	private String requestLink(String email) throws Exception {
		forgot(email);
		List<String> bodies = mails(email);
		assertThat(bodies).hasSize(1);
		Matcher link = Pattern.compile("(http\\S+/connexion/nouveau-mot-de-passe\\?jeton=\\S+)").matcher(bodies.get(0));
		assertThat(link.find()).as("a link in " + bodies.get(0)).isTrue();
		return link.group(1);
	}

	private List<String> mails(String email) {
		return jdbc.queryForList("select body from mail_outbox where recipient = ? and kind = 'PASSWORD_RESET'",
				String.class, email);
	}

	/** A page's text without its CSRF token (a new one per session). */
	private static String text(String html) {
		return html.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
	}

	private String base() {
		return "http://localhost:" + port;
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	record Page(int status, String url, String body, List<String> visited) {
	}

	/** A browser: its cookies, and the redirects it follows (to the provider and back) one by one. */
	final class Browser {

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(30))
			.build();

		/** The page at the end of the redirects from that address (a path of Jalon's, or a whole address). */
		Page get(String address) throws IOException, InterruptedException {
			URI uri = URI.create(address.startsWith("http") ? address : base() + address);
			List<String> visited = new ArrayList<>();
			for (int hop = 0; hop < 10; hop++) {
				visited.add(uri.toString());
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() / 100 != 3) {
					return new Page(response.statusCode(), uri.toString(), response.body(), visited);
				}
				uri = uri.resolve(response.headers().firstValue("Location").orElseThrow());
			}
			throw new AssertionError("Too many redirects: " + visited);
		}

		/** A form posted; the answer as it is, redirect or not. */
		HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
			String body = form.entrySet()
				.stream()
				.map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return client.send(HttpRequest.newBuilder(URI.create(base() + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		/** The login form, filled and posted; where it lands. */
		Page signIn(String username, String password) throws IOException, InterruptedException {
			Page form = get("/connexion");
			HttpResponse<String> posted = post("/connexion",
					Map.of("username", username, "password", password, "_csrf", PageSession.csrf(form.body())));
			return get(posted.headers().firstValue("Location").orElseThrow());
		}

	}

}
