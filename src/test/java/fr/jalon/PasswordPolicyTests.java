package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Passwords: 12 characters to 72 bytes, neither one repeated character, nor the account's name, nor
 * a common password; refused with a 400 naming {@code password}, never a 500, wherever a password is
 * set (creation, an administrator's reset, one's own change).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PasswordPolicyTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Test
	void refusesShortLongRepeatedCommonAndOwnNamePasswordsWithAProblemNamingTheField() throws Exception {
		String username = unique();
		List<String> refused = List.of("onze lettre", "a".repeat(73), "é".repeat(37), "aaaaaaaaaaaa", "            ",
				"123456789012", "Password1234", "QWERTYUIOP123", username.toUpperCase(), "€".repeat(25));
		for (String password : refused) {
			MockHttpServletResponse response = create(username, password);
			assertThat(response.getStatus()).as(password).isEqualTo(400);
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
			assertThat(json.readTree(response.getContentAsString()).get("errors").findValuesAsText("field"))
				.as(password)
				.containsExactly("password");
		}
		assertThat(json.readTree(create(username, "a".repeat(73)).getContentAsString()).get("detail").asText())
			.contains("72 octets");
		assertThat(mvc.perform(get("/api/accounts").with(httpBasic("admin", "demo"))).andReturn()
			.getResponse()
			.getContentAsString()).as("nothing created").doesNotContain(username);
	}

	@Test
	void acceptsPasswordsUpTo72BytesWhateverTheirScript() throws Exception {
		for (String password : List.of("b".repeat(71) + "c", "é".repeat(35) + "è", "日本語のパスワードですね", "mot de passe à 12")) {
			assertThat(password.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(72);
			String username = unique();
			assertThat(create(username, password).getStatus()).as(password).isEqualTo(201);
			assertThat(mvc.perform(get("/api/candidacies").with(httpBasic(username, password))).andReturn()
				.getResponse()
				.getStatus()).as(password).isEqualTo(200);
		}
	}

	@Test
	void appliesTheSameRuleToAResetAndToOnesOwnChange() throws Exception {
		String username = unique();
		assertThat(create(username, "une phrase de passe sûre").getStatus()).isEqualTo(201);
		MockHttpServletRequestBuilder reset = change(username, "qwertyuiop123").with(httpBasic("admin", "demo"));
		assertField(mvc.perform(reset).andReturn().getResponse());
		MockHttpServletRequestBuilder own = change(username, "x".repeat(100))
			.with(httpBasic(username, "une phrase de passe sûre"));
		assertField(mvc.perform(own).andReturn().getResponse());
		MockHttpServletRequestBuilder self = change(username, username).with(httpBasic(username, "une phrase de passe sûre"));
		assertField(mvc.perform(self).andReturn().getResponse());
		assertThat(mvc.perform(change(username, "une autre phrase sûre").with(httpBasic(username, "une phrase de passe sûre")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
	}

	@Test
	void answersAnOverlongPasswordAtLoginAsWrongNotAsAnError() throws Exception {
		String username = unique();
		assertThat(create(username, "une phrase de passe sûre").getStatus()).isEqualTo(201);
		for (String password : List.of("une phrase de passe sûre" + "x".repeat(60), "é".repeat(100))) {
			MockHttpServletResponse response = mvc.perform(get("/api/candidacies").with(httpBasic(username, password)))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(401);
			assertThat(response.getContentType()).startsWith("application/problem+json");
		}
	}

	private void assertField(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).isEqualTo(400);
		JsonNode problem = json.readTree(response.getContentAsString());
		assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("password");
	}

	private MockHttpServletResponse create(String username, String password) throws Exception {
		return mvc.perform(post("/api/accounts").with(httpBasic("admin", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("username", username, "password", password, "role", "EXPERT"))))
			.andReturn()
			.getResponse();
	}

	private MockHttpServletRequestBuilder change(String username, String password) throws Exception {
		return put("/api/accounts/" + username + "/password").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("password", password)));
	}

	private static String unique() {
		return "policy-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
