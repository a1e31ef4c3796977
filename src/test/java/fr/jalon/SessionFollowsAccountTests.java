package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A page session follows its account: signed in through the form, with its cookie kept, a session
 * ends at its next request once an administrator disables the account, moves it to another
 * département, or its password changes; the user is sent to the login form with the reason, and the session
 * is gone from the database (where every node reads it).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class SessionFollowsAccountTests {

	private static final String ENDED = "/connexion?session-terminee";

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void endsTheSessionOfADisabledAccountBeforeItWithdrawsACandidacy() throws Exception {
		String mairie = account("COLLECTIVITE", "81004", "une longue phrase de passe");
		String candidacy = albiCandidacy();
		PageSession session = signIn(mairie, "une longue phrase de passe");
		String id = session.id();
		assertThat(sessionRows(id)).isEqualTo(1);
		String page = page(session, "/candidatures/" + candidacy);
		assertThat(page).contains("Retirer la candidature");

		assertThat(admin(post("/api/accounts/" + mairie + "/disable")).getStatus()).isEqualTo(200);

		MockHttpServletResponse withdrawal = session.perform(post("/candidatures/" + candidacy + "/retrait")
			.param("comment", "retrait après désactivation")
			.param("_csrf", PageSession.csrf(page)));
		assertThat(withdrawal.getRedirectedUrl()).isEqualTo(ENDED);
		assertThat(session.id()).as("the session cookie, expired").isNull();
		assertThat(sessionRows(id)).isZero();
		assertThat(status(candidacy)).isEqualTo("IN_PROGRESS");
		assertThat(loginPage(ENDED)).contains("Votre session a pris fin");
		assertThat(new PageSession(mvc).submitLogin(mairie, "une longue phrase de passe").getRedirectedUrl())
			.isEqualTo("/connexion?erreur");
	}

	@Test
	void endsTheSessionOfAReviewerMovedToAnotherDepartement() throws Exception {
		String ddt = account("DDT", "81", "une longue phrase de passe");
		String candidacy = albiCandidacy();
		PageSession session = signIn(ddt, "une longue phrase de passe");
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
		PageSession first = signIn(expert, "une longue phrase de passe");
		PageSession second = signIn(expert, "une longue phrase de passe");
		String firstId = first.id();
		assertThat(open(first, "/instruction").getStatus()).isEqualTo(200);

		assertThat(mvc.perform(put("/api/accounts/" + expert + "/password").with(httpBasic(expert, "une longue phrase de passe"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\":\"une toute autre phrase\"}")).andReturn().getResponse().getStatus()).isEqualTo(204);

		assertThat(open(first, "/instruction").getRedirectedUrl()).isEqualTo(ENDED);
		assertThat(open(second, "/instruction").getRedirectedUrl()).isEqualTo(ENDED);
		assertThat(sessionRows(firstId)).isZero();
		assertThat(new PageSession(mvc).submitLogin(expert, "une longue phrase de passe").getRedirectedUrl())
			.isEqualTo("/connexion?erreur");
		assertThat(open(signIn(expert, "une toute autre phrase"), "/instruction").getStatus()).isEqualTo(200);
	}

	@Test
	void keepsTheSessionOfAnAccountNobodyChanged() throws Exception {
		String ddt = account("DDT", "81", "une longue phrase de passe");
		String other = account("DDT", "81", "une longue phrase de passe");
		PageSession session = signIn(ddt, "une longue phrase de passe");
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

	private PageSession signIn(String username, String password) throws Exception {
		return PageSession.signIn(mvc, username, password);
	}

	/** Page sessions with that id in the database: 1 while it lasts, 0 once it has ended. */
	private int sessionRows(String id) {
		return jdbc.queryForObject("select count(*) from spring_session where session_id = ?", Integer.class, id);
	}

	private String loginPage(String url) throws Exception {
		return mvc.perform(get(url)).andReturn().getResponse().getContentAsString();
	}

	private MockHttpServletResponse open(PageSession session, String path) throws Exception {
		return session.perform(get(path));
	}

	private String page(PageSession session, String path) throws Exception {
		MockHttpServletResponse response = open(session, path);
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	private MockHttpServletResponse admin(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic("admin", "demo"))).andReturn().getResponse();
	}

}
