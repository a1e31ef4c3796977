package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * What every answer says beside its body, on a real port (MockMvc neither compresses nor knows a proxy): gzip, long
 * caching of static files under versioned addresses, the security headers (HSTS only when the request is secure,
 * directly or through a trusted proxy's X-Forwarded-Proto), the session cookie's flags, Content-Language, and the
 * favicon and robots.txt.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=http-hygiene")
@ActiveProfiles("test")
class HttpHygieneTests {

	static final String YEAR_IMMUTABLE = "max-age=31536000, public, immutable";

	/** A static file's address as the resource chain prints it: the content's MD5 before the extension. */
	static final Pattern VERSIONED = Pattern.compile("-[0-9a-f]{32}\\.[a-z0-9]+$");

	static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/(?:vendor|css|js)/[^\"]+)\"");

	static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?(?!data:)([^'\")]+)['\"]?\\s*\\)");

	@LocalServerPort
	int port;

	@Autowired
	ResourceUrlProvider urls;

	final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void gzipsPagesStyleSheetsAndJsonForClientsThatAcceptIt() throws Exception {
		HttpResponse<byte[]> page = get("/connexion", "Accept-Encoding", "gzip");
		assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gunzip(page.body())).contains("</html>");
		String css = versioned(gunzip(page.body()), "/vendor/dsfr/dsfr.min");
		HttpResponse<byte[]> sheet = get(css, "Accept-Encoding", "gzip");
		assertThat(sheet.statusCode()).isEqualTo(200);
		assertThat(sheet.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gunzip(sheet.body())).contains(".fr-header");
		HttpResponse<byte[]> json = get("/api/referentials/ecoquartier", "Accept-Encoding", "gzip", "Authorization",
				basic("admin"));
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
			.startsWith("application/json"));
		assertThat(json.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gunzip(json.body())).startsWith("{");
		// A client that does not say it accepts gzip gets the bytes as they are.
		assertThat(get("/connexion").headers().firstValue("Content-Encoding")).isEmpty();
	}

	@Test
	void servesStaticFilesUnderVersionedAddressesCachedAYearAndPagesNotAtAll() throws Exception {
		String layout = text(get("/connexion"));
		Set<String> files = linked(layout);
		assertThat(files).anyMatch(file -> file.startsWith("/vendor/dsfr/dsfr.min-"))
			.anyMatch(file -> file.startsWith("/vendor/dsfr/dsfr.module.min-"))
			.anyMatch(file -> file.startsWith("/css/jalon-"))
			.anyMatch(file -> file.startsWith("/js/jalon-"));
		// The programme page's diagram: bpmn-js and Jalon's script through the same chain, and the task forms' script.
		files.addAll(linked(text(signedIn("admin").get("/administration/programmes/ecoquartier"))));
		assertThat(files).anyMatch(file -> file.startsWith("/vendor/bpmn-js/bpmn-viewer.production.min-"))
			.anyMatch(file -> file.startsWith("/vendor/bpmn-js/diagram-js-"))
			.anyMatch(file -> file.startsWith("/js/diagramme-"));
		assertThat(urls.getForLookupPath("/js/brouillon.js")).containsPattern(VERSIONED);
		for (String file : files) {
			assertThat(file).as("printed versioned").containsPattern(VERSIONED);
			HttpResponse<byte[]> response = get(file);
			assertThat(response.statusCode()).as(file).isEqualTo(200);
			// Spring Security's no-store stays off the files: they set their own Cache-Control.
			assertThat(response.headers().firstValue("Cache-Control")).as(file).hasValue(YEAR_IMMUTABLE);
			assertThat(response.headers().firstValue("Pragma")).as(file).isEmpty();
		}
		// The style sheet's fonts and icons, relative in the DSFR's file: rewritten to their versioned addresses, served so.
		String css = text(get(versioned(layout, "/vendor/dsfr/dsfr.min")));
		List<String> references = new ArrayList<>();
		Matcher url = CSS_URL.matcher(css);
		while (url.find()) {
			references.add(url.group(1));
		}
		assertThat(references).anyMatch(reference -> reference.startsWith("/vendor/dsfr/fonts/Marianne-Regular-"))
			.anyMatch(reference -> reference.startsWith("/vendor/dsfr/icons/"));
		for (String reference : new LinkedHashSet<>(references)) {
			assertThat(reference).as("rewritten versioned").containsPattern(VERSIONED);
			HttpResponse<byte[]> response = get(reference);
			assertThat(response.statusCode()).as(reference).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control")).as(reference).hasValue(YEAR_IMMUTABLE);
		}
		// Pages and the API: nobody's answer kept anywhere.
		assertThat(get("/connexion").headers().firstValue("Cache-Control")).hasValueSatisfying(
				value -> assertThat(value).contains("no-store"));
		assertThat(get("/api/referentials/ecoquartier", "Authorization", basic("admin")).headers()
			.firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
	}

	@Test
	void sendsTheSecurityHeadersOnPagesAndApiAndHstsOnlyOnSecureRequests() throws Exception {
		List<HttpResponse<byte[]>> answers = List.of(get("/connexion"), get("/"),
				get("/api/referentials/ecoquartier", "Authorization", basic("admin")), get("/api/candidacies"),
				get("/page-inconnue"));
		for (HttpResponse<byte[]> answer : answers) {
			String what = answer.uri().getPath() + " " + answer.statusCode();
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what)
				.hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'")
					.contains("script-src 'self';")
					.contains("style-src 'self';")
					.contains("object-src 'none'")
					.contains("frame-ancestors 'self'")
					.doesNotContain("unsafe-inline")
					.doesNotContain("unsafe-eval"));
			assertThat(answer.headers().firstValue("Referrer-Policy")).as(what)
				.hasValue("strict-origin-when-cross-origin");
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
			assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(what + " over plain HTTP")
				.isEmpty();
		}
		for (String path : List.of("/connexion", "/api/candidacies")) {
			HttpResponse<byte[]> proxied = get(path, "X-Forwarded-Proto", "https");
			assertThat(proxied.headers().firstValue("Strict-Transport-Security")).as(path + " behind a TLS proxy")
				.hasValueSatisfying(hsts -> assertThat(hsts.replace(" ", "")).isEqualTo(
						"max-age=31536000;includeSubDomains"));
		}
	}

	@Test
	void setsTheSessionCookieHttpOnlyLaxAndSecureWhenTheRequestIs() throws Exception {
		String plain = sessionCookie(get("/connexion"));
		assertThat(attributes(plain)).contains("httponly", "samesite=lax").doesNotContain("secure");
		String proxied = sessionCookie(get("/connexion", "X-Forwarded-Proto", "https"));
		assertThat(attributes(proxied)).contains("httponly", "samesite=lax", "secure");
		// The session a sign-in starts (a new id) behind the proxy: the same flags.
		Browser browser = new Browser("X-Forwarded-Proto", "https");
		HttpResponse<byte[]> login = browser.signIn("admin");
		assertThat(attributes(sessionCookie(login))).contains("httponly", "samesite=lax", "secure");
		// No other cookie: the CSRF token lives in the session.
		assertThat(login.headers().allValues("Set-Cookie")).allMatch(cookie -> cookie.startsWith("SESSION="));
	}

	@Test
	void saysItSpeaksFrenchOnPagesAndApi() throws Exception {
		for (HttpResponse<byte[]> answer : List.of(get("/connexion"),
				get("/api/referentials/ecoquartier", "Authorization", basic("admin")), get("/api/candidacies"),
				get("/api/candidacies/inconnue", "Authorization", basic("admin")))) {
			assertThat(answer.headers().firstValue("Content-Language")).as(answer.uri().getPath())
				.hasValueSatisfying(language -> assertThat(language).matches("fr(-FR)?"));
		}
	}

	@Test
	void servesTheFaviconAndRobotsTxtToAnyoneCachedADay() throws Exception {
		HttpResponse<byte[]> favicon = get("/favicon.ico");
		assertThat(favicon.statusCode()).isEqualTo(200);
		assertThat(favicon.body()).isEqualTo(getClass().getResourceAsStream("/static/vendor/dsfr/favicon/favicon.ico")
			.readAllBytes());
		assertThat(favicon.headers().firstValue("Cache-Control")).hasValue("max-age=86400, public");
		HttpResponse<byte[]> robots = get("/robots.txt");
		assertThat(robots.statusCode()).isEqualTo(200);
		assertThat(robots.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
			.startsWith("text/plain"));
		assertThat(robots.headers().firstValue("Cache-Control")).hasValue("max-age=86400, public");
		assertThat(text(robots)).contains("User-agent: *", "Allow: /certificats/", "Disallow: /api/",
				"Disallow: /administration", "Disallow: /instruction", "Disallow: /collectivite",
				"Disallow: /candidatures");
		// The layout names the favicon at its fixed address.
		assertThat(text(get("/connexion"))).contains("href=\"/favicon.ico\"");
	}

	/** A browser's page session over the port: its cookie kept and sent back, its headers on every request. */
	final class Browser {

		private final String[] headers;

		private String cookie;

		Browser(String... headers) {
			this.headers = headers;
		}

		HttpResponse<byte[]> signIn(String username) throws Exception {
			String form = text(get("/connexion"));
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
			assertThat(csrf.find()).isTrue();
			String body = "username=" + username + "&password=demo&_csrf=" + csrf.group(1);
			HttpResponse<byte[]> response = send(request("/connexion").header("Content-Type",
					"application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
					location -> assertThat(location).endsWith("/espace"));
			return response;
		}

		HttpResponse<byte[]> get(String path) throws Exception {
			return send(request(path).GET());
		}

		private HttpRequest.Builder request(String path) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
			for (int i = 0; i < headers.length; i += 2) {
				request.header(headers[i], headers[i + 1]);
			}
			if (cookie != null) {
				request.header("Cookie", cookie);
			}
			return request;
		}

		private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
			HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			response.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter(set -> set.startsWith("SESSION="))
				.findFirst()
				.ifPresent(set -> cookie = set.substring(0, set.indexOf(';')));
			return response;
		}

	}

	private Browser signedIn(String username) throws Exception {
		Browser browser = new Browser();
		browser.signIn(username);
		return browser;
	}

	private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
		return new Browser(headers).get(path);
	}

	private static String sessionCookie(HttpResponse<byte[]> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(cookie -> cookie.startsWith("SESSION="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	/** A Set-Cookie's attributes, lower case, without the value: "httponly", "samesite=lax", "secure", "path=/"… */
	private static List<String> attributes(String cookie) {
		List<String> attributes = new ArrayList<>();
		String[] parts = cookie.split(";");
		for (int i = 1; i < parts.length; i++) {
			attributes.add(parts[i].trim().toLowerCase());
		}
		return attributes;
	}

	/** The static files a page links: scripts and style sheets. */
	private static Set<String> linked(String html) {
		Set<String> files = new LinkedHashSet<>();
		Matcher linked = LINKED.matcher(html);
		while (linked.find()) {
			files.add(linked.group(1));
		}
		return files;
	}

	/** The versioned address a page prints for a file, by the start of its name. */
	private static String versioned(String html, String start) {
		return linked(html).stream()
			.filter(file -> file.startsWith(start + "-"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no versioned " + start + " in the page"));
	}

	private static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static String gunzip(byte[] body) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String basic(String username) {
		return "Basic " + Base64.getEncoder().encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8));
	}

}
