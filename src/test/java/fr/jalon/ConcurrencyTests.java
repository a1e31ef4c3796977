package fr.jalon;

import static fr.jalon.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Real threads against the running application: requests released together by a barrier, each
 * race repeated, so that a lost update or a half-done state would show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=concurrency")
@ActiveProfiles("test")
class ConcurrencyTests {

	private static final int ROUNDS = 10;


	@Autowired
	TestRestTemplate http;

	/** Two experts of the national pool complete the same expertise at once: one wins, the other gets 409. */
	@Test
	void twoExpertsCompletingTheSameTaskAtOnce() throws Exception {
		Api expert1 = as("expert-1");
		Api expert2 = as("expert-2");
		Api admin = as("admin");
		for (int round = 0; round < ROUNDS; round++) {
			String id = contractSubmitted("Course des experts " + round);
			String task = expert1.task(id, "AssessAsCoordinatingExpert");
			assertThat(expert2.task(id, "AssessAsCoordinatingExpert")).isEqualTo(task);
			Map<String, Object> body = Map.of("outcome", "SUBMIT", "assessment", assessment("SATISFACTORY"));

			List<ResponseEntity<JsonNode>> answers = Together.run(() -> expert1.complete(task, body),
					() -> expert2.complete(task, body));

			assertOneWinnerOneConflict(answers, "round " + round);
			String winner = answers.get(0).getStatusCode() == HttpStatus.OK ? "expert-1" : "expert-2";
			JsonNode candidacy = admin.get("/api/candidacies/" + id).getBody();
			List<JsonNode> steps = history(candidacy, "AssessAsCoordinatingExpert");
			assertThat(steps).as("round %d: one history entry for the step", round).hasSize(1);
			assertThat(steps.get(0).get("actor").asText()).isEqualTo(winner);
			// The process moved on once: only the second expertise is left, once, and the winner may not take it.
			assertThat(openTaskKeys(admin, id)).as("round %d", round).containsExactly("AssessAsSecondExpert");
			Api loser = as(winner.equals("expert-1") ? "expert-2" : "expert-1");
			assertThat(loser.task(id, "AssessAsSecondExpert")).isNotBlank();
			assertThat(as(winner).tasks(id)).isEmpty();
		}
	}

	/** The same DDT account sends its approval twice at once (a double click): the charter is verified once. */
	@Test
	void theSameApprovalSentTwiceAtOnce() throws Exception {
		Api albi = as("mairie-albi");
		Api ddt = as("ddt-81");
		Api ddtAgain = as("ddt-81");
		Api admin = as("admin");
		for (int round = 0; round < ROUNDS; round++) {
			String id = submitted(albi, "Double clic " + round);
			albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte " + round));
			assertThat(albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
				.isEqualTo(HttpStatus.OK);
			String task = ddt.task(id, "VerifyCharter");
			Map<String, Object> body = Map.of("outcome", "APPROVE");

			List<ResponseEntity<JsonNode>> answers = Together.run(() -> ddt.complete(task, body),
					() -> ddtAgain.complete(task, body));

			assertOneWinnerOneConflict(answers, "round " + round);
			JsonNode candidacy = admin.get("/api/candidacies/" + id).getBody();
			assertThat(candidacy.get("stage").asText()).isEqualTo("CONTRACT");
			assertThat(history(candidacy, "VerifyCharter")).hasSize(1);
			assertThat(history(candidacy, "STAGE_ENTERED").stream().map(e -> e.get("stage").asText()).toList())
				.containsExactly("CHARTER", "CONTRACT");
			assertThat(openTaskKeys(admin, id)).containsExactly("SubmitContract");
		}
	}

	/**
	 * The collectivité withdraws while it hands its charter in: either the withdrawal came first (the
	 * submission is refused 409, nothing of it remains), or the submission came first and the
	 * withdrawal after it (both 200), or they collided and the later one was refused 409. Never a
	 * closed candidacy with an open task, nor an open one without.
	 */
	@Test
	void aWithdrawalRacingACompletion() throws Exception {
		Api albi = as("mairie-albi");
		Api albiAgain = as("mairie-albi");
		Api admin = as("admin");
		int bothSucceeded = 0;
		int oneRefused = 0;
		for (int round = 0; round < ROUNDS; round++) {
			String id = submitted(albi, "Retrait en course " + round);
			albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte " + round));
			String task = albi.task(id, "SubmitCharter");

			List<ResponseEntity<JsonNode>> answers = Together.run(
					() -> albi.complete(task, Map.of("outcome", "SUBMIT")),
					() -> albiAgain.post("/api/candidacies/" + id + "/withdraw", Map.of("comment", "Projet abandonné")));

			ResponseEntity<JsonNode> completion = answers.get(0);
			ResponseEntity<JsonNode> withdrawal = answers.get(1);
			String round_ = "round " + round + ": completion " + completion.getStatusCode() + " "
					+ completion.getBody() + ", withdrawal " + withdrawal.getStatusCode() + " " + withdrawal.getBody();
			assertThat(List.of(completion.getStatusCode(), withdrawal.getStatusCode())).as(round_)
				.isSubsetOf(HttpStatus.OK, HttpStatus.CONFLICT);
			assertThat(completion.getStatusCode() == HttpStatus.OK || withdrawal.getStatusCode() == HttpStatus.OK)
				.as(round_)
				.isTrue();
			for (ResponseEntity<JsonNode> answer : answers) {
				if (answer.getStatusCode() == HttpStatus.CONFLICT) {
					assertProblem(answer, HttpStatus.CONFLICT);
				}
			}

			JsonNode candidacy = admin.get("/api/candidacies/" + id).getBody();
			List<String> open = openTaskKeys(admin, id);
			int submissions = history(candidacy, "SubmitCharter").size();
			int withdrawals = history(candidacy, "WITHDRAWN").size();
			if (withdrawal.getStatusCode() == HttpStatus.OK) {
				assertThat(candidacy.get("status").asText()).as(round_).isEqualTo("WITHDRAWN");
				assertThat(open).as(round_).isEmpty();
				assertThat(withdrawals).as(round_).isEqualTo(1);
				assertThat(submissions).as(round_).isEqualTo(completion.getStatusCode() == HttpStatus.OK ? 1 : 0);
				if (completion.getStatusCode() == HttpStatus.OK) {
					bothSucceeded++;
					List<String> events = events(candidacy);
					assertThat(events.indexOf("SubmitCharter")).as(round_).isLessThan(events.indexOf("WITHDRAWN"));
				}
				else {
					oneRefused++;
				}
			}
			else {
				oneRefused++;
				assertThat(candidacy.get("status").asText()).as(round_).isEqualTo("IN_PROGRESS");
				assertThat(withdrawals).as(round_).isZero();
				assertThat(submissions).as(round_).isEqualTo(1);
				assertThat(open).as(round_).containsExactly("VerifyCharter");
			}
		}
		assertThat(bothSucceeded + oneRefused).isEqualTo(ROUNDS);
		System.out.println("Withdrawal racing a completion: " + bothSucceeded + " round(s) both succeeded one after the other, "
				+ oneRefused + " round(s) one was refused 409");
	}

	/** Eight documents uploaded at once to one dossier: every one is kept, with its own digest. */
	@Test
	void parallelUploadsKeepEveryDocument() throws Exception {
		Api albi = as("mairie-albi");
		for (int round = 0; round < 3; round++) {
			String id = submitted(albi, "Téléversements " + round);
			List<byte[]> files = new ArrayList<>();
			List<Callable<ResponseEntity<JsonNode>>> uploads = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				byte[] file = Api.pdf("pièce " + round + "-" + i);
				files.add(file);
				Api client = as("mairie-albi");
				String name = "piece-" + i + ".pdf";
				uploads.add(() -> client.upload(id, "photo", name, file));
			}

			List<ResponseEntity<JsonNode>> answers = Together.run(uploads);

			assertThat(answers).as("round %d: %s", round, answers)
				.allSatisfy(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED));
			Set<String> expected = files.stream().map(ConcurrencyTests::sha256).collect(Collectors.toSet());
			assertThat(answers.stream().map(answer -> answer.getBody().get("sha256").asText()).collect(Collectors.toSet()))
				.isEqualTo(expected);
			JsonNode candidacy = albi.get("/api/candidacies/" + id).getBody();
			assertThat(candidacy.get("documents")).hasSize(8);
			assertThat(candidacy.get("documents").findValuesAsText("sha256")).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(history(candidacy, "DOCUMENT_UPLOADED")).hasSize(8);
			for (JsonNode document : candidacy.get("documents")) {
				byte[] bytes = albi.bytes("/api/candidacies/" + id + "/documents/" + document.get("id").asText()).getBody();
				assertThat(sha256(bytes)).isEqualTo(document.get("sha256").asText());
			}
		}
	}

	// --- helpers

	private static void assertOneWinnerOneConflict(List<ResponseEntity<JsonNode>> answers, String round) {
		List<HttpStatus> statuses = answers.stream().map(answer -> HttpStatus.valueOf(answer.getStatusCode().value())).toList();
		assertThat(statuses).as("%s: %s", round, answers).containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
		answers.stream()
			.filter(answer -> answer.getStatusCode() == HttpStatus.CONFLICT)
			.forEach(answer -> assertProblem(answer, HttpStatus.CONFLICT));
	}

	private Api as(String username) {
		return new Api(http, username);
	}

	private String submitted(Api collectivite, String title) {
		ResponseEntity<JsonNode> created = collectivite.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004", "title", title));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return created.getBody().get("id").asText();
	}

	/** A candidacy of Albi whose contract dossier is handed in, awaiting both expertises. */
	private String contractSubmitted(String title) {
		Api albi = as("mairie-albi");
		Api ddt = as("ddt-81");
		String id = submitted(albi, title);
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		assertThat(albi.complete(albi.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		ResponseEntity<JsonNode> contract = albi.complete(albi.task(id, "SubmitContract"),
				Map.of("outcome", "SUBMIT", "assessment", assessment("PARTIAL"), "indicators", targets(10.0)));
		assertThat(contract.getStatusCode()).as("%s", contract.getBody()).isEqualTo(HttpStatus.OK);
		return id;
	}

	private JsonNode referential;

	private JsonNode referential() {
		if (referential == null) {
			referential = as("admin").get("/api/referentials/ecoquartier").getBody();
		}
		return referential;
	}

	private Map<String, Object> assessment(String level) {
		Map<String, Object> assessment = new LinkedHashMap<>();
		referential().findValues("criteria")
			.stream()
			.flatMap(list -> StreamSupport.stream(list.spliterator(), false))
			.forEach(criterion -> assessment.put(criterion.get("id").asText(),
					Map.of("level", level, "comment", "Réponse.")));
		return assessment;
	}

	private Map<String, Object> targets(double value) {
		Map<String, Object> indicators = new LinkedHashMap<>();
		referential().findValues("indicators")
			.stream()
			.flatMap(list -> StreamSupport.stream(list.spliterator(), false))
			.forEach(indicator -> indicators.put(indicator.get("id").asText(), Map.of("target", value)));
		return indicators;
	}

	private static List<String> openTaskKeys(Api admin, String candidacyId) {
		return admin.tasks(candidacyId).stream().map(task -> task.get("key").asText()).toList();
	}

	private static List<JsonNode> history(JsonNode candidacy, String event) {
		return StreamSupport.stream(candidacy.get("history").spliterator(), false)
			.filter(entry -> entry.get("event").asText().equals(event))
			.toList();
	}

	private static List<String> events(JsonNode candidacy) {
		return StreamSupport.stream(candidacy.get("history").spliterator(), false)
			.map(entry -> entry.get("event").asText())
			.toList();
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
