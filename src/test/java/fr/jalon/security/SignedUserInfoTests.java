package fr.jalon.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.client.MockClientHttpResponse;

/**
 * ProConnect's userinfo, a signed JWT: read as its claims when the provider signed it (a real provider's keys,
 * mock-oauth2-server's), refused when its signature is not the provider's.
 */
class SignedUserInfoTests {

	static final MockOAuth2Server provider = new MockOAuth2Server();

	@BeforeAll
	static void start() {
		provider.start();
	}

	@AfterAll
	static void stop() {
		provider.shutdown();
	}

	@Test
	void readsTheClaimsOfAUserinfoJwtSignedByTheProvider() throws Exception {
		String jwt = provider.issueToken("proconnect", "jalon", new DefaultOAuth2TokenCallback("proconnect", "agent-1",
				"JWT", List.of("jalon"), Map.of("email", "camille@ddt.gouv.fr", "usual_name", "Martin"), 60))
			.serialize();
		SignedUserInfo reader = new SignedUserInfo(provider.jwksUrl("proconnect").toString());
		assertThat(reader.canRead(Map.class, null, SignedUserInfo.JWT)).isTrue();
		Map<String, Object> claims = reader.read(Map.class, null, response(jwt));
		assertThat(claims).containsEntry("sub", "agent-1")
			.containsEntry("email", "camille@ddt.gouv.fr")
			.containsEntry("usual_name", "Martin");
	}

	@Test
	void refusesAUserinfoJwtSignedByAnotherKey() {
		// Another issuer of the same server signs with another key than the one of "proconnect".
		String forged = provider.issueToken("ailleurs", "jalon", new DefaultOAuth2TokenCallback("ailleurs", "agent-1",
				"JWT", List.of("jalon"), Map.of("email", "camille@ddt.gouv.fr"), 60))
			.serialize();
		SignedUserInfo reader = new SignedUserInfo(provider.jwksUrl("proconnect").toString());
		assertThatThrownBy(() -> reader.read(Map.class, null, response(forged)))
			.isInstanceOf(HttpMessageNotReadableException.class);
	}

	private static MockClientHttpResponse response(String body) {
		MockClientHttpResponse response = new MockClientHttpResponse(body.getBytes(StandardCharsets.US_ASCII),
				HttpStatus.OK);
		response.getHeaders().setContentType(SignedUserInfo.JWT);
		return response;
	}

}
