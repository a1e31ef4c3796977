package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Documents replaced by new versions (the old kept, with its SHA-256, in the history), their status (« À compléter »
 * after a request for changes), their preview inside the page, and the deposit receipts of each submission.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=document-versions")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DocumentVersionsTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	MockMvc mvc;

	@Test
	void aReplacedDocumentKeepsItsOldVersionWithItsSha256InTheHistory() {
		Api albi = new Api(http, "mairie-albi");
		String id = candidacy(albi, "Versions");
		JsonNode first = albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("v1")).getBody();
		ResponseEntity<JsonNode> replaced = replace(albi, id, first.get("id").asText(), "charte-v2.pdf", Api.pdf("v2"));
		assertThat(replaced.getStatusCode().value()).isEqualTo(201);
		JsonNode second = replaced.getBody();
		assertThat(second.get("sha256").asText()).isNotEqualTo(first.get("sha256").asText());

		JsonNode candidacy = albi.get("/api/candidacies/" + id).getBody();
		assertThat(candidacy.get("documents")).as("only the current version").hasSize(1);
		JsonNode current = candidacy.get("documents").get(0);
		assertThat(current.get("id").asText()).isEqualTo(second.get("id").asText());
		assertThat(current.get("status").asText()).isEqualTo("DEPOSITED");
		assertThat(current.get("versions")).hasSize(1);
		assertThat(current.get("versions").get(0).get("status").asText()).isEqualTo("SUPERSEDED");
		assertThat(current.get("versions").get(0).get("sha256").asText()).isEqualTo(first.get("sha256").asText());
		assertThat(candidacy.get("history").findValuesAsText("event")).contains("DOCUMENT_REPLACED");
		String replacement = history(candidacy, "DOCUMENT_REPLACED");
		assertThat(replacement).contains(first.get("sha256").asText()).contains(second.get("sha256").asText());

		ResponseEntity<byte[]> old = albi.bytes("/api/candidacies/" + id + "/documents/" + first.get("id").asText());
		assertThat(old.getStatusCode().value()).isEqualTo(200);
		assertThat(old.getBody()).isEqualTo(Api.pdf("v1"));
		assertThat(new Api(http, "ddt-81").bytes("/api/candidacies/" + id + "/documents/" + first.get("id").asText())
			.getBody()).isEqualTo(Api.pdf("v1"));

		assertThat(replace(albi, id, first.get("id").asText(), "charte-v3.pdf", Api.pdf("v3")).getStatusCode().value())
			.as("a superseded version is not replaced again").isEqualTo(409);
	}

	@Test
	void aWithdrawnDocumentLeavesTheDossierButIsKept() {
		Api albi = new Api(http, "mairie-albi");
		String id = candidacy(albi, "Retrait d'un document");
		JsonNode charter = albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("retirée")).getBody();
		String document = charter.get("id").asText();
		ResponseEntity<JsonNode> withdrawn = albi.post("/api/candidacies/" + id + "/documents/" + document + "/withdraw",
				Map.of());
		assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
		assertThat(withdrawn.getBody().get("status").asText()).isEqualTo("WITHDRAWN");
		JsonNode candidacy = albi.get("/api/candidacies/" + id).getBody();
		assertThat(candidacy.get("documents").get(0).get("status").asText()).isEqualTo("WITHDRAWN");
		assertThat(history(candidacy, "DOCUMENT_WITHDRAWN")).contains(charter.get("sha256").asText());
		assertThat(albi.bytes("/api/candidacies/" + id + "/documents/" + document).getBody()).isEqualTo(Api.pdf("retirée"));
		ResponseEntity<JsonNode> submitted = albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		assertThat(submitted.getStatusCode().value()).as("a withdrawn charter is no charter").isEqualTo(422);
		assertThat(submitted.getBody().get("missing").toString()).contains("document:signed-charter");
		assertThat(albi.newVersion(id, document, "x.pdf", Api.pdf("x")).getStatusCode().value()).isEqualTo(409);
	}

	@Test
	void onlyTheCandidacysCollectiviteReplacesAndBadInputNamesItsField() {
		Api albi = new Api(http, "mairie-albi");
		String id = candidacy(albi, "Remplacement refusé");
		String document = albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("albi")).getBody().get("id").asText();
		assertThat(replace(new Api(http, "mairie-rodez"), id, document, "x.pdf", Api.pdf("rodez")).getStatusCode().value())
			.isEqualTo(404);
		assertThat(replace(new Api(http, "ddt-81"), id, document, "x.pdf", Api.pdf("ddt")).getStatusCode().value())
			.isEqualTo(403);
		assertThat(replace(albi, id, "inconnu", "x.pdf", Api.pdf("x")).getStatusCode().value()).isEqualTo(404);
		ResponseEntity<JsonNode> empty = replace(albi, id, document, "vide.pdf", new byte[0]);
		assertThat(empty.getStatusCode().value()).isEqualTo(400);
		assertThat(empty.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(empty.getBody().toString()).contains("\"file\"");
		ResponseEntity<JsonNode> html = replace(albi, id, document, "x.pdf",
				"<html>x</html>".getBytes(StandardCharsets.UTF_8));
		assertThat(html.getStatusCode().value()).isEqualTo(415);
		assertThat(albi.get("/api/candidacies/" + id).getBody().get("documents").get(0).get("id").asText())
			.isEqualTo(document);
		assertThat(albi.get("/api/candidacies/" + id + "/receipts/abc").getStatusCode().value()).isEqualTo(400);
		assertThat(albi.get("/api/candidacies/" + id + "/receipts/abc").getBody().toString()).contains("number");
	}

	@Test
	void aRequestForChangesTurnsTheStepsDocumentToComplete() throws Exception {
		Api albi = new Api(http, "mairie-albi");
		String id = candidacy(albi, "Compléments");
		String document = albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("avant")).getBody().get("id").asText();
		albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		Api ddt = new Api(http, "ddt-81");
		assertThat(status(albi, id)).isEqualTo("DEPOSITED");
		ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "REQUEST_CHANGES", "comment", "Charte non signée."));

		assertThat(status(albi, id)).isEqualTo("CHANGES_REQUESTED");
		PageSession mairie = PageSession.signIn(mvc, "mairie-albi", "demo");
		String page = mairie.perform(get("/candidatures/" + id)).getContentAsString();
		assertThat(documentRow(page, document)).contains("À compléter").doesNotContain("Déposé<");
		String task = mairie.perform(get("/collectivite/taches/" + albi.task(id, "SubmitCharter"))).getContentAsString();
		assertThat(task).contains("À compléter").doesNotContain(">Déposé<");

		// the page's « Remplacer », as a browser sends it
		MockHttpServletResponse replaced = mairie.perform(multipart("/candidatures/" + id + "/documents/" + document
				+ "/versions").file(new MockMultipartFile("file", "charte-signee.pdf", "application/pdf", Api.pdf("après")))
			.param("_csrf", PageSession.csrf(page)));
		assertThat(replaced.getRedirectedUrl()).isEqualTo("/candidatures/" + id);
		assertThat(mairie.perform(get("/candidatures/" + id)).getContentAsString())
			.contains(fr.jalon.system.French.typeset("Nouvelle version déposée : charte-signee.pdf."));
		JsonNode current = albi.get("/api/candidacies/" + id).getBody().get("documents").get(0);
		assertThat(current.get("filename").asText()).isEqualTo("charte-signee.pdf");
		assertThat(current.get("status").asText()).isEqualTo("DEPOSITED");
		assertThat(current.get("versions").get(0).get("status").asText()).isEqualTo("SUPERSEDED");
	}

	@Test
	void aReviewerPreviewsADocumentInsideThePage() throws Exception {
		Api albi = new Api(http, "mairie-albi");
		String id = candidacy(albi, "Aperçu");
		String document = albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("aperçu")).getBody().get("id").asText();

		ResponseEntity<byte[]> preview = new Api(http, "ddt-81")
			.bytes("/api/candidacies/" + id + "/documents/" + document + "/preview");
		assertThat(preview.getStatusCode().value()).isEqualTo(200);
		assertThat(preview.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
		assertThat(preview.getHeaders().getContentDisposition().isInline()).isTrue();
		assertThat(preview.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(new Api(http, "ddt-81").bytes("/api/candidacies/" + id + "/documents/" + document)
			.getHeaders()
			.getContentDisposition()
			.isAttachment()).as("the download stays a download").isTrue();

		PageSession ddt = PageSession.signIn(mvc, "ddt-81", "demo");
		String page = ddt.perform(get("/candidatures/" + id)).getContentAsString();
		String address = "/candidatures/" + id + "/documents/" + document + "/apercu";
		assertThat(documentRow(page, document)).contains("Aperçu").contains("<iframe").contains(address);
		MockHttpServletResponse framed = ddt.perform(get(address));
		assertThat(framed.getStatus()).isEqualTo(200);
		assertThat(framed.getContentType()).isEqualTo("application/pdf");
		assertThat(framed.getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("inline");
		assertThat(framed.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(framed.getHeader("X-Frame-Options")).as("framed by the page itself").isEqualTo("SAMEORIGIN");
		assertThat(PageSession.signIn(mvc, "mairie-rodez", "demo").perform(get(address)).getStatus()).isEqualTo(404);
	}

	@Test
	void eachSubmissionHasADepositReceiptNamingTheCollectiviteAndTheDocumentsSha256() throws Exception {
		Api albi = new Api(http, "mairie-albi");
		String id = candidacy(albi, "Accusés");
		JsonNode charter = albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("accusé")).getBody();
		albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));

		ResponseEntity<JsonNode> list = new Api(http, "ddt-81").get("/api/candidacies/" + id + "/receipts");
		assertThat(list.getStatusCode().value()).isEqualTo(200);
		assertThat(list.getBody()).hasSize(2);
		assertThat(list.getBody().get(0).get("step").asText()).isEqualTo("SUBMITTED");
		assertThat(list.getBody().get(0).get("documents")).isEmpty();
		JsonNode receipt = list.getBody().get(1);
		assertThat(receipt.get("number").asInt()).isEqualTo(2);
		assertThat(receipt.get("step").asText()).isEqualTo("SubmitCharter");
		assertThat(receipt.get("documents").findValuesAsText("sha256")).containsExactly(charter.get("sha256").asText());

		ResponseEntity<byte[]> pdf = albi.bytes("/api/candidacies/" + id + "/receipts/2");
		assertThat(pdf.getStatusCode().value()).isEqualTo(200);
		assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
		try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			assertThat(text).contains("Accusé de réception")
				.contains("Albi")
				.contains("Accusés")
				.contains(receipt.get("reference").asText())
				.contains(charter.get("sha256").asText())
				.contains("charte.pdf");
		}
		assertThat(new Api(http, "mairie-rodez").bytes("/api/candidacies/" + id + "/receipts/2").getStatusCode().value())
			.isEqualTo(404);
		assertThat(albi.bytes("/api/candidacies/" + id + "/receipts/3").getStatusCode().value()).isEqualTo(404);

		String page = PageSession.signIn(mvc, "mairie-albi", "demo").perform(get("/candidatures/" + id))
			.getContentAsString();
		assertThat(page).contains("/candidatures/" + id + "/accuses/2").contains(receipt.get("reference").asText());
	}

	private static String candidacy(Api albi, String title) {
		return albi
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title", title))
			.getBody()
			.get("id")
			.asText();
	}

	private static String status(Api api, String id) {
		return api.get("/api/candidacies/" + id).getBody().get("documents").get(0).get("status").asText();
	}

	private static String history(JsonNode candidacy, String event) {
		for (JsonNode entry : candidacy.get("history")) {
			if (entry.get("event").asText().equals(event)) {
				return entry.get("comment").asText();
			}
		}
		throw new AssertionError("no " + event + " in the history");
	}

	/** The table row of that document in a page. */
	private static String documentRow(String page, String document) {
		int start = page.indexOf("data-document=\"" + document + "\"");
		assertThat(start).as("the document's row").isPositive();
		return page.substring(start, page.indexOf("</tr>", start));
	}

	private static ResponseEntity<JsonNode> replace(Api api, String id, String document, String filename,
			byte[] content) {
		return api.newVersion(id, document, filename, content);
	}

}
