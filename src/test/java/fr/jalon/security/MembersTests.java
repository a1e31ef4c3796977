package fr.jalon.security;

import static fr.jalon.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;
import fr.jalon.MutableClock;
import fr.jalon.system.French;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 16, people: two agents of Albi act on one candidacy, and its history, the audit trail and the thread name
 * each of them with the body they acted for, still after a re-scoping; a manager invites a person by a single-use
 * link of the outbox, valid seven days; a member of Rodez never manages Albi's, a member without the right never any.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=members")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(MutableClock.InContext.class)
class MembersTests {

	private static final Pattern LINK = Pattern.compile("/invitations/([A-Za-z0-9_-]{20,})");

	@Autowired
	TestRestTemplate http;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void twoAgentsOfAlbiAreEachNamedWithTheirBodyInTheHistoryTheAuditAndTheThread() throws Exception {
		Api marie = as("mairie-albi");
		Api lucie = as("albi-agent2");
		String id = marie.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004", "title", "Deux agents " + System.nanoTime()))
			.getBody()
			.get("id")
			.asText();
		marie.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		assertThat(marie.complete(marie.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		as("ddt-81").complete(as("ddt-81").task(id, "VerifyCharter"),
				Map.of("outcome", "REQUEST_CHANGES", "comment", "Joindre la délibération."));
		// The other agent of Albi hands in the next step and writes in the thread.
		lucie.upload(id, "signed-charter", "deliberation.pdf", Api.pdf("délibération"));
		assertThat(lucie.complete(lucie.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(lucie.post("/api/candidacies/" + id + "/messages", Map.of("text", "Délibération jointe."))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		JsonNode history = marie.get("/api/candidacies/" + id).getBody().get("history");
		assertThat(named(history, "SubmitCharter")).containsExactly("mairie-albi Marie Dupont COLLECTIVITE 81004",
				"albi-agent2 Lucie Fabre COLLECTIVITE 81004");
		JsonNode audit = as("admin").all("/api/audit?action=TASK_COMPLETED&candidacy=" + id);
		assertThat(audit).extracting(entry -> entry.get("actor").asText() + " " + entry.get("actorName").asText() + " "
				+ entry.get("actingFor").get("scope").asText())
			.contains("mairie-albi Marie Dupont 81004", "albi-agent2 Lucie Fabre 81004");
		JsonNode thread = marie.all("/api/candidacies/" + id + "/messages");
		assertThat(thread).extracting(message -> message.get("author").asText() + " " + message.get("actorName").asText()
				+ " " + message.get("actingFor").get("role").asText() + " " + message.get("actingFor").get("scope").asText())
			.contains("albi-agent2 Lucie Fabre COLLECTIVITE 81004", "ddt-81 Luc Moreau DDT 81");

		String page = page("/candidatures/" + id, "ddt-81");
		assertThat(page).contains(French.typeset("Marie Dupont (Commune d’Albi)"),
				French.typeset("Lucie Fabre (Commune d’Albi)"),
				"<strong>" + French.typeset("Lucie Fabre (Commune d’Albi)") + "</strong>");
	}

	@Test
	void aRowStaysTrueToTheBodyTheAccountActedForThen() throws Exception {
		String username = "agent-" + System.nanoTime();
		assertThat(as("admin").post("/api/accounts", Map.of("username", username, "password", "un mot de passe solide 16",
				"role", "COLLECTIVITE", "scope", "81004", "displayName", "Jeanne Roche")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		String id = as("mairie-albi").post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004", "title", "Recadrage " + username))
			.getBody()
			.get("id")
			.asText();
		new Api(http.withBasicAuth(username, "un mot de passe solide 16"), null)
			.post("/api/candidacies/" + id + "/messages", Map.of("text", "Avant mon départ."));
		as("admin").exchange(HttpMethod.PUT, "/api/accounts/" + username + "/scope",
				Map.of("role", "COLLECTIVITE", "scope", "12202"));

		JsonNode posted = as("admin").all("/api/audit?action=MESSAGE_POSTED&actor=" + username).get(0);
		assertThat(posted.get("actorName").asText()).isEqualTo("Jeanne Roche");
		assertThat(posted.get("actingFor").get("scope").asText()).as("Albi, as then").isEqualTo("81004");
		assertThat(page("/candidatures/" + id, "mairie-albi")).contains(French.typeset("Jeanne Roche (Commune d’Albi)"));
		JsonNode account = as("admin").all("/api/accounts?size=200");
		assertThat(account).filteredOn(node -> node.get("username").asText().equals(username))
			.extracting(node -> node.get("displayName").asText())
			.containsExactly("Jeanne Roche");
	}

	@Test
	void anInvitationLinkCreatesTheAccountOnceAndExpiresAfterSevenDays() throws Exception {
		String email = "invitee-" + System.nanoTime() + "@albi.example.fr";
		ResponseEntity<JsonNode> invited = as("mairie-albi").post("/api/me/invitations",
				Map.of("email", email, "displayName", "Agnès Durand"));
		assertThat(invited.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(invited.getBody().toString()).doesNotContain("token");
		String token = token(email);
		assertThat(jdbc.queryForList("select token_hash from invitation", String.class)).as("stored hashed")
			.contains(Secrets.sha256(token))
			.doesNotContain(token);

		MockHttpServletResponse form = mvc.perform(get("/invitations/" + token)).andReturn().getResponse();
		assertThat(form.getStatus()).isEqualTo(200);
		assertThat(form.getContentAsString(StandardCharsets.UTF_8)).contains("Agnès Durand",
				French.typeset("Commune d’Albi"));
		String username = "agnes-" + System.nanoTime();
		// A password the policy refuses: the form again, naming why; the link still works.
		assertThat(accept(token, username, "court").getStatus()).isEqualTo(200);
		MockHttpServletResponse created = accept(token, username, "une phrase de passe assez longue");
		assertThat(created.getStatus()).isEqualTo(302);
		assertThat(created.getRedirectedUrl()).isEqualTo("/connexion?compte-cree");

		Api agnes = new Api(http.withBasicAuth(username, "une phrase de passe assez longue"), null);
		assertThat(agnes.get("/api/candidacies").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(as("mairie-albi").get("/api/me/members").getBody()).anySatisfy(member -> {
			assertThat(member.get("username").asText()).isEqualTo(username);
			assertThat(member.get("displayName").asText()).isEqualTo("Agnès Durand");
			assertThat(member.get("scope").asText()).isEqualTo("81004");
			assertThat(member.get("email").asText()).isEqualTo(email);
		});
		// Used: a second use is refused with a French page, and makes no account.
		MockHttpServletResponse again = accept(token, username + "-bis", "une phrase de passe assez longue");
		assertThat(again.getStatus()).isEqualTo(404);
		assertThat(again.getContentAsString(StandardCharsets.UTF_8)).contains(French.typeset("a déjà servi"))
			.doesNotContain("Exception");
		assertThat(jdbc.queryForObject("select count(*) from account where username = ?", Integer.class,
				username + "-bis")).isZero();

		// Another, seven days later: expired.
		String late = "late-" + System.nanoTime() + "@albi.example.fr";
		as("mairie-albi").post("/api/me/invitations", Map.of("email", late, "displayName", "Bruno Tardif"));
		String lateToken = token(late);
		clock.advance(MemberService.VALIDITY.plusMinutes(1));
		try {
			MockHttpServletResponse expired = mvc.perform(get("/invitations/" + lateToken)).andReturn().getResponse();
			assertThat(expired.getStatus()).isEqualTo(404);
			assertThat(expired.getContentAsString(StandardCharsets.UTF_8)).contains(French.typeset("a expiré"));
			assertThat(accept(lateToken, "bruno-" + System.nanoTime(), "une phrase de passe assez longue").getStatus())
				.isEqualTo(404);
		}
		finally {
			clock.advance(MemberService.VALIDITY.plusMinutes(1).negated());
		}
		assertThat(mvc.perform(get("/invitations/pas-un-jeton")).andReturn().getResponse().getStatus())
			.isEqualTo(404);

		// Removed: disabled, not deleted; it signs in no more.
		assertThat(as("mairie-albi").exchange(HttpMethod.DELETE, "/api/me/members/" + username, null)
			.getBody()
			.get("enabled")
			.asBoolean()).isFalse();
		assertThat(agnes.get("/api/candidacies").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aMemberManagesOnlyTheirOwnBodyAndOnlyWithTheRight() throws Exception {
		// Rodez's manager sees Rodez's members only, and never reaches Albi's.
		assertThat(as("mairie-rodez").get("/api/me/members").getBody()).extracting(node -> node.get("scope").asText())
			.containsOnly("12202");
		assertProblem(as("mairie-rodez").exchange(HttpMethod.DELETE, "/api/me/members/albi-agent2", null),
				HttpStatus.NOT_FOUND);
		// Albi's second agent has no right to manage: 403, on the API and the page.
		assertProblem(as("albi-agent2").get("/api/me/members"), HttpStatus.FORBIDDEN);
		assertProblem(as("albi-agent2").exchange(HttpMethod.DELETE, "/api/me/members/mairie-albi", null),
				HttpStatus.FORBIDDEN);
		assertProblem(as("albi-agent2").post("/api/me/invitations",
				Map.of("email", "x@albi.example.fr", "displayName", "X")), HttpStatus.FORBIDDEN);
		assertThat(mvc.perform(get("/compte/membres").with(user(accounts.loadUserByUsername("albi-agent2"))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		// Two agents of the Tarn's DDT: the first manages both.
		assertThat(as("ddt-81").get("/api/me/members").getBody()).extracting(node -> node.get("username").asText())
			.contains("ddt-81", "ddt-81-agent2")
			.doesNotContain("ddt-12");
		// The last manager does not remove themself.
		assertProblem(as("mairie-albi").exchange(HttpMethod.DELETE, "/api/me/members/mairie-albi", null),
				HttpStatus.CONFLICT);
		// Bad input names its field.
		ResponseEntity<JsonNode> badEmail = as("mairie-albi").post("/api/me/invitations",
				Map.of("email", "pas-une-adresse", "displayName", "X"));
		assertProblem(badEmail, HttpStatus.BAD_REQUEST);
		assertThat(badEmail.getBody().get("errors").findValuesAsText("field")).containsExactly("email");
		ResponseEntity<JsonNode> badName = as("mairie-albi").post("/api/me/invitations",
				Map.of("email", "x@albi.example.fr", "displayName", "Deux\nlignes"));
		assertProblem(badName, HttpStatus.BAD_REQUEST);
		assertThat(badName.getBody().get("errors").findValuesAsText("field")).containsExactly("displayName");
		// The page of a manager: « Membres de Commune d’Albi », its members by name, and the menu's link.
		String page = page("/compte/membres", "mairie-albi");
		assertThat(page).contains(French.typeset("Membres de Commune d’Albi"), "Lucie Fabre", "href=\"/compte/membres\"");
		assertThat(page("/collectivite", "albi-agent2")).doesNotContain("href=\"/compte/membres\"");
	}

	/** Each SubmitCharter completion of the history: its actor, name, role and scope. */
	private static List<String> named(JsonNode history, String event) {
		List<String> found = new java.util.ArrayList<>();
		history.forEach(entry -> {
			if (entry.get("event").asText().equals(event)) {
				found.add(entry.get("actor").asText() + " " + entry.get("actorName").asText() + " "
						+ entry.get("actingFor").get("role").asText() + " " + entry.get("actingFor").get("scope").asText());
			}
		});
		return found;
	}

	private String token(String email) {
		String body = jdbc.queryForObject(
				"select body from mail_outbox where recipient = ? and kind = 'INVITATION'", String.class, email);
		Matcher link = LINK.matcher(body);
		assertThat(link.find()).as(body).isTrue();
		return link.group(1);
	}

	private MockHttpServletResponse accept(String token, String username, String password) throws Exception {
		return mvc.perform(post("/invitations/" + token).param("username", username)
			.param("password", password)
			.with(csrf())).andReturn().getResponse();
	}

	private String page(String path, String account) throws Exception {
		return mvc.perform(get(path).with(user(accounts.loadUserByUsername(account))))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private Api as(String username) {
		return new Api(http, username);
	}

}
