package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A page session follows its account: signed in through the form, with its cookie kept, a session
 * ends at its next request once an administrator disables the account, moves it to another
 * département, or its password changes; the user is sent to the login form with the reason.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class SessionFollowsAccountTests {

	private static final String ENDED = "/connexion?session-terminee";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Test
	void endsTheSessionOfADisabledAccountBeforeItWithdrawsACandidacy() throws Exception {
		String mairie = account("COLLECTIVITE", "81004", "une longue phrase de passe");
		String candidacy = albiCandidacy();
		MockHttpSession session = signIn(mairie, "une longue phrase de passe");
		String page = page(session, "/candidatures/" + candidacy);
		assertThat(page).contains("Retirer la candidature");

		assertThat(admin(post("/api/accounts/" + mairie + "/disable")).getStatus()).isEqualTo(200);

		MockHttpServletResponse withdrawal = mvc.perform(post("/candidatures/" + candidacy + "/retrait")
			.session(session)
			.param("comment", "retrait après désactivation")
			.param("_csrf", csrf(page))).andReturn().getResponse();
		assertThat(withdrawal.getRedirectedUrl()).isEqualTo(ENDED);
		assertThat(session.isInvalid()).isTrue();
		assertThat(status(candidacy)).isEqualTo("IN_PROGRESS");
		assertThat(loginPage(ENDED)).contains("Votre session a pris fin");
		assertThat(mvc.perform(formLogin(mairie, "une longue phrase de passe")).andReturn().getResponse()
			.getRedirectedUrl()).isEqualTo("/connexion?erreur");
	}

	@Test
	void endsTheSessionOfAReviewerMovedToAnotherDepartement() throws Exception {
		String ddt = account("DDT", "81", "une longue phrase de passe");
		String candidacy = albiCandidacy();
		MockHttpSession session = signIn(ddt, "une longue phrase de passe");
		assertThat(open(session, "/candidatures/" + candidacy).getStatus()).isEqualTo(200);

		assertThat(admin(put("/api/accounts/" + ddt + "/scope").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"DDT\",\"scope\":\"12\"}")).getStatus()).isEqualTo(200);

		MockHttpServletResponse next = open(session, "/candidatures/" + candidacy);
		assertThat(next.getRedirectedUrl()).isEqualTo(ENDED);
		assertThat(next.getContentAsString()).doesNotContain(candidacy);
		assertThat(open(session, "/candidatures/" + candidacy).getRedirectedUrl()).endsWith("/connexion");
		// Signed in again, the DDT of Aveyron does not see Albi's candidacy.
		assertThat(open(signIn(ddt, "une longue phrase de passe"), "/candidatures/" + candidacy).getStatus())
			.isEqualTo(404);
	}

	@Test
	void endsTheSessionsOfAnAccountWhosePasswordChanged() throws Exception {
		String expert = account("EXPERT", null, "une longue phrase de passe");
		MockHttpSession first = signIn(expert, "une longue phrase de passe");
		MockHttpSession second = signIn(expert, "une longue phrase de passe");
		assertThat(open(first, "/instruction").getStatus()).isEqualTo(200);

		assertThat(mvc.perform(put("/api/accounts/" + expert + "/password").with(httpBasic(expert, "une longue phrase de passe"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\":\"une toute autre phrase\"}")).andReturn().getResponse().getStatus()).isEqualTo(204);

		assertThat(open(first, "/instruction").getRedirectedUrl()).isEqualTo(ENDED);
		assertThat(open(second, "/instruction").getRedirectedUrl()).isEqualTo(ENDED);
		assertThat(mvc.perform(formLogin(expert, "une longue phrase de passe")).andReturn().getResponse()
			.getRedirectedUrl()).isEqualTo("/connexion?erreur");
		assertThat(open(signIn(expert, "une toute autre phrase"), "/instruction").getStatus()).isEqualTo(200);
	}

	@Test
	void keepsTheSessionOfAnAccountNobodyChanged() throws Exception {
		String ddt = account("DDT", "81", "une longue phrase de passe");
		String other = account("DDT", "81", "une longue phrase de passe");
		MockHttpSession session = signIn(ddt, "une longue phrase de passe");
		admin(post("/api/accounts/" + other + "/disable"));
		for (int i = 0; i < 3; i++) {
			assertThat(open(session, "/instruction").getStatus()).isEqualTo(200);
		}
	}

	/** A new account of that role and scope, with a name no other test uses. */
	private String account(String role, String scope, String password) throws Exception {
		String username = "session-" + UUID.randomUUID().toString().substring(0, 8);
		String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\""
				+ (scope == null ? "" : ",\"scope\":\"" + scope + "\"") + "}";
		assertThat(admin(post("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(body)).getStatus())
			.isEqualTo(201);
		return username;
	}

	private String albiCandidacy() throws Exception {
		MockHttpServletResponse created = mvc.perform(post("/api/candidacies").with(httpBasic("mairie-albi", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"Session\"}"))
			.andReturn()
			.getResponse();
		assertThat(created.getStatus()).isEqualTo(201);
		return json.readTree(created.getContentAsString()).get("id").asText();
	}

	private String status(String candidacy) throws Exception {
		JsonNode body = json.readTree(mvc.perform(get("/api/candidacies/" + candidacy).with(httpBasic("mairie-albi", "demo")))
			.andReturn()
			.getResponse()
			.getContentAsString());
		return body.get("status").asText();
	}

	/** Signs in as a person does: the login form's page, its CSRF token, the form posted in that session. */
	private MockHttpSession signIn(String username, String password) throws Exception {
		MockHttpSession session = new MockHttpSession();
		String form = mvc.perform(get("/connexion").session(session)).andReturn().getResponse().getContentAsString();
		MockHttpServletResponse signedIn = mvc.perform(post("/connexion").session(session)
			.param("username", username)
			.param("password", password)
			.param("_csrf", csrf(form))).andReturn().getResponse();
		assertThat(signedIn.getRedirectedUrl()).isEqualTo("/espace");
		return session;
	}

	private MockHttpServletRequestBuilder formLogin(String username, String password) throws Exception {
		MockHttpSession session = new MockHttpSession();
		String form = mvc.perform(get("/connexion").session(session)).andReturn().getResponse().getContentAsString();
		return post("/connexion").session(session)
			.param("username", username)
			.param("password", password)
			.param("_csrf", csrf(form));
	}

	private String loginPage(String url) throws Exception {
		return mvc.perform(get(url)).andReturn().getResponse().getContentAsString();
	}

	private MockHttpServletResponse open(MockHttpSession session, String path) throws Exception {
		return mvc.perform(get(path).session(session))
			.andReturn()
			.getResponse();
	}

	private String page(MockHttpSession session, String path) throws Exception {
		MockHttpServletResponse response = open(session, path);
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	private MockHttpServletResponse admin(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic("admin", "demo"))).andReturn().getResponse();
	}

	private static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

}
