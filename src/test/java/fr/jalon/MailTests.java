package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import fr.jalon.mail.Digests;
import fr.jalon.mail.OutboxSender;
import fr.jalon.mail.Outbox;
import fr.jalon.mail.OutboxMail;
import fr.jalon.system.Conflict;
import fr.jalon.workflow.TaskOpened;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The mails of a dossier's life, read from a real SMTP server (GreenMail) started by the test: each event's, in
 * French, to whom it concerns; none for a rolled-back decision; a reviewer's daily digest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "jalon.test.database=mail-tests", "jalon.mail.from=jalon@demo.jalon.fr" })
@ActiveProfiles("test")
@Import(MailTests.FailingAfterTheMail.class)
class MailTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	private static final String ALBI = "mairie-albi@demo.jalon.fr";

	private static final String DDT_81 = "ddt-81@demo.jalon.fr";

	/** Links lead to the address that serves Jalon (no jalon.public-url here): this server's port. */
	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	OutboxSender sender;

	@Autowired
	Digests digests;

	@Autowired
	Outbox outbox;

	@Autowired
	ManagementService management;

	@Autowired
	RuntimeService runtime;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	Api albi;

	Api ddt;

	@BeforeEach
	void signIn() {
		albi = new Api(http, "mairie-albi");
		ddt = new Api(http, "ddt-81");
	}

	/**
	 * Sets aside, for later, the mails pending before the test: on PostgreSQL every test class shares one database,
	 * and the others, which have no SMTP, leave their mails there. Each test's senders then see only its own mails.
	 */
	@BeforeEach
	void setsAsideEarlierMails() {
		jdbc.update("update mail_outbox set next_attempt_at = ? where status = 'PENDING'",
				java.sql.Timestamp.from(Instant.parse("9999-01-01T00:00:00Z")));
	}

	@Test
	void tellsEachStepOfAJardinsPathToWhomItConcerns() throws Exception {
		String programme = "jardins-" + UUID.randomUUID().toString().substring(0, 8);
		Api jury = Jardins.deployedWithJury(http, programme);
		String juryAddress = "jury-" + programme + "@demo.jalon.fr";
		assertThat(new Api(http, "admin").exchange(HttpMethod.PUT, "/api/accounts/jury-" + programme
				+ "/mail-preferences", Map.of("email", juryAddress)).getBody().get("email").asText())
			.isEqualTo(juryAddress);

		String id = Jardins.candidacy(albi, programme);
		String title = albi.get("/api/candidacies/" + id).getBody().get("title").asText();
		MimeMessage receipt = received(title, "Accusé de réception");
		assertThat(to(receipt)).containsExactly(ALBI);
		assertThat(receipt.getFrom()[0].toString()).isEqualTo("jalon@demo.jalon.fr");
		assertThat(body(receipt)).contains("Nous accusons réception de la candidature « " + title + " »",
				"Albi", "Jardins partagés", "http://localhost:" + port + "/candidatures/" + id);
		assertThat(to(received(title, "Nouvelle tâche : « Déposer le dossier du jardin »"))).containsExactly(ALBI);
		assertReceiptAttached(receipt, 1);

		// The jury, and only it, is told of its task; Albi of its deposit, its decision, its end, its certificate.
		Jardins.submitDossier(albi, id);
		MimeMessage stepReceipt = received(title, "Accusé de réception : « Déposer le dossier du jardin »");
		assertThat(to(stepReceipt)).containsExactly(ALBI);
		assertThat(body(stepReceipt)).contains("Nous accusons réception de l'étape « Déposer le dossier du jardin »");
		assertReceiptAttached(stepReceipt, 2);
		MimeMessage juryTask = received(title, "Nouvelle tâche : « Décision du jury »");
		assertThat(to(juryTask)).containsExactly(juryAddress);
		assertThat(body(juryTask)).contains("Une tâche vous attend", "Albi", "Jardins partagés");
		Jardins.grant(jury, id);
		assertThat(body(received(title, "Avis favorable"))).contains("a reçu un avis favorable");
		assertThat(body(received(title, "Candidature close"))).contains("est close", "Félicitations");
		Jobs.runAll(management);
		MimeMessage certificate = received(title, "Certificat délivré");
		assertThat(to(certificate)).containsExactly(ALBI);
		assertThat(body(certificate)).contains("http://localhost:" + port + "/certificats/");

		// A message goes to the other side of the thread.
		write(albi, id, "Quand la commission se réunit-elle ?");
		MimeMessage question = received(title, "Nouveau message");
		assertThat(to(question)).containsExactly(juryAddress);
		assertThat(body(question)).contains("mairie-albi a écrit", "Quand la commission se réunit-elle ?");
		write(jury, id, "Le 12 mars.");
		Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> {
			sender.sendDue();
			return messages(title, "Nouveau message").size() == 2;
		});
		assertThat(messages(title, "Nouveau message")).extracting(MailTests::to)
			.containsExactlyInAnyOrder(List.of(juryAddress), List.of(ALBI));

		assertThat(outbox.ofCandidacy(id)).extracting(OutboxMail::status).containsOnly(OutboxMail.SENT);
	}

	@Test
	void tellsTheDdtOfItsTaskAndTheCollectiviteOfARequestForChangesAReminderAndAnEscalation() throws Exception {
		String title = "Écoquartier " + UUID.randomUUID();
		String id = ecoquartier(title);
		MimeMessage verify = received(title, "Nouvelle tâche : « Vérifier la charte »");
		assertThat(to(verify)).as("the Tarn's DDT, not the Aveyron's").containsExactly(DDT_81);

		assertThat(ddt.complete(ddt.task(id, "VerifyCharter"),
				Map.of("outcome", "REQUEST_CHANGES", "comment", "Joindre la délibération du conseil.")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		MimeMessage changes = received(title, "Compléments demandés");
		assertThat(to(changes)).containsExactly(ALBI);
		assertThat(body(changes)).contains("Des compléments sont demandés", "Joindre la délibération du conseil.",
				"au programme EcoQuartier, à l'étape « Charte »");

		// The charter's reminder and deadline timers, fired by hand.
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
		management.executeJob(management.createJobQuery().processInstanceId(instance).timers()
			.activityId("SubmitCharterReminder").singleResult().getId());
		MimeMessage reminder = received(title, "Relance : « Dépôt de la charte signée »");
		assertThat(to(reminder)).containsExactly(ALBI);
		assertThat(body(reminder)).contains("approche : elle tombe le");
		management.executeJob(management.createJobQuery().processInstanceId(instance).timers()
			.activityId("SubmitCharterDeadline").singleResult().getId());
		MimeMessage escalation = received(title, "Échéance dépassée");
		assertThat(to(escalation)).containsExactly(DDT_81);
		assertThat(body(escalation)).contains("est dépassée");
	}

	@Test
	void aRolledBackDecisionLeavesNoMail() throws Exception {
		String title = "Écoquartier " + UUID.randomUUID();
		String id = ecoquartier(title);
		received(title, "Nouvelle tâche : « Vérifier la charte »");

		FailingAfterTheMail.candidacy = id;
		try {
			ResponseEntity<JsonNode> failed = ddt.complete(ddt.task(id, "VerifyCharter"),
					Map.of("outcome", "REQUEST_CHANGES", "comment", "Joindre la délibération."));
			assertThat(failed.getStatusCode().is5xxServerError()).as("a fault of the server, not of the input").isTrue();
		}
		finally {
			FailingAfterTheMail.candidacy = null;
		}
		assertThat(FailingAfterTheMail.mailsSeen).as("the mail was written, in the transaction, before it failed")
			.contains("CHANGES_REQUESTED");
		assertThat(outbox.ofCandidacy(id)).extracting(OutboxMail::kind).doesNotContain("CHANGES_REQUESTED");
		sender.sendDue();

		// The same decision, done again, is told; the one rolled back never was.
		assertThat(ddt.complete(ddt.task(id, "VerifyCharter"),
				Map.of("outcome", "REQUEST_CHANGES", "comment", "Joindre la délibération, datée.")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		received(title, "Compléments demandés");
		assertThat(messages(title, "Compléments demandés")).hasSize(1)
			.allSatisfy(mail -> assertThat(body(mail)).contains("datée"));
	}

	@Test
	void groupsAReviewersMailsIntoADailyDigest() throws Exception {
		String username = "ddt-81-recap-" + UUID.randomUUID().toString().substring(0, 8);
		String address = username + "@demo.jalon.fr";
		Api admin = new Api(http, "admin");
		assertThat(admin.post("/api/accounts", Map.of("username", username, "password", "recapitulatif-2026", "role",
				"DDT", "scope", "81", "email", address, "mailDigest", true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

		String first = "Écoquartier " + UUID.randomUUID();
		String second = "Écoquartier " + UUID.randomUUID();
		ecoquartier(first);
		ecoquartier(second);
		assertThat(to(received(second, "Nouvelle tâche : « Vérifier la charte »"))).as("held for the digest")
			.containsExactly(DDT_81);

		assertThat(digests.digest(Instant.now())).isGreaterThanOrEqualTo(1);
		MimeMessage digest = Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> {
			sender.sendDue();
			return Arrays.stream(smtp.getReceivedMessages())
				.filter(mail -> to(mail).contains(address))
				.findFirst()
				.orElse(null);
		}, java.util.Objects::nonNull);
		assertThat(digest.getSubject()).startsWith("Jalon : votre récapitulatif du");
		assertThat(body(digest)).contains("Nouvelle tâche : « Vérifier la charte » — " + first,
				"Nouvelle tâche : « Vérifier la charte » — " + second);
		assertThat(digests.digest(Instant.now())).as("each held mail goes into one digest").isZero();
	}

	@Test
	void sendsEachMailOnceWhenSendersRace() throws Exception {
		String title = "Écoquartier " + UUID.randomUUID();
		String id = ecoquartier(title);
		int count = 30;
		for (int n = 0; n < count; n++) {
			write(ddt, id, "Message numéro " + n + ".");
		}
		List<Integer> sent = Together.run(sender::sendDue, sender::sendDue, sender::sendDue, sender::sendDue);
		assertThat(sent.stream().mapToInt(Integer::intValue).sum()).as("one sender per mail, at most")
			.isLessThanOrEqualTo(outbox.ofCandidacy(id).size());
		Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> {
			sender.sendDue();
			return messages(title, "Nouveau message").size() >= count;
		});
		for (int n = 0; n < count; n++) {
			String text = "Message numéro " + n + ".";
			assertThat(messages(title, "Nouveau message")).as(text).filteredOn(mail -> body(mail).contains(text)).hasSize(1);
		}
		assertThat(outbox.ofCandidacy(id)).filteredOn(mail -> mail.kind().equals("MESSAGE"))
			.hasSize(count)
			.extracting(OutboxMail::status)
			.containsOnly(OutboxMail.SENT);
	}

	@Test
	void onlyAnAdministratorReadsTheOutbox() {
		ResponseEntity<JsonNode> page = new Api(http, "admin").get("/api/mail-outbox?size=5");
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getHeaders().getFirst("X-Total-Count")).isNotNull();
		assertThat(ddt.get("/api/mail-outbox").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(albi.exchange(HttpMethod.PUT, "/api/me/mail-preferences", Map.of("email", "pas-une-adresse"))
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	/** An EcoQuartier candidacy of Albi, its signed charter submitted: the DDT's task is open. */
	private String ecoquartier(String title) {
		ResponseEntity<JsonNode> created = albi.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004", "title", title));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = created.getBody().get("id").asText();
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte signée"));
		assertThat(albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		return id;
	}

	/** A message on the candidacy's thread, through the API. */
	private static void write(Api author, String candidacy, String text) {
		assertThat(author.post("/api/candidacies/" + candidacy + "/messages", Map.of("text", text)).getStatusCode()
			.is2xxSuccessful()).isTrue();
	}

	/** The one mail about that candidacy whose subject starts so, once the sender has sent it. */
	private MimeMessage received(String title, String subject) {
		return Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> {
			sender.sendDue();
			List<MimeMessage> found = messages(title, subject);
			return found.isEmpty() ? null : found.get(found.size() - 1);
		}, java.util.Objects::nonNull);
	}

	private static List<MimeMessage> messages(String title, String subject) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
			try {
				return mail.getSubject().startsWith(subject) && mail.getSubject().contains(title);
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	private static List<String> to(MimeMessage mail) {
		try {
			return Arrays.stream(mail.getAllRecipients()).map(Address::toString).toList();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The mail carries the candidacy's receipt {@code number}: the real PDF, naming Albi and the receipt's reference. */
	private static void assertReceiptAttached(MimeMessage mail, int number) throws Exception {
		jakarta.mail.Multipart parts = (jakarta.mail.Multipart) mail.getContent();
		assertThat(parts.getCount()).as("the text and the receipt").isEqualTo(2);
		jakarta.mail.BodyPart attached = parts.getBodyPart(1);
		assertThat(attached.getFileName()).matches("accuse-de-reception-AR-[0-9A-F]{8}-00" + number + "\\.pdf");
		assertThat(attached.getContentType()).startsWith("application/pdf");
		try (var pdf = org.apache.pdfbox.Loader.loadPDF(attached.getInputStream().readAllBytes())) {
			String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
			assertThat(text).contains("Albi", String.format("-%03d", number));
		}
	}

	/** The text of a mail, with or without attachments. */
	private static String body(MimeMessage mail) {
		try {
			Object content = mail.getContent();
			while (content instanceof jakarta.mail.Multipart parts) {
				content = parts.getBodyPart(0).getContent();
			}
			return (String) content;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Fails a decision of {@link #candidacy} after its mail was written, where the engine opens the task that
	 * follows: what an invalid completion found late does.
	 */
	@TestConfiguration
	static class FailingAfterTheMail {

		static volatile String candidacy;

		static volatile List<String> mailsSeen = List.of();

		@Autowired
		Outbox outbox;

		@EventListener
		void opened(TaskOpened task) {
			if (task.candidacyId().equals(candidacy)) {
				mailsSeen = outbox.ofCandidacy(task.candidacyId()).stream().map(OutboxMail::kind).toList();
				throw new Conflict("Échec forcé après l'écriture du courriel.");
			}
		}

	}

}
