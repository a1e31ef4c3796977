package fr.jalon.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * With no trusted proxy (the default, {@code JALON_TRUSTED_PROXIES} unset), X-Forwarded-For is
 * ignored, even from this host or an internal address: a failed login is counted on the address of
 * the connection, never on one the client names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.remoteip.internal-proxies=${JALON_TRUSTED_PROXIES:}")
@ActiveProfiles("test")
class UntrustedProxyTests {

	private static final String PASSWORD = "une phrase de passe sûre";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void ignoresTheForwardedAddressOfAnUntrustedClient() {
		String username = "proxy-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(new Api(http, "admin")
			.post("/api/accounts", Map.of("username", username, "password", PASSWORD, "role", "EXPERT"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String forged = "2001:db8:" + UUID.randomUUID().toString().substring(0, 4) + "::1";

		assertThat(login(username, "pas le bon mot de passe", forged)).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(jdbc.queryForObject("select count(*) from login_failure where subject = ?", Integer.class,
				LoginFailures.address(forged))).as("counted on the forged address").isZero();

		// The success gives the connection's address its attempt back: no other test class sees it.
		assertThat(login(username, PASSWORD, forged)).isEqualTo(HttpStatus.OK);
	}

	private HttpStatus login(String username, String password, String forwardedFor) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(username, password, StandardCharsets.UTF_8);
		headers.set("X-Forwarded-For", forwardedFor);
		return HttpStatus.valueOf(http.exchange("/api/candidacies", HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class)
			.getStatusCode()
			.value());
	}

}
