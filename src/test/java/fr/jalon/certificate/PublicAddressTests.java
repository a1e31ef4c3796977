package fr.jalon.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.jalon.Api;
import fr.jalon.Jobs;
import fr.jalon.system.PublicAddress;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Without {@code jalon.public-url}, a certificate leads to the address that actually serves Jalon: issued by a job
 * of the engine (no request under way), localhost on the port the server listens on, never a fixed one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "jalon.test.database=public-address", "jalon.data-dir=target/public-address-tests" })
@ActiveProfiles("test")
class PublicAddressTests {

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	@Autowired
	PublicAddress address;

	@Test
	void leadsTheQrCodeToThePortThatServesJalon() throws Exception {
		assertThat(port).isNotEqualTo(8080);
		Api albi = new Api(http, "mairie-albi");
		String id = albi
			.post("/api/candidacies",
					Map.of("programme", "ecoquartier", "collectivite", "81004", "title",
							"Quartier de la gare " + System.nanoTime()))
			.getBody()
			.get("id")
			.asText();
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		ok(albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")));
		Api ddt = new Api(http, "ddt-81");
		ok(ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE")));
		Jobs.runAll(management);

		ResponseEntity<byte[]> pdf = albi.bytes("/api/candidacies/" + id + "/certificate");
		assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
		String code = codeOf(pdf.getBody());
		assertThat(CertificatePdfTests.qrCode(pdf.getBody()))
			.isEqualTo("http://localhost:" + port + "/certificats/" + code);
		assertThat(address.base()).as("outside a request").isEqualTo("http://localhost:" + port);
	}

	private static void ok(ResponseEntity<?> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
	}

	private static String codeOf(byte[] pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			Matcher code = Pattern.compile("JAL(-[0-9A-Z]{4}){3}").matcher(new PDFTextStripper().getText(document));
			assertThat(code.find()).as("a certificate code in the PDF").isTrue();
			return code.group();
		}
	}

}
