package fr.jalon.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Answers;
import fr.jalon.Api;
import fr.jalon.EcoQuartierSteps;
import fr.jalon.Jobs;
import fr.jalon.MutableClock;
import fr.jalon.mail.Outbox;
import fr.jalon.mail.OutboxMail;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * EcoQuartier's fourth step, « confirmé », over HTTP: a labelled candidacy waits three years (the referential's
 * deadline confirmation, P3Y), then its collectivité evaluates the use, two experts assess it, the commissions decide,
 * and the certificate of the fourth step is issued, signed. The engine's clock and the application's are moved
 * together; only this candidacy's timer is executed (other tests' rows may share the database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "jalon.test.database=confirmation", "jalon.data-dir=target/confirmation-tests" })
@ActiveProfiles("test")
@Import(MutableClock.InContext.class)
class EcoQuartierConfirmationTests {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	@Autowired
	RuntimeService runtime;

	@Autowired
	MutableClock clock;

	@Autowired
	fr.jalon.web.Labels labels;

	@Autowired
	fr.jalon.candidacy.CandidacyService candidacies;

	@Autowired
	Outbox outbox;

	Instant labelledAt;

	Api albi;

	JsonNode referential;

	@BeforeEach
	void setUp() {
		labelledAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		moveTo(labelledAt);
		albi = as("mairie-albi");
		referential = albi.get("/api/referentials/ecoquartier").getBody();
	}

	@AfterEach
	void resetEngineClock() {
		ClockUtil.reset();
	}

	@Test
	void confirmsALabelledCandidacyThreeYearsOnWithTheCertificateOfTheFourthStep() throws Exception {
		String id = labelled("Écoquartier de la Madeleine");
		JsonNode waiting = albi.get("/api/candidacies/" + id).getBody();
		assertThat(waiting.get("status").asText()).isEqualTo("LABELLED");
		assertThat(waiting.get("stage").asText()).isEqualTo("VALIDATION");
		assertThat(albi.tasks(id)).as("nothing to do while the three years run").isEmpty();
		assertThat(albi.upload(id, "photo", "photo.pdf", Api.pdf("photo")).getStatusCode())
			.as("a labelled candidacy awaiting its confirmation takes no document")
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(steps(id)).as("« Confirmé » to come").containsExactly("faite", "faite", "faite", "faite", "a-venir");

		JsonNode labelEvaluation = albi.get("/api/candidacies/" + id + "/evaluation").getBody();
		openConfirmation(id);
		assertThat(steps(id)).containsExactly("faite", "faite", "faite", "faite", "en-cours");
		JsonNode confirmation = albi.get("/api/candidacies/" + id).getBody();
		assertThat(confirmation.get("status").asText()).as("the label stands").isEqualTo("LABELLED");
		assertThat(confirmation.get("stage").asText()).isEqualTo("CONFIRMATION");

		// The collectivité's evaluation of the use: due 90 days on, a motivation required, documents taken.
		String evaluate = albi.task(id, "EvaluateUsage");
		JsonNode task = albi.get("/api/tasks/" + evaluate).getBody();
		assertThat(Instant.parse(task.get("due").asText())).isEqualTo(threeYearsOn().plus(Duration.ofDays(90)));
		assertThat(albi.upload(id, "photo", "usage.pdf", Api.pdf("le quartier habité")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		ResponseEntity<JsonNode> unmotivated = albi.complete(evaluate,
				Map.of("outcome", "SUBMIT", "indicators", Answers.indicators(referential, "value", 45.0)));
		assertThat(unmotivated.getStatusCode()).as("the evaluation's text is required").isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unmotivated.getBody().toString()).contains("comment");
		ok(albi.complete(evaluate, Map.of("outcome", "SUBMIT", "comment",
				"Les engagements ont tenu à l'usage ; la mobilité reste à améliorer.", "indicators",
				Answers.indicators(referential, "value", 45.0))));
		JsonNode afterUsage = albi.get("/api/candidacies/" + id + "/evaluation").getBody();
		assertThat(afterUsage.get("indicators").findValuesAsText("value")).as("the pilot test's values, the label's evidence")
			.isNotEmpty()
			.containsOnly("42.0");
		assertThat(afterUsage).as("the label's evaluation under its own version, untouched by the use's")
			.isEqualTo(labelEvaluation);

		assessUsage(id);
		Api occitanie = as("commission-occitanie");
		ok(occitanie.complete(occitanie.task(id, "ConfirmationRegionalReview"),
				Map.of("outcome", "APPROVE", "comment", "Proposé à la confirmation.")));
		Api nationale = as("commission-nationale");
		JsonNode confirmed = nationale.complete(nationale.task(id, "ConfirmationNationalDecision"),
				Map.of("outcome", "APPROVE")).getBody();
		assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
		assertThat(texts(confirmed.get("history"), "event")).containsSubsequence("ValidateLabel", "LABELLED",
				"STAGE_ENTERED", "EvaluateUsage", "AssessUsageAsCoordinatingExpert", "ConfirmationRegionalReview",
				"ConfirmationNationalDecision", "CONFIRMED");

		String certificate = "/api/candidacies/" + id + "/certificate";
		assertThat(albi.bytes(certificate + "?kind=CONFIRMATION").getStatusCode()).as("confirmed, not yet issued")
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(Jobs.runAll(management)).isEqualTo(1);
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count())
			.as("the process ends with the fourth step").isZero();

		ResponseEntity<byte[]> download = albi.bytes(certificate);
		assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(download.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
		byte[] pdf = download.getBody();
		String text = text(pdf).replaceAll("\\s+", " ");
		assertThat(text).contains("Certificat EcoQuartier confirmé", "Étape 4 — EcoQuartier confirmé",
				"Commission nationale EcoQuartier", "Écoquartier de la Madeleine", "Albi", "Fait à Paris, le");
		SigningKey key = SigningKey.load(Path.of("target/confirmation-tests/certificate-signing.p12"),
				"jalon".toCharArray(), "jalon");
		assertThat(SignedPdfs.verifies(SignedPdfs.signature(pdf), pdf, key.certificate())).isTrue();

		JsonNode verified = as(null).get("/api/certificates/" + codeOf(pdf)).getBody();
		assertThat(verified.get("kind").asText()).isEqualTo("CONFIRMATION");
		assertThat(verified.get("level").asText()).isEqualTo("Étape 4 — EcoQuartier confirmé");
		assertThat(verified.get("valid").asBoolean()).isTrue();
		assertThat(albi.bytes(certificate + "?kind=LABEL").getStatusCode()).as("the label's certificate stands")
			.isEqualTo(HttpStatus.OK);
		assertThat(as("mairie-rodez").bytes(certificate).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(albi.tasks(id)).isEmpty();
		assertThat(steps(id)).containsExactly("faite", "faite", "faite", "faite", "faite");
		assertThat(albi.get("/api/candidacies/" + id + "/evaluation").getBody().get("indicators")
			.findValuesAsText("value")).as("confirmed, the label's values stand").containsOnly("42.0");
	}

	@Test
	void keepsTheDocumentsTheLabelRestsOnDuringTheConfirmation() {
		String id = labelled("Quartier Saint-Cyprien");
		openConfirmation(id);
		JsonNode charter = document(id, "signed-charter");
		ResponseEntity<JsonNode> replaced = albi.newVersion(id, charter.get("id").asText(), "charte-bis.pdf",
				Api.pdf("une autre charte"));
		assertThat(replaced.getStatusCode()).as("%s", replaced.getBody()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(replaced.getBody().get("detail").asText()).contains("Labellisée", "déposez");
		ResponseEntity<JsonNode> withdrawn = albi.post(
				"/api/candidacies/" + id + "/documents/" + charter.get("id").asText() + "/withdraw", Map.of());
		assertThat(withdrawn.getStatusCode()).as("%s", withdrawn.getBody()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(document(id, "signed-charter").get("sha256").asText()).as("the labelled file as it was")
			.isEqualTo(charter.get("sha256").asText());
		assertThat(document(id, "signed-charter").get("status").asText()).isEqualTo(charter.get("status").asText());

		ResponseEntity<JsonNode> usage = albi.upload(id, "photo", "usage.pdf", Api.pdf("le quartier habité"));
		assertThat(usage.getStatusCode()).as("the step's own documents are taken").isEqualTo(HttpStatus.CREATED);
		ResponseEntity<JsonNode> usageAgain = albi.newVersion(id, usage.getBody().get("id").asText(), "usage-2.pdf",
				Api.pdf("le quartier habité, au printemps"));
		assertThat(usageAgain.getStatusCode()).as("and replaced").isEqualTo(HttpStatus.CREATED);
		ok(albi.post("/api/candidacies/" + id + "/documents/" + usageAgain.getBody().get("id").asText() + "/withdraw",
				Map.of()));
	}

	@Test
	void keepsTheLabelWhenTheRegionalCommissionAdjournsTheConfirmation() {
		String id = labelled("Quartier Lapanouse");
		List<Long> labelMails = closingMails(id);
		assertThat(labelMails).as("the label's closing mail").isNotEmpty();
		openConfirmation(id);
		ok(albi.complete(albi.task(id, "EvaluateUsage"), Map.of("outcome", "SUBMIT", "comment",
				"Le parc n'est pas encore livré.", "indicators", Answers.indicators(referential, "value", 30.0))));
		assessUsage(id);
		Api occitanie = as("commission-occitanie");
		JsonNode adjourned = occitanie.complete(occitanie.task(id, "ConfirmationRegionalReview"),
				Map.of("outcome", "ADJOURN", "comment", "À représenter une fois le parc livré.")).getBody();

		assertThat(adjourned.get("status").asText()).as("the candidacy keeps its label").isEqualTo("LABELLED");
		assertThat(closingMails(id)).as("no second « Labellisée » mail: the adjournment's decision mail tells of it")
			.isEqualTo(labelMails);
		assertThat(outbox.ofCandidacy(id).get(outbox.ofCandidacy(id).size() - 1).kind()).isEqualTo("DECISION");
		assertThat(adjourned.get("stage").asText()).isEqualTo("CONFIRMATION");
		assertThat(texts(adjourned.get("history"), "event")).endsWith("ConfirmationRegionalReview", "LABELLED");
		assertThat(steps(id)).as("the path stopped at « Confirmé »")
			.containsExactly("faite", "faite", "faite", "faite", "arretee");
		assertThat(albi.tasks(id)).isEmpty();
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
		assertThat(albi.upload(id, "photo", "photo.pdf", Api.pdf("x")).getStatusCode())
			.as("the step over, the dossier is closed again").isEqualTo(HttpStatus.CONFLICT);
		String certificate = "/api/candidacies/" + id + "/certificate";
		assertThat(albi.bytes(certificate + "?kind=LABEL").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(albi.bytes(certificate + "?kind=CONFIRMATION").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	/** The ids of the candidacy's closing mails (« clôture »), one a recipient. */
	private List<Long> closingMails(String id) {
		return outbox.ofCandidacy(id).stream().filter(mail -> mail.kind().equals("CLOSED")).map(OutboxMail::id).toList();
	}

	/** The current document of that type in the candidacy's dossier, as its collectivité sees it. */
	private JsonNode document(String id, String type) {
		return StreamSupport.stream(albi.get("/api/candidacies/" + id).getBody().get("documents").spliterator(), false)
			.filter(document -> document.get("type").asText().equals(type))
			.findFirst()
			.orElseThrow();
	}

	/** A candidacy of Albi labelled at {@link #labelledAt}, its certificates issued. */
	private String labelled(String title) {
		String id = albi.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004", "title", title))
			.getBody()
			.get("id")
			.asText();
		EcoQuartierSteps steps = new EcoQuartierSteps(http);
		steps.approveCharter(albi, id, "81");
		steps.label(albi, id);
		Jobs.runAll(management);
		assertThat(albi.bytes("/api/candidacies/" + id + "/certificate?kind=LABEL").getStatusCode())
			.isEqualTo(HttpStatus.OK);
		return id;
	}

	/** Three years on, to the day and not before, the candidacy's timer opens the fourth step. */
	private void openConfirmation(String id) {
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
		Job timer = management.createJobQuery().timers().processInstanceId(instance).singleResult();
		assertThat(timer.getDuedate()).as("P3Y from the label, in Paris time").isEqualTo(Date.from(threeYearsOn()));

		moveTo(threeYearsOn().minus(Duration.ofDays(1)));
		assertThat(management.createJobQuery().timers().processInstanceId(instance).executable().count())
			.as("not due at three years minus a day").isZero();
		moveTo(threeYearsOn());
		List<Job> due = management.createJobQuery().timers().processInstanceId(instance).executable().list();
		assertThat(due).extracting(Job::getId).containsExactly(timer.getId());
		management.executeJob(timer.getId());
	}

	/** The two experts assess each commitment in use; never the same expert twice. */
	private void assessUsage(String id) {
		Api expert1 = as("expert-1");
		Api expert2 = as("expert-2");
		ok(expert1.complete(expert1.task(id, "AssessUsageAsCoordinatingExpert"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "SATISFACTORY"))));
		assertThat(expert1.tasks(id)).extracting(task -> task.get("key").asText())
			.doesNotContain("AssessUsageAsSecondExpert");
		ok(expert2.complete(expert2.task(id, "AssessUsageAsSecondExpert"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "EXEMPLARY"))));
	}

	/** The states of the candidacy's path, as its pages show it (stepper). */
	private List<String> steps(String id) {
		return labels.path(candidacies.view(id)).stream().map(fr.jalon.web.Labels.PathStep::state).toList();
	}

	private Instant threeYearsOn() {
		return labelledAt.atZone(PARIS).plusYears(3).toInstant();
	}

	private void moveTo(Instant instant) {
		clock.set(instant);
		ClockUtil.setCurrentTime(Date.from(instant));
	}

	private Api as(String username) {
		return new Api(http, username);
	}

	private static void ok(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
	}

	private static List<String> texts(JsonNode array, String field) {
		return StreamSupport.stream(array.spliterator(), false).map(node -> node.path(field).asText()).toList();
	}

	private static String text(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document).replace('\u00a0', ' ');
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

}
