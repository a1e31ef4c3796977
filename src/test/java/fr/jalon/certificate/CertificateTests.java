package fr.jalon.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;
import fr.jalon.EcoQuartierSteps;
import fr.jalon.Jobs;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Certificates over HTTP: issued by the process's jobs once a decision is taken, downloaded by whoever may see
 * the candidacy, checked by anyone, revoked by an administrator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "jalon.test.database=certificates",
				"jalon.data-dir=target/certificate-tests", "jalon.public-url=https://jalon.example.fr/" })
@ActiveProfiles("test")
class CertificateTests {

	static final String TITLE = "Écoquartier du Cœur de ville — l’îlot Saint-Éloi";

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	Api albi;

	@BeforeEach
	void signIn() {
		albi = as("mairie-albi");
	}

	@Test
	void issuesTheLabelCertificateOnceTheLabelIsGranted() throws Exception {
		String id = submitted(albi, "81004", TITLE);
		String certificate = "/api/candidacies/" + id + "/certificate";
		assertThat(albi.bytes(certificate).getStatusCode()).as("before any decision").isEqualTo(HttpStatus.CONFLICT);

		approveCharter(albi, id, "81");
		assertThat(albi.bytes(certificate).getStatusCode()).as("decided, not yet issued")
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(Jobs.runAll(management)).as("the recognition, in an instance of its own: one job").isEqualTo(1);
		String recognition = text(albi.bytes(certificate).getBody());
		assertThat(recognition.replaceAll("\\s+", " ")).contains("Reconnaissance de la signature de la charte",
				"Étape 1 — charte des EcoQuartiers signée", "Direction départementale des territoires du Tarn",
				"Ce certificat atteste qu’Albi", "Fait à la direction départementale des territoires du Tarn, le",
				"Le directeur départemental des territoires du Tarn");

		label(albi, id);
		assertThat(albi.bytes(certificate + "?kind=LABEL").getStatusCode()).as("label granted, not yet issued")
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(Jobs.runAll(management)).isEqualTo(1);

		ResponseEntity<byte[]> first = albi.bytes(certificate);
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(first.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
		byte[] pdf = first.getBody();
		String text = text(pdf);
		String code = codeOf(pdf);
		assertThat(text).contains("Certificat de label", "Albi", "Label national EcoQuartier attribué",
				"Commission nationale EcoQuartier", "EcoQuartier, version 1", "https://jalon.example.fr/certificats/" + code);
		assertThat(text.replaceAll("\\s+", " ")).contains(TITLE);
		assertThat(CertificatePdfTests.qrCode(pdf)).as("jalon.public-url set: its address")
			.isEqualTo("https://jalon.example.fr/certificats/" + code);
		assertThat(text.replaceAll("\\s+", " ")).contains("Ministère de la Transition écologique", "Fait à Paris, le",
				"Le président de la Commission nationale EcoQuartier");

		byte[] again = as("commission-nationale").bytes(certificate).getBody();
		assertThat(sha256(again)).as("stored once").isEqualTo(sha256(pdf));
		assertThat(first.getHeaders().getETag()).isEqualTo("\"" + sha256(pdf) + "\"");

		SigningKey key = SigningKey.load(Path.of("target/certificate-tests/certificate-signing.p12"),
				"jalon".toCharArray(), "jalon");
		assertThat(key.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Jalon,O=Jalon,C=FR");
		assertThat(SignedPdfs.verifies(SignedPdfs.signature(pdf), pdf, key.certificate())).isTrue();

		assertThat(as("mairie-rodez").bytes(certificate).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("ddt-12").bytes(certificate).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as(null).bytes(certificate).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(albi.bytes(certificate + "?kind=BADGE").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

		// Anyone checks it, by its code as printed or as typed.
		Api anyone = as(null);
		JsonNode verified = anyone.get("/api/certificates/" + code).getBody();
		assertThat(verified.get("code").asText()).isEqualTo(code);
		assertThat(verified.get("valid").asBoolean()).isTrue();
		assertThat(verified.get("revoked").asBoolean()).isFalse();
		assertThat(verified.get("programme").asText()).isEqualTo("ecoquartier");
		assertThat(verified.get("kind").asText()).isEqualTo("LABEL");
		assertThat(verified.get("level").asText()).isEqualTo("Label national EcoQuartier attribué");
		assertThat(verified.get("collectivite").asText()).isEqualTo("Albi");
		assertThat(verified.get("title").asText()).isEqualTo(TITLE);
		assertThat(verified.get("referentialVersion").asInt()).isEqualTo(1);
		assertThat(verified.get("issuedAt").asText()).isNotBlank();
		assertThat(verified.get("sha256").asText()).isEqualTo(sha256(pdf));
		assertThat(verified.has("revokedAt")).isFalse();
		String typed = code.toLowerCase().replace("-", " ").replace("jal ", "");
		assertThat(anyone.get("/api/certificates/" + typed).getBody().get("code").asText()).isEqualTo(code);
		assertThat(anyone.get("/api/certificates/JAL-0000-0000-0000").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(anyone.get("/api/certificates/pas-un-code").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		ResponseEntity<String> page = http.getForEntity("/certificats/" + code, String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.getBody()).contains("lang=\"fr\"", code, "Certificat valide", "Albi",
				"Écoquartier du Cœur de ville — l’îlot Saint-Éloi", "Commission nationale EcoQuartier");
		assertThat(page.getBody().split("<h1").length - 1).as("one h1").isEqualTo(1);
		ResponseEntity<String> unknown = http.getForEntity("/certificats/JAL-0000-0000-0000", String.class);
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknown.getBody()).contains("Certificat introuvable", "lang=\"fr\"");

		// Only an administrator revokes; the certificate then verifies as revoked.
		String revoke = "/api/certificates/" + code + "/revoke";
		assertThat(albi.post(revoke, Map.of("reason", "Erreur")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(anyone.post(revoke, Map.of("reason", "Erreur")).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		Api admin = as("admin");
		assertThat(admin.post(revoke, Map.of("reason", " ")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		JsonNode revoked = admin.post(revoke, Map.of("reason", "Label retiré par la commission nationale."))
			.getBody();
		assertThat(revoked.get("valid").asBoolean()).isFalse();
		assertThat(revoked.get("revoked").asBoolean()).isTrue();
		assertThat(admin.post(revoke, Map.of("reason", "Encore")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		JsonNode checked = anyone.get("/api/certificates/" + code).getBody();
		assertThat(checked.get("valid").asBoolean()).isFalse();
		assertThat(checked.get("revoked").asBoolean()).isTrue();
		assertThat(checked.get("revokedAt").asText()).isNotBlank();
		assertThat(checked.get("reason").asText()).isEqualTo("Label retiré par la commission nationale.");
		assertThat(http.getForEntity("/certificats/" + code, String.class).getBody()).contains("Certificat révoqué",
				"Label retiré par la commission nationale.");
		assertThat(albi.bytes(certificate + "?kind=LABEL").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(text(albi.bytes(certificate).getBody())).as("the charter recognition still holds")
			.contains("Reconnaissance de la signature de la charte");
	}

	@Test
	void revokesTheCharterRecognitionOfAWithdrawnCandidacy() {
		Api rodez = as("mairie-rodez");
		String id = submitted(rodez, "12202", "Quartier de Bourran");
		approveCharter(rodez, id, "12");
		Jobs.runAll(management);
		String code = codeOf(rodez.bytes("/api/candidacies/" + id + "/certificate").getBody());
		assertThat(as(null).get("/api/certificates/" + code).getBody().get("valid").asBoolean()).isTrue();

		rodez.post("/api/candidacies/" + id + "/withdraw", Map.of("comment", "Projet abandonné."));

		JsonNode verified = as(null).get("/api/certificates/" + code).getBody();
		assertThat(verified.get("revoked").asBoolean()).isTrue();
		assertThat(verified.get("reason").asText()).isEqualTo("Candidature retirée par la collectivité.");
		assertThat(rodez.bytes("/api/candidacies/" + id + "/certificate").getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void keepsTheSigningKeyInTheDataFolder() throws Exception {
		// Created in the background at start (SigningKey): there within a few seconds, or once a certificate was signed.
		Path keystore = Path.of("target/certificate-tests/certificate-signing.p12");
		Awaitility.await("the signing keystore").atMost(Duration.ofMinutes(2)).until(() -> Files.exists(keystore));
		assertThat(Files.size(keystore)).isPositive();
	}

	// --- helpers, as in EcoQuartierPathTests

	private Api as(String username) {
		return new Api(http, username);
	}

	private String submitted(Api collectivite, String code, String title) {
		return new EcoQuartierSteps(http).submitted(collectivite, code, title);
	}

	private void approveCharter(Api collectivite, String id, String departement) {
		new EcoQuartierSteps(http).approveCharter(collectivite, id, departement);
	}

	/** From the contract to the label, every step approved. */
	private void label(Api collectivite, String id) {
		new EcoQuartierSteps(http).label(collectivite, id);
	}

	private static void ok(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
	}




	private static String text(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			// The address is printed on two lines, cut before its path.
			return new PDFTextStripper().getText(document).replace('\u00a0', ' ').replace("\n/certificats/", "/certificats/");
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("not a PDF", ex);
		}
	}

	private static String codeOf(byte[] pdf) {
		Matcher code = Pattern.compile("JAL(-[0-9A-Z]{4}){3}").matcher(text(pdf));
		assertThat(code.find()).as("a certificate code in the PDF").isTrue();
		return code.group();
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
