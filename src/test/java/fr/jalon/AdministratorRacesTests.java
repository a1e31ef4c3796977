package fr.jalon;

import static fr.jalon.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.security.JalonUser;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Administrators' writes raced by two requests released together, each race repeated: the same account,
 * the same referential version number (through the API or the page), the same programme created twice at
 * once give one 201 and one 409, the winner's content stored; two versions published at once leave exactly one {@code PUBLISHED}. Never a
 * 500, never a silent overwrite. Programmes and accounts of their own, so that the database may be shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=administrator-races")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AdministratorRacesTests {

	private static final int ROUNDS = 20;

	private static final MediaType YAML = MediaType.parseMediaType("application/yaml");


	@Autowired
	TestRestTemplate http;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Test
	void theSameAccountCreatedTwiceAtOnceIsCreatedOnce() throws Exception {
		Api admin = as("admin");
		Api adminAgain = as("admin");
		String prefix = "course-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		for (int round = 0; round < ROUNDS; round++) {
			String username = prefix + round;
			Map<String, Object> albi = Map.of("username", username, "password", "albi-mot-de-passe-" + round,
					"role", "COLLECTIVITE", "scope", "81004");
			Map<String, Object> rodez = Map.of("username", username, "password", "rodez-mot-de-passe-" + round,
					"role", "COLLECTIVITE", "scope", "12202");

			List<ResponseEntity<JsonNode>> answers = Together.run(() -> admin.post("/api/accounts", albi),
					() -> adminAgain.post("/api/accounts", rodez));

			int winner = oneCreatedOneConflict(answers, "round " + round);
			Map<String, Object> won = winner == 0 ? albi : rodez;
			JsonNode stored = StreamSupport.stream(admin.get("/api/accounts?size=500").getBody().spliterator(), false)
				.filter(account -> account.get("username").asText().equals(username))
				.toList()
				.get(0);
			assertThat(stored.get("scope").asText()).as("round %d: the winner's scope", round).isEqualTo(won.get("scope"));
			// The winner's password (the loser's is not tried: failed sign-ins would count against this address).
			assertThat(signedIn(username, (String) won.get("password"))).as("round %d: the winner's password", round)
				.isEqualTo(HttpStatus.OK);
		}
	}

	@Test
	void theSameVersionNumberCreatedTwiceAtOnceKeepsTheWinnersContent() throws Exception {
		Api admin = as("admin");
		Api adminAgain = as("admin");
		String programme = deployed();
		for (int round = 0; round < ROUNDS; round++) {
			int number = round + 2;
			String first = draft(programme, number, "Contenu A, tour " + round);
			String second = draft(programme, number, "Contenu B, tour " + round);

			List<ResponseEntity<JsonNode>> answers = Together.run(() -> admin.postRaw(versions(programme), first, YAML),
					() -> adminAgain.postRaw(versions(programme), second, YAML));

			int winner = oneCreatedOneConflict(answers, "round " + round);
			JsonNode stored = admin.get(versions(programme) + "/" + number).getBody();
			assertThat(stored.get("title").asText()).as("round %d: the winner's content", round)
				.isEqualTo("Contenu " + (winner == 0 ? "A" : "B") + ", tour " + round);
			assertThat(statuses(programme)).as("round %d", round).hasSize(number);
		}
	}

	/** The same, through the administrators' page: the one stored redirects to it, the other is a 409 page. */
	@Test
	void theSameVersionNumberSentTwiceAtOnceThroughThePageKeepsTheWinnersContent() throws Exception {
		String programme = deployed();
		JalonUser admin = (JalonUser) users.loadUserByUsername("admin");
		for (int round = 0; round < ROUNDS; round++) {
			int number = round + 2;
			String first = draft(programme, number, "Page A, tour " + round);
			String second = draft(programme, number, "Page B, tour " + round);

			List<MockHttpServletResponse> answers = Together.run(() -> sendThroughThePage(admin, programme, first),
					() -> sendThroughThePage(admin, programme, second));

			String round_ = "round " + round;
			assertThat(answers.stream().map(MockHttpServletResponse::getStatus)).as(round_)
				.containsExactlyInAnyOrder(302, 409);
			int winner = answers.get(0).getStatus() == 302 ? 0 : 1;
			assertThat(answers.get(winner).getRedirectedUrl())
				.isEqualTo("/administration/referentiels/" + programme + "/versions/" + number);
			assertThat(answers.get(1 - winner).getContentAsString()).as(round_)
				.containsAnyOf("existe déjà, avec un autre contenu", "vient d'être enregistrée", "en même temps")
				.doesNotContain("Exception");
			assertThat(as("admin").get(versions(programme) + "/" + number).getBody().get("title").asText()).as(round_)
				.isEqualTo("Page " + (winner == 0 ? "A" : "B") + ", tour " + round);
		}
	}

	@Test
	void twoDraftsPublishedAtOnceLeaveOnePublished() throws Exception {
		Api admin = as("admin");
		Api adminAgain = as("admin");
		String programme = deployed();
		int published = 0;
		for (int round = 0; round < ROUNDS; round++) {
			int a = 2 * round + 2;
			int b = a + 1;
			for (int number : List.of(a, b)) {
				ResponseEntity<JsonNode> created = admin.postRaw(versions(programme),
						draft(programme, number, "Brouillon " + number), YAML);
				assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
			}

			List<ResponseEntity<JsonNode>> answers = Together.run(
					() -> admin.post(versions(programme) + "/" + a + "/publish", Map.of()),
					() -> adminAgain.post(versions(programme) + "/" + b + "/publish", Map.of()));

			String round_ = "round " + round + ": " + answers;
			List<HttpStatus> statuses = statusesOf(answers);
			assertThat(statuses).as(round_).isSubsetOf(HttpStatus.OK, HttpStatus.CONFLICT).contains(HttpStatus.OK);
			answers.stream()
				.filter(answer -> answer.getStatusCode() == HttpStatus.CONFLICT)
				.forEach(answer -> assertProblem(answer, HttpStatus.CONFLICT));
			List<String> all = statuses(programme);
			assertThat(all.stream().filter("PUBLISHED"::equals)).as(round_ + " " + all).hasSize(1);
			int inUse = admin.get("/api/referentials/" + programme).getBody().get("version").asInt();
			assertThat(inUse).as(round_).isIn(a, b);
			assertThat(answers.get(inUse == a ? 0 : 1).getStatusCode()).as(round_).isEqualTo(HttpStatus.OK);
			assertThat(all.get(0)).as(round_).isEqualTo("RETIRED");
			published += statuses.stream().filter(HttpStatus.OK::equals).count() == 2 ? 1 : 0;
		}
		System.out.println("Two drafts published at once: " + published + " round(s) of " + ROUNDS
				+ " both published one after the other, the others one refused 409");
	}

	/**
	 * A new programme deployed twice at once: one 201 and one 409 when the two collide, or two 201 when the
	 * second came after the first (the same documents again: nothing new). Never a 500; one referential
	 * version, published, and one process version. Then its next two versions at once: one published.
	 */
	@Test
	void theSameProgrammeDeployedTwiceAtOnceIsDeployedOnce() throws Exception {
		int collided = 0;
		for (int round = 0; round < ROUNDS; round++) {
			String programme = newProgramme();
			String process = Jardins.process(programme);
			String referential = Jardins.referential(programme);

			List<ResponseEntity<JsonNode>> answers = Together.run(() -> deploy(process, referential),
					() -> deploy(process, referential));

			String round_ = "round " + round + ": " + answers;
			List<HttpStatus> statuses = statusesOf(answers);
			assertThat(statuses).as(round_).isSubsetOf(HttpStatus.CREATED, HttpStatus.CONFLICT).contains(HttpStatus.CREATED);
			answers.stream()
				.filter(answer -> answer.getStatusCode() == HttpStatus.CONFLICT)
				.forEach(answer -> assertProblem(answer, HttpStatus.CONFLICT));
			collided += statuses.contains(HttpStatus.CONFLICT) ? 1 : 0;
			assertThat(statuses(programme)).as(round_).containsExactly("PUBLISHED");
			assertThat(as("admin").get("/api/programmes/" + programme).getBody().get("version").asInt())
				.as(round_ + ": the same process, deployed once")
				.isEqualTo(1);

			// Its next two versions deployed at once: one after the other, or one refused; one in use.
			List<ResponseEntity<JsonNode>> next = Together.run(
					() -> deploy(process, referential.replace("version: 1", "version: 2")),
					() -> deploy(process, referential.replace("version: 1", "version: 3")));
			round_ = "round " + round + ": " + next;
			assertThat(statusesOf(next)).as(round_).isSubsetOf(HttpStatus.CREATED, HttpStatus.CONFLICT)
				.contains(HttpStatus.CREATED);
			assertThat(statuses(programme).stream().filter("PUBLISHED"::equals)).as(round_).hasSize(1);
		}
		System.out.println("A new programme deployed twice at once: " + collided + " round(s) of " + ROUNDS
				+ " one refused 409, the others deployed one after the other");
	}

	// --- helpers

	/** Exactly one 201 and one 409 problem: the index of the 201. */
	private static int oneCreatedOneConflict(List<ResponseEntity<JsonNode>> answers, String round) {
		assertThat(statusesOf(answers)).as("%s: %s", round, answers)
			.containsExactlyInAnyOrder(HttpStatus.CREATED, HttpStatus.CONFLICT);
		answers.stream()
			.filter(answer -> answer.getStatusCode() == HttpStatus.CONFLICT)
			.forEach(answer -> assertProblem(answer, HttpStatus.CONFLICT));
		return answers.get(0).getStatusCode() == HttpStatus.CREATED ? 0 : 1;
	}

	private static List<HttpStatus> statusesOf(List<ResponseEntity<JsonNode>> answers) {
		return answers.stream().map(answer -> HttpStatus.valueOf(answer.getStatusCode().value())).toList();
	}

	private MockHttpServletResponse sendThroughThePage(JalonUser admin, String programme, String source)
			throws Exception {
		return mvc
			.perform(multipart("/administration/referentiels/" + programme + "/versions").param("source", source)
				.with(csrf())
				.with(user(admin)))
			.andReturn()
			.getResponse();
	}

	private Api as(String username) {
		return new Api(http, username);
	}

	private HttpStatus signedIn(String username, String password) {
		return HttpStatus.valueOf(new Api(http.withBasicAuth(username, password), null).get("/api/programmes")
			.getStatusCode()
			.value());
	}

	private static String newProgramme() {
		return "course-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** A programme of this test's own, deployed: its referential at version 1. */
	private String deployed() {
		String programme = newProgramme();
		ResponseEntity<JsonNode> deployed = deploy(Jardins.process(programme),
				Jardins.referential(programme));
		assertThat(deployed.getStatusCode()).as("%s", deployed.getBody()).isEqualTo(HttpStatus.CREATED);
		return programme;
	}

	private ResponseEntity<JsonNode> deploy(String process, String referential) {
		return Jardins.deploy(http, "admin", process, referential);
	}

	/** The programme's referential as a draft of that number and title. */
	private static String draft(String programme, int number, String title) {
		return Jardins.referential(programme)
			.replace("version: 1", "version: " + number)
			.replaceFirst("(?m)^title: .*$", "title: \"" + title + "\"");
	}

	private static String versions(String programme) {
		return "/api/referentials/" + programme + "/versions";
	}

	/** The statuses of the programme's versions, by number. */
	private List<String> statuses(String programme) {
		return as("admin").get(versions(programme)).getBody().findValuesAsText("status");
	}

}
