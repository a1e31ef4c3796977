package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started with {@code java -jar} from an empty directory, killed with SIGKILL in the middle of an
 * EcoQuartier path and started again: the candidacy, its history, its documents and its open tasks are all back, and
 * the path goes on; killed in the middle of a stream of operations, every operation answered 2xx is there and
 * nothing is half-done.
 */
class CrashRecoveryIT {

	/** 128 + 9: the exit value of a process ended by SIGKILL. */
	private static final int KILLED_BY_SIGKILL = 137;

	@TempDir
	Path emptyDir;

	JalonProcess jalon;

	@RegisterExtension
	AfterTestExecutionCallback printLogOnFailure = context -> context.getExecutionException()
		.ifPresent(failure -> System.err.println("--- end of the Jalon log\n" + jalon.logTail(120)));

	@BeforeEach
	void install() throws IOException {
		jalon = new JalonProcess(Path.of(System.getProperty("jalon.jar")), emptyDir);
	}

	@AfterEach
	void stop() throws InterruptedException {
		jalon.stop();
	}

	@Test
	void losesNothingWhenKilledMidPath() throws Exception {
		jalon.start();
		assertThat(emptyDir.resolve("data")).isDirectory();
		JalonProcess.Account albi = jalon.as("mairie-albi");
		JalonProcess.Account ddt = jalon.as("ddt-81");

		// Mid-path: the charter submitted, sent back by the DDT, a photo added.
		String id = albi.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title",
				"Écoquartier de la Madeleine"))
			.get("id")
			.asText();
		byte[] charter = Api.pdf("charte signée par le maire");
		albi.upload(id, "signed-charter", "charte.pdf", "application/pdf", charter);
		albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		ddt.complete(ddt.task(id, "VerifyCharter"),
				Map.of("outcome", "REQUEST_CHANGES", "comment", "Joindre la délibération."));
		byte[] photo = png();
		albi.upload(id, "photo", "friche.png", "image/png", photo);

		JsonNode candidacy = albi.get("/api/candidacies/" + id);
		JsonNode tasks = albi.get("/api/tasks?candidacy=" + id);
		assertThat(candidacy.get("documents").findValuesAsText("sha256")).containsExactly(sha256(charter), sha256(photo));
		assertThat(candidacy.get("history").findValuesAsText("outcome")).contains("REQUEST_CHANGES");
		assertThat(tasks.findValuesAsText("key")).containsExactly("SubmitCharter");

		assertThat(jalon.kill()).isEqualTo(KILLED_BY_SIGKILL);
		jalon.start();

		assertThat(albi.get("/api/candidacies/" + id)).isEqualTo(candidacy);
		assertThat(albi.get("/api/tasks?candidacy=" + id)).isEqualTo(tasks);
		JsonNode documents = candidacy.get("documents");
		assertThat(albi.bytes("/api/candidacies/" + id + "/documents/" + documents.get(0).get("id").asText()))
			.isEqualTo(charter);
		assertThat(albi.bytes("/api/candidacies/" + id + "/documents/" + documents.get(1).get("id").asText()))
			.isEqualTo(photo);

		// The engine resumed where it stood: the path goes on.
		albi.complete(tasks.get(0).get("id").asText(), Map.of("outcome", "SUBMIT"));
		JsonNode approved = ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE"));
		assertThat(approved.get("stage").asText()).isEqualTo("CONTRACT");
		assertThat(albi.task(id, "SubmitContract")).isNotBlank();
	}

	@Test
	void keepsEveryAnsweredOperationWhenKilledMidStream() throws Exception {
		jalon.start();
		JalonProcess.Account albi = jalon.as("mairie-albi");
		JalonProcess.Account ddt = jalon.as("ddt-81");
		Set<String> created = ConcurrentHashMap.newKeySet();
		Map<String, String> uploaded = new ConcurrentHashMap<>();
		Set<String> submitted = ConcurrentHashMap.newKeySet();
		AtomicInteger answered = new AtomicInteger();

		// A stream of submissions, uploads and completions, each recorded once answered 2xx.
		Thread stream = new Thread(() -> {
			try {
				for (int i = 0;; i++) {
					String id = albi.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004",
							"title", "Flux " + i))
						.get("id")
						.asText();
					created.add(id);
					answered.incrementAndGet();
					byte[] charter = Api.pdf("charte " + i);
					JsonNode document = albi.upload(id, "signed-charter", "charte.pdf", "application/pdf", charter);
					uploaded.put(document.get("id").asText(), sha256(charter));
					answered.incrementAndGet();
					albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
					submitted.add(id);
					answered.incrementAndGet();
				}
			}
			catch (Throwable stopped) {
				// the application was killed: the operation under way got no answer
			}
		});
		stream.start();
		Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> answered.get() >= 20);
		assertThat(jalon.kill()).isEqualTo(KILLED_BY_SIGKILL);
		stream.join(Duration.ofMinutes(1).toMillis());
		jalon.start();

		JsonNode candidacies = albi.get("/api/candidacies");
		assertThat(candidacies.findValuesAsText("id")).containsAll(created);
		for (JsonNode candidacy : candidacies) {
			String id = candidacy.get("id").asText();
			// Every document listed is whole.
			for (JsonNode document : candidacy.get("documents")) {
				byte[] bytes = albi.bytes("/api/candidacies/" + id + "/documents/" + document.get("id").asText());
				assertThat(sha256(bytes)).isEqualTo(document.get("sha256").asText());
			}
			// The candidacy and its process agree: exactly one open task, where its history says.
			boolean charterSubmitted = candidacy.get("history").findValuesAsText("event").contains("SubmitCharter");
			assertThat(albi.get("/api/tasks?candidacy=" + id).findValuesAsText("key"))
				.containsExactlyElementsOf(charterSubmitted ? List.of() : List.of("SubmitCharter"));
			assertThat(ddt.get("/api/tasks?candidacy=" + id).findValuesAsText("key"))
				.containsExactlyElementsOf(charterSubmitted ? List.of("VerifyCharter") : List.of());
			if (submitted.contains(id)) {
				assertThat(charterSubmitted).as("answered completion of " + id).isTrue();
			}
		}
		assertThat(candidacies.findValues("documents")
			.stream()
			.flatMap(documents -> documents.findValuesAsText("id").stream())
			.toList()).containsAll(uploaded.keySet());
	}

	/** A real 2×2 PNG image. */
	private static byte[] png() throws IOException {
		BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, Color.GREEN.getRGB());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, "png", bytes);
		return bytes.toByteArray();
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
