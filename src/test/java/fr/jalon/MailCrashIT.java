package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A crash between the commit and the sending loses no mail: the packaged jar, without SMTP, records a submission
 * (its acknowledgement waits in the outbox), is killed with SIGKILL, and started again with SMTP pointed at
 * GreenMail: the acknowledgement leaves.
 */
class MailCrashIT extends InstalledJar {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Test
	void sendsAfterARestartWhatWasCommittedBeforeTheCrash() throws Exception {
		jalon.start();
		String id = jalon.as("mairie-albi")
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title",
					"Écoquartier de la Madeleine"))
			.get("id")
			.asText();
		JsonNode outbox = jalon.as("admin").get("/api/mail-outbox");
		assertThat(outbox.findValuesAsText("candidacyId")).contains(id);
		assertThat(outbox.findValuesAsText("status")).containsOnly("PENDING");
		assertThat(jalon.kill()).isEqualTo(137);

		jalon = new JalonProcess(Path.of(System.getProperty("jalon.jar")), emptyDir,
				List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
						"--jalon.mail.poll-interval=PT1S"),
				Map.of());
		jalon.start();
		MimeMessage receipt = Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.until(() -> Arrays.stream(smtp.getReceivedMessages())
				.filter(mail -> subject(mail).startsWith(fr.jalon.system.French.typeset("Accusé de réception : « Écoquartier de la Madeleine »")))
				.findFirst()
				.orElse(null), java.util.Objects::nonNull);
		assertThat(receipt.getAllRecipients()[0].toString()).isEqualTo("mairie-albi@demo.jalon.fr");
		Object content = receipt.getContent();
		while (content instanceof jakarta.mail.Multipart parts) {
			content = parts.getBodyPart(0).getContent();
		}
		assertThat((String) content).contains("/candidatures/" + id);
		Awaitility.await()
			.atMost(Duration.ofMinutes(1))
			.until(() -> jalon.as("admin").get("/api/mail-outbox").findValuesAsText("status").stream()
				.allMatch("SENT"::equals));
	}

	private static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

}
