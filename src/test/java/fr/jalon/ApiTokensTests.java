package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.system.French;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Personal API tokens: created by their owner, used as {@code Authorization: Bearer}, listed without their secret,
 * revoked or expired → 401 at once; the token never appears again in any answer or in the log. And « Se déconnecter
 * partout »: every page session of the account ends.
 */
@SpringBootTest(properties = "jalon.test.database=api-tokens")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(MutableClock.InContext.class)
@ExtendWith(OutputCaptureExtension.class)
class ApiTokensTests {

	private static final String PASSWORD = "une longue phrase de passe";

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	MutableClock clock;

	/** Every answer after a token's creation, to look for the token in. */
	private final List<String> answers = new ArrayList<>();

	@Test
	void createsUsesListsAndRevokesATokenWhichIsRefusedAtOnceAndNeverShownAgain(CapturedOutput output)
			throws Exception {
		String owner = account("DDT", "81");
		MockHttpServletResponse created = basic(owner,
				post("/api/me/tokens").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"export nocturne\"}"));
		assertThat(created.getStatus()).isEqualTo(201);
		JsonNode body = json.readTree(created.getContentAsString());
		String token = body.get("token").asText();
		String id = body.get("id").asText();
		answers.clear();
		assertThat(token).startsWith("jalon_" + id + "_").startsWith(body.get("prefix").asText());
		assertThat(Duration.between(java.time.Instant.parse(body.get("createdAt").asText()),
				java.time.Instant.parse(body.get("expiresAt").asText()))).isEqualTo(Duration.ofDays(90));

		assertThat(bearer(token, get("/api/tasks")).getStatus()).isEqualTo(200);
		assertThat(bearer(token, get("/v3/api-docs")).getStatus()).as("the OpenAPI document, read with a token")
			.isEqualTo(200);
		MockHttpServletResponse list = bearer(token, get("/api/me/tokens"));
		assertThat(list.getStatus()).isEqualTo(200);
		JsonNode listed = json.readTree(list.getContentAsString());
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("name").asText()).isEqualTo("export nocturne");
		assertThat(listed.get(0).get("prefix").asText()).isEqualTo("jalon_" + id);
		assertThat(listed.get(0).has("lastUsedAt")).isTrue();
		assertThat(listed.get(0).has("token")).isFalse();

		assertThat(basic(owner, delete("/api/me/tokens/" + id)).getStatus()).isEqualTo(204);
		MockHttpServletResponse refused = bearer(token, get("/api/tasks"));
		assertThat(refused.getStatus()).isEqualTo(401);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(refused.getHeaders("WWW-Authenticate")).anyMatch(value -> value.startsWith("Bearer"))
			.anyMatch(value -> value.startsWith("Basic"));
		assertThat(refused.getContentAsString()).contains("Bearer").contains("Basic");
		assertThat(bearer(token, get("/v3/api-docs")).getStatus()).isEqualTo(401);
		assertThat(basic(owner, get("/api/me/tokens")).getContentAsString()).isEqualTo("[]");

		// The audit trail names the token by its name and prefix.
		String audit = basic("admin", get("/api/audit?actor=" + owner)).getContentAsString();
		assertThat(audit).contains("API_TOKEN_CREATED").contains("API_TOKEN_REVOKED").contains("jalon_" + id);
		String secret = token.substring(("jalon_" + id + "_").length());
		assertThat(answers).noneMatch(answer -> answer.contains(secret));
		assertThat(output.getAll()).doesNotContain(secret);
	}

	@Test
	void refusesAnExpiredToken() throws Exception {
		String owner = account("COLLECTIVITE", "81004");
		String token = token(owner, "{\"name\":\"un jour\",\"expiresInDays\":1}");
		assertThat(bearer(token, get("/api/candidacies")).getStatus()).isEqualTo(200);

		clock.advance(Duration.ofDays(1).plusSeconds(1));

		assertThat(bearer(token, get("/api/candidacies")).getStatus()).isEqualTo(401);
		JsonNode listed = json.readTree(basic(owner, get("/api/me/tokens")).getContentAsString());
		assertThat(listed.get(0).get("expired").asBoolean()).isTrue();
	}

	@Test
	void refusesTheTokenOfADisabledAccount() throws Exception {
		String owner = account("EXPERT", null);
		String token = token(owner, "{\"name\":\"script\"}");
		assertThat(basic("admin", post("/api/accounts/" + owner + "/disable")).getStatus()).isEqualTo(200);
		assertThat(bearer(token, get("/api/tasks")).getStatus()).isEqualTo(401);
	}

	@Test
	void actsWithTheAccountsCurrentRoleAndScope() throws Exception {
		String owner = account("DDT", "81");
		String token = token(owner, "{\"name\":\"script\"}");
		assertThat(bearer(token, get("/api/accounts")).getStatus()).isEqualTo(403);
		assertThat(basic("admin", put("/api/accounts/" + owner + "/scope", "{\"role\":\"ADMIN\"}")).getStatus())
			.isEqualTo(200);
		assertThat(bearer(token, get("/api/accounts")).getStatus()).isEqualTo(200);
	}

	@Test
	void letsNoOtherUserRevokeMyToken() throws Exception {
		String owner = account("DDT", "81");
		String other = account("DDT", "81");
		MockHttpServletResponse created = basic(owner,
				post("/api/me/tokens").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"le mien\"}"));
		JsonNode body = json.readTree(created.getContentAsString());

		MockHttpServletResponse refused = basic(other, delete("/api/me/tokens/" + body.get("id").asText()));
		assertThat(refused.getStatus()).isEqualTo(404);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(basic(other, get("/api/me/tokens")).getContentAsString()).isEqualTo("[]");
		assertThat(bearer(body.get("token").asText(), get("/api/tasks")).getStatus()).isEqualTo(200);
	}

	@Test
	void writesTheLastUseAtMostOnceAMinute() throws Exception {
		String owner = account("DDT", "81");
		String token = token(owner, "{\"name\":\"script\"}");
		bearer(token, get("/api/tasks"));
		String first = lastUse(owner);
		assertThat(first).isNotEmpty();
		clock.advance(Duration.ofSeconds(30));
		bearer(token, get("/api/tasks"));
		assertThat(lastUse(owner)).isEqualTo(first);
		clock.advance(Duration.ofSeconds(31));
		bearer(token, get("/api/tasks"));
		assertThat(lastUse(owner)).isNotEqualTo(first);
	}

	@Test
	void refusesANamelessTokenOrOneOfMoreThanAYear() throws Exception {
		String owner = account("DDT", "81");
		MockHttpServletResponse nameless = basic(owner,
				post("/api/me/tokens").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  \"}"));
		assertThat(nameless.getStatus()).isEqualTo(400);
		assertThat(nameless.getContentAsString()).contains("\"name\"");
		MockHttpServletResponse tooLong = basic(owner, post("/api/me/tokens").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"expiresInDays\":366}"));
		assertThat(tooLong.getStatus()).isEqualTo(400);
		assertThat(tooLong.getContentAsString()).contains("\"expiresInDays\"");
		assertThat(bearer("jalon_pasunjeton", get("/api/tasks")).getStatus()).isEqualTo(401);
	}

	@Test
	void showsANewTokenOnceOnThePage() throws Exception {
		String owner = account("DDT", "81");
		PageSession session = PageSession.signIn(mvc, owner, PASSWORD);
		String page = session.perform(get("/compte/jetons")).getContentAsString();
		MockHttpServletResponse created = session.perform(post("/compte/jetons").param("name", "tableur")
			.param("expiresInDays", "30")
			.param("_csrf", PageSession.csrf(page)));
		assertThat(created.getStatus()).isEqualTo(200);
		JsonNode listed = json.readTree(basic(owner, get("/api/me/tokens")).getContentAsString());
		String prefix = listed.get(0).get("prefix").asText();
		java.util.regex.Matcher shown = java.util.regex.Pattern.compile("value=\"(" + prefix + "_[^\"]+)\"")
			.matcher(created.getContentAsString());
		assertThat(shown.find()).isTrue();
		String token = shown.group(1);
		assertThat(bearer(token, get("/api/tasks")).getStatus()).isEqualTo(200);
		String again = session.perform(get("/compte/jetons")).getContentAsString();
		assertThat(again).contains("tableur").contains(prefix).doesNotContain(token);
	}

	@Test
	void signsOutEverywhereAndRevokesEveryTokenIfAsked() throws Exception {
		String owner = account("DDT", "81");
		String token = token(owner, "{\"name\":\"script\"}");
		PageSession first = PageSession.signIn(mvc, owner, PASSWORD);
		PageSession second = PageSession.signIn(mvc, owner, PASSWORD);
		assertThat(second.perform(get("/instruction")).getStatus()).isEqualTo(200);
		JsonNode sessions = json.readTree(bearer(token, get("/api/me/sessions")).getContentAsString());
		assertThat(sessions).hasSize(2);
		String page = first.perform(get("/compte/jetons")).getContentAsString();
		assertThat(page).contains(French.typeset("Cette session")).contains("script");
		assertThat(page.split("data-session", -1)).hasSize(3);

		MockHttpServletResponse ended = first.perform(post("/compte/deconnexion-partout").param("revokeTokens", "true")
			.param("_csrf", PageSession.csrf(page)));

		assertThat(ended.getRedirectedUrl()).isEqualTo("/connexion?deconnexion");
		assertThat(second.perform(get("/instruction")).getRedirectedUrl()).endsWith("/connexion");
		assertThat(first.perform(get("/instruction")).getRedirectedUrl()).endsWith("/connexion");
		assertThat(bearer(token, get("/api/tasks")).getStatus()).isEqualTo(401);
		assertThat(json.readTree(basic(owner, get("/api/me/sessions")).getContentAsString())).isEmpty();
	}

	@Test
	void endsEverySessionThroughTheApiAndKeepsTheTokens() throws Exception {
		String owner = account("DDT", "81");
		String token = token(owner, "{\"name\":\"script\"}");
		PageSession session = PageSession.signIn(mvc, owner, PASSWORD);
		MockHttpServletResponse ended = bearer(token, delete("/api/me/sessions"));
		assertThat(ended.getStatus()).isEqualTo(200);
		assertThat(json.readTree(ended.getContentAsString()).get("sessions").asInt()).isEqualTo(1);
		assertThat(session.perform(get("/instruction")).getRedirectedUrl()).endsWith("/connexion");
		assertThat(bearer(token, get("/api/tasks")).getStatus()).isEqualTo(200);
	}

	private String token(String owner, String request) throws Exception {
		MockHttpServletResponse created = basic(owner,
				post("/api/me/tokens").contentType(MediaType.APPLICATION_JSON).content(request));
		assertThat(created.getStatus()).isEqualTo(201);
		return json.readTree(created.getContentAsString()).get("token").asText();
	}

	private String lastUse(String owner) throws Exception {
		return json.readTree(basic(owner, get("/api/me/tokens")).getContentAsString()).get(0).path("lastUsedAt").asText();
	}

	/** A new account of that role and scope, with a name no other test uses. */
	private String account(String role, String scope) throws Exception {
		String username = "jeton-" + UUID.randomUUID().toString().substring(0, 8);
		String body = "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\""
				+ (scope == null ? "" : ",\"scope\":\"" + scope + "\"") + "}";
		assertThat(basic("admin", post("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(body)).getStatus())
			.isEqualTo(201);
		return username;
	}

	private static MockHttpServletRequestBuilder put(String path, String body) {
		return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(path)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private MockHttpServletResponse basic(String username, MockHttpServletRequestBuilder request) throws Exception {
		return record(mvc.perform(request.with(httpBasic(username, username.equals("admin") ? "demo" : PASSWORD)))
			.andReturn()
			.getResponse());
	}

	private MockHttpServletResponse bearer(String token, MockHttpServletRequestBuilder request) throws Exception {
		return record(mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse());
	}

	private MockHttpServletResponse record(MockHttpServletResponse response) throws Exception {
		answers.add(response.getContentAsString() + response.getHeaderNames()
			.stream()
			.map(name -> name + ": " + response.getHeaders(name))
			.toList());
		return response;
	}

}
