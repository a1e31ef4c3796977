package fr.jalon.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import fr.jalon.Api;
import fr.jalon.Jobs;
import fr.jalon.system.French;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * « Vérifier un certificat »: anyone, without signing in, types a code in any spelling and reaches its public page;
 * an unknown code reaches the « introuvable » page, a malformed one comes back to the form with its error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "jalon.test.database=certificate-verification",
				"jalon.data-dir=target/certificate-verification-tests" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateVerificationPageTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	MockMvc mvc;

	@Autowired
	ManagementService management;

	/** A real certificate's code: the charter recognition of a candidacy of Rodez. */
	String code;

	@BeforeAll
	void issued() {
		Api rodez = new Api(http, "mairie-rodez");
		String id = rodez
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "12202", "title",
					"Vérification " + System.nanoTime()))
			.getBody()
			.get("id")
			.asText();
		rodez.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		assertThat(rodez.complete(rodez.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		Api ddt = new Api(http, "ddt-12");
		assertThat(ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		Jobs.runAll(management);
		code = rodez.bytes("/api/candidacies/" + id + "/certificate")
			.getHeaders()
			.getContentDisposition()
			.getFilename()
			.replaceAll("^certificat-|\\.pdf$", "");
		assertThat(code).matches("JAL(-[0-9A-Z]{4}){3}");
	}

	@Test
	void showsTheFormToAnyone() throws Exception {
		MockHttpServletResponse form = page("/certificats/verifier");
		assertThat(form.getStatus()).isEqualTo(200);
		assertThat(form.getContentAsString(StandardCharsets.UTF_8)).contains("<h1>Vérifier un certificat</h1>",
				"Code du certificat", "Il figure sous le code QR du certificat", "name=\"code\"", "fr-breadcrumb")
			.doesNotContain("fr-input-group--error", "aria-invalid");
	}

	@Test
	void leadsACodeTypedInAnySpellingToItsPage() throws Exception {
		// As a person reads it aloud: lower case, spaces for dashes, blanks around.
		String typed = " " + code.toLowerCase(Locale.ROOT).replace('-', ' ') + " ";
		MockHttpServletResponse redirect = page("/certificats/verifier?code=" + encode(typed));
		assertThat(redirect.getStatus()).isEqualTo(302);
		assertThat(redirect.getRedirectedUrl()).isEqualTo("/certificats/" + code);
		// Without the prefix nor the dashes, with dots, or with dashes doubled: the same page.
		for (String spelling : new String[] { code.substring(4).replace("-", ""), code.replace('-', '.'),
				code.replace("-", "--") }) {
			assertThat(page("/certificats/verifier?code=" + encode(spelling)).getRedirectedUrl()).as(spelling)
				.isEqualTo("/certificats/" + code);
		}

		MockHttpServletResponse result = page(redirect.getRedirectedUrl());
		assertThat(result.getStatus()).isEqualTo(200);
		String html = result.getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("Certificat valide", "fr-alert--success", code, "Rodez",
				"/certificats/" + code + "/pdf");
		// The public result page reads the code in the same spellings as the form.
		assertThat(page("/certificats/" + encode(typed)).getContentAsString(StandardCharsets.UTF_8))
			.contains("Certificat valide", code);
		// Its PDF, for anyone holding the code.
		MockHttpServletResponse pdf = page("/certificats/" + code + "/pdf");
		assertThat(pdf.getStatus()).isEqualTo(200);
		assertThat(pdf.getContentType()).isEqualTo("application/pdf");
		assertThat(new String(pdf.getContentAsByteArray(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
	}

	@Test
	void leadsAnUnknownCodeToTheUnknownPage() throws Exception {
		MockHttpServletResponse redirect = page("/certificats/verifier?code=jal-0000-0000-0000");
		assertThat(redirect.getRedirectedUrl()).isEqualTo("/certificats/JAL-0000-0000-0000");
		MockHttpServletResponse unknown = page(redirect.getRedirectedUrl());
		assertThat(unknown.getStatus()).isEqualTo(404);
		assertThat(unknown.getContentAsString(StandardCharsets.UTF_8)).contains("Certificat introuvable",
				"JAL-0000-0000-0000", "/certificats/verifier");
		assertThat(page("/certificats/JAL-0000-0000-0000/pdf").getStatus()).isEqualTo(404);
	}

	@Test
	void showsTheFormAgainWithItsErrorForAMalformedCode() throws Exception {
		Map<String, String> cases = Map.of("JAL-1234", CertificateVerificationPage.MALFORMED, "JAL-UUUU-0000-0000",
				CertificateVerificationPage.MALFORMED, "<script>", CertificateVerificationPage.MALFORMED, "   ",
				CertificateVerificationPage.MISSING);
		for (Map.Entry<String, String> malformed : cases.entrySet()) {
			MockHttpServletResponse form = page("/certificats/verifier?code=" + encode(malformed.getKey()));
			assertThat(form.getStatus()).as(malformed.getKey()).isEqualTo(400);
			assertThat(form.getContentAsString(StandardCharsets.UTF_8)).as(malformed.getKey())
				.contains("fr-input-group--error", "fr-input--error", "aria-invalid=\"true\"",
						"aria-describedby=\"code-erreur\"",
						"<p class=\"fr-error-text\" id=\"code-erreur\">" + French.typeset(malformed.getValue()) + "</p>")
				.doesNotContain("<script>");
		}
	}

	private MockHttpServletResponse page(String path) throws Exception {
		return mvc.perform(get(java.net.URI.create(path))).andReturn().getResponse();
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
