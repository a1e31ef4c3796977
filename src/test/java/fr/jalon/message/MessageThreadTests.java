package fr.jalon.message;

import static fr.jalon.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;
import fr.jalon.PageSession;
import fr.jalon.security.JalonUser;
import fr.jalon.system.French;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A candidacy's thread (issue 14): a question asked without an open task reaches the DDT and no one else; a request
 * for changes shows its banner « Compléments demandés » until the collectivité answers; the reviewers' annotations
 * never reach the collectivité; attachments come back as sent, with their SHA-256; bad input names its field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=message-thread")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class MessageThreadTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Test
	void aQuestionAskedWithoutAnOpenTaskReachesTheDdtAndNoOneElse() throws Exception {
		String id = candidacy("Question sans tâche");
		assertThat(as("ddt-81").tasks(id)).as("no task of the DDT's is open").isEmpty();

		String question = "Quel format pour la délibération ? " + id;
		ResponseEntity<JsonNode> posted = as("mairie-albi").post(messages(id), Map.of("text", question));
		assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(posted.getBody().get("fromCollectivite").asBoolean()).isTrue();

		JsonNode seen = as("ddt-81").all(messages(id));
		assertThat(seen).hasSize(1);
		assertThat(seen.get(0).get("text").asText()).isEqualTo(question);
		assertThat(seen.get(0).get("author").asText()).isEqualTo("mairie-albi");
		// Pages typeset what they show, a user's text included.
		assertThat(page(id, "ddt-81")).contains("Messagerie", French.typeset(question));

		for (String stranger : List.of("ddt-12", "mairie-rodez")) {
			assertProblem(as(stranger).get(messages(id)), HttpStatus.NOT_FOUND);
			assertProblem(as(stranger).post(messages(id), Map.of("text", "Intrus")), HttpStatus.NOT_FOUND);
			assertThat(pageStatus(id, stranger)).isEqualTo(404);
		}
		assertThat(as("ddt-81").all(messages(id))).as("nothing posted by those who do not see it").hasSize(1);

		// The DDT answers; the thread reads oldest first, each side named.
		as("ddt-81").post(messages(id), Map.of("text", "Une délibération signée, en PDF."));
		JsonNode thread = as("mairie-albi").all(messages(id));
		assertThat(thread.findValuesAsText("author")).containsExactly("mairie-albi", "ddt-81");
		assertThat(thread.get(1).get("fromCollectivite").asBoolean()).isFalse();
	}

	@Test
	void aRequestForChangesShowsItsBannerUntilTheCollectiviteAnswers() throws Exception {
		String id = candidacy("Compléments");
		JsonNode before = as("mairie-albi").get("/api/candidacies/" + id).getBody();
		assertThat(before.has("changesRequested")).isTrue();
		assertThat(before.get("changesRequested").isNull()).isTrue();
		submitCharter(id);

		// Who holds the dossier: after its submission, the collectivité sees the DDT's check.
		JsonNode held = as("mairie-albi").get("/api/candidacies/" + id).getBody().get("openTasks");
		assertThat(held).hasSize(1);
		assertThat(held.get(0).get("step").asText()).isEqualTo("VerifyCharter");
		assertThat(held.get(0).get("role").asText()).isEqualTo("DDT");
		assertThat(held.get(0).get("service").asText()).isEqualTo("Correspondant DDT (Tarn)");
		assertThat(held.get(0).hasNonNull("since")).isTrue();
		assertThat(page(id, "mairie-albi")).contains("Qui a le dossier en main", "Correspondant DDT (Tarn)");

		String comment = "Joindre la délibération du conseil municipal. " + id;
		requestChanges(id, comment);
		for (String side : List.of("mairie-albi", "ddt-81")) {
			JsonNode asked = as(side).get("/api/candidacies/" + id).getBody().get("changesRequested");
			assertThat(asked.get("comment").asText()).isEqualTo(comment);
			assertThat(asked.hasNonNull("at")).isTrue();
			assertThat(page(id, side)).contains("Compléments demandés", comment);
		}
		JsonNode posted = as("mairie-albi").all(messages(id));
		assertThat(posted).hasSize(1);
		assertThat(posted.get(0).get("author").asText()).isEqualTo("ddt-81");
		assertThat(posted.get(0).get("text").asText()).isEqualTo(comment);

		// A message of a reviewer is no answer; the collectivité's is.
		as("ddt-81").post(messages(id), Map.of("text", "Précision : la version signée."));
		assertThat(as("mairie-albi").get("/api/candidacies/" + id).getBody().get("changesRequested").isNull()).isFalse();
		as("mairie-albi").post(messages(id), Map.of("text", "Nous la joignons à notre nouveau dépôt."));
		assertThat(as("mairie-albi").get("/api/candidacies/" + id).getBody().get("changesRequested").isNull()).isTrue();
		assertThat(page(id, "mairie-albi")).doesNotContain("Compléments demandés");
		assertThat(page(id, "ddt-81")).doesNotContain("Compléments demandés");

		// Asked again, then answered by handing the dossier in again.
		submitCharter(id);
		requestChanges(id, "Encore une pièce. " + id);
		assertThat(page(id, "mairie-albi")).contains("Compléments demandés", "Encore une pièce.");
		submitCharter(id);
		assertThat(as("ddt-81").get("/api/candidacies/" + id).getBody().get("changesRequested").isNull()).isTrue();
		assertThat(page(id, "mairie-albi")).doesNotContain("Compléments demandés");
	}

	@Test
	void annotationsNeverReachTheCollectivite() throws Exception {
		String id = candidacy("Annotations");
		String note = "À surveiller : le maire change en mars. " + id;
		ResponseEntity<JsonNode> annotated = as("ddt-81").post(annotations(id), Map.of("text", note));
		assertThat(annotated.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(as("expert-1").all(annotations(id)).findValuesAsText("text")).containsExactly(note);
		assertThat(page(id, "ddt-81")).contains("Annotations privées", French.typeset(note));

		assertProblem(as("mairie-albi").get(annotations(id)), HttpStatus.FORBIDDEN);
		assertProblem(as("mairie-albi").post(annotations(id), Map.of("text", "Et nous ?")), HttpStatus.FORBIDDEN);
		assertProblem(as("ddt-12").get(annotations(id)), HttpStatus.NOT_FOUND);
		String albi = page(id, "mairie-albi");
		assertThat(albi).doesNotContain(French.typeset(note)).doesNotContain("Annotations privées");
		assertThat(mvc.perform(as(post("/candidatures/" + id + "/annotations").param("text", "Et nous ?").with(csrf()),
				"mairie-albi")).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(as("ddt-81").all(annotations(id))).hasSize(1);
	}

	@Test
	void attachmentsComeBackAsSentWithTheirSha256() throws Exception {
		String id = candidacy("Pièces jointes");
		byte[] pdf = Api.pdf("plan de masse");
		byte[] png = java.util.Base64.getDecoder()
			.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
		ResponseEntity<JsonNode> posted = multipartPost("mairie-albi", id, "Voici le plan.",
				Map.of("plan.pdf", pdf, "photo.png", png));
		assertThat(posted.getStatusCode()).as(String.valueOf(posted.getBody())).isEqualTo(HttpStatus.CREATED);
		JsonNode joined = posted.getBody().get("attachments");
		assertThat(joined).hasSize(2);
		for (JsonNode attachment : as("ddt-81").all(messages(id)).get(0).get("attachments")) {
			byte[] sent = attachment.get("name").asText().equals("plan.pdf") ? pdf : png;
			assertThat(attachment.get("sha256").asText()).isEqualTo(sha256(sent));
			assertThat(attachment.get("mediaType").asText()).isEqualTo(sent == pdf ? "application/pdf" : "image/png");
			String address = messages(id) + "/" + posted.getBody().get("id").asText() + "/attachments/"
					+ attachment.get("id").asText();
			ResponseEntity<byte[]> download = as("ddt-81").bytes(address);
			assertThat(download.getBody()).isEqualTo(sent);
			assertThat(sha256(download.getBody())).isEqualTo(attachment.get("sha256").asText());
			assertThat(download.getHeaders().getETag()).isEqualTo("\"" + sha256(sent) + "\"");
			assertThat(as("ddt-12").bytes(address).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		}
		assertThat(page(id, "mairie-albi")).contains("plan.pdf", "photo.png");
	}

	@Test
	void badInputIsAProblemNamingItsField() throws Exception {
		String id = candidacy("Saisies invalides");
		assertField(as("mairie-albi").post(messages(id), Map.of("text", "  ")), "text");
		assertField(as("mairie-albi").post(messages(id), Map.of("text", "nul\u0000")), "text");
		assertField(as("ddt-81").post(annotations(id), Map.of("text", "")), "text");
		assertField(multipartPost("mairie-albi", id, "Vide", Map.of("vide.pdf", new byte[0])), "files[0]");
		assertField(multipartPost("mairie-albi", id, "", Map.of("plan.pdf", Api.pdf("plan"))), "text");
		assertProblem(multipartPost("mairie-albi", id, "Un script", Map.of("page.html", "<html></html>".getBytes())),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(as("mairie-albi").all(messages(id))).as("nothing kept of a refused message").isEmpty();

		// A page's form, in a browser's session: the error next to its field, the text kept.
		PageSession browser = PageSession.signIn(mvc, "mairie-albi", "demo");
		MockHttpServletResponse refused = browser.perform(multipart("/candidatures/" + id + "/messages")
			.file(new MockMultipartFile("files", "page.html", "text/html", "<html></html>".getBytes()))
			.param("text", "Mon texte gardé")
			.with(csrf()));
		assertThat(refused.getRedirectedUrl()).isEqualTo("/candidatures/" + id + "#messagerie");
		String shown = browser.perform(get("/candidatures/" + id)).getContentAsString(StandardCharsets.UTF_8);
		assertThat(shown).contains("id=\"message-fichiers-erreur\"", "Seuls les documents PDF, PNG ou JPEG",
				"Mon texte gardé");
		assertThat(shown).doesNotContain("Exception");
		browser.perform(multipart("/candidatures/" + id + "/messages").param("text", " ").with(csrf()));
		assertThat(browser.perform(get("/candidatures/" + id)).getContentAsString(StandardCharsets.UTF_8))
			.contains("id=\"message-texte-erreur\"", "Écrivez votre message.");
		var sent = mvc.perform(as(multipart("/candidatures/" + id + "/messages").param("text", "Par la page").with(csrf()),
				"mairie-albi")).andReturn();
		assertThat(sent.getFlashMap().get("message")).isEqualTo("Message envoyé.");
		assertThat(as("ddt-81").all(messages(id)).findValuesAsText("text")).containsExactly("Par la page");
	}

	// --- helpers

	private String candidacy(String title) {
		return as("mairie-albi")
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title", title))
			.getBody()
			.get("id")
			.asText();
	}

	private void submitCharter(String id) {
		Api albi = as("mairie-albi");
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		assertThat(albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	private void requestChanges(String id, String comment) {
		Api ddt = as("ddt-81");
		assertThat(ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "REQUEST_CHANGES", "comment", comment))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private ResponseEntity<JsonNode> multipartPost(String username, String id, String text, Map<String, byte[]> files) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("text", text);
		new java.util.TreeMap<>(files).forEach((name, bytes) -> parts.add("files", new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return name;
			}
		}));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return http.withBasicAuth(username, "demo")
			.exchange(messages(id), HttpMethod.POST, new HttpEntity<>(parts, headers), JsonNode.class);
	}

	private static void assertField(ResponseEntity<JsonNode> response, String field) {
		assertProblem(response, HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("errors").findValuesAsText("field")).as(response.getBody().toString())
			.contains(field);
	}

	private String page(String id, String username) throws Exception {
		MockHttpServletResponse response = mvc.perform(as(get("/candidatures/" + id), username)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private int pageStatus(String id, String username) throws Exception {
		return mvc.perform(as(get("/candidatures/" + id), username)).andReturn().getResponse().getStatus();
	}

	private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
		return request.with(user((JalonUser) accounts.loadUserByUsername(username)));
	}

	private static String messages(String id) {
		return "/api/candidacies/" + id + "/messages";
	}

	private static String annotations(String id) {
		return "/api/candidacies/" + id + "/annotations";
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private Api as(String username) {
		return new Api(http, username);
	}

}
