package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the packaged jar on one PostgreSQL server, as a ministry runs them behind a load balancer: started
 * at the same moment on an empty database; every shipped programme driven to its end by several clients, each
 * request sent to the next node in turn; node A killed with SIGKILL half-way, then restarted. Every candidacy ends
 * in its expected status, no request is answered 5xx, and every asynchronous job and timer ran exactly once (the
 * counts are printed). Then what must not live in one node's memory: a page session, the login throttle, readiness,
 * a new referential version.
 * <p>
 * Run by {@code .ci/cluster} (profile {@code cluster}), which starts the PostgreSQL server and passes its JDBC URL
 * ({@code JALON_CLUSTER_DB_URL}) and a script that stops and starts it ({@code JALON_CLUSTER_PGCTL stop|start}).
 * {@code -Dcluster.candidacies=N} changes the number of candidacies per programme (200 by default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

	private static final int CANDIDACIES = Integer.getInteger("cluster.candidacies", 200);

	private static final int CLIENTS = 4;

	/** PVD candidacies are announced together, a campaign at a time. */
	private static final int PER_CAMPAIGN = 10;

	private static final Duration START = Duration.ofMinutes(8);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String KEYSTORE_PASSWORD = "cluster-signature";

	/** Each programme: its collectivité, the accounts that act on it (collectivité first), its expected end. */
	private static final Map<String, Programme> PROGRAMMES = Map.of( //
			"ecoquartier", new Programme("ecoquartier", "mairie-albi", "81004", "LABELLED",
					List.of("mairie-albi", "ddt-81", "expert-1", "expert-2", "commission-occitanie",
							"commission-nationale")),
			"pvd", new Programme("pvd", "mairie-sault", "84123", "ENGAGED",
					List.of("mairie-sault", "prefet-84", "prefet-region-93")),
			"vpah", new Programme("vpah", "pays-midi-quercy", null, "LABELLED",
					List.of("pays-midi-quercy", "drac-76", "crpa-76", "prefet-region-76")));

	private static final String SAULT_EPCI = "200035723";

	record Programme(String id, String collectivite, String code, String expected, List<String> actors) {
	}

	@TempDir
	static Path dir;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final long began = System.nanoTime();

	private String dbUrl;

	private Path pgctl;

	private boolean databaseStopped;

	private JalonProcess a;

	private JalonProcess b;

	private Balancer balancer;

	private final Map<String, JsonNode> referentials = new ConcurrentHashMap<>();

	private final Map<String, String> codes = new ConcurrentHashMap<>();

	/** What the drive saw, for the later tests: the page session's answer on B once A was killed. */
	private String sessionOnB;

	private String sessionOnA;

	@RegisterExtension
	AfterTestExecutionCallback printLogsOnFailure = context -> context.getExecutionException().ifPresent(failure -> {
		for (JalonProcess node : new JalonProcess[] { a, b }) {
			if (node != null) {
				System.err.println("--- end of the log of node " + (node == a ? "A" : "B") + "\n" + node.logTail(80));
			}
		}
	});

	@BeforeAll
	void configure() throws Exception {
		dbUrl = System.getenv("JALON_CLUSTER_DB_URL");
		String script = System.getenv("JALON_CLUSTER_PGCTL");
		assertThat(dbUrl).as("JALON_CLUSTER_DB_URL: run this suite through .ci/cluster").isNotBlank();
		assertThat(script).as("JALON_CLUSTER_PGCTL: run this suite through .ci/cluster").isNotBlank();
		pgctl = Path.of(script);
		Path keystore = dir.resolve("signature.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "jalon", "-keyalg", "RSA", "-keysize", "3072", "-sigalg", "SHA256withRSA",
				"-dname", "CN=Jalon, O=Jalon, C=FR", "-validity", "3650", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
			.redirectErrorStream(true)
			.start();
		String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor()).as("keytool: %s", said).isZero();
		a = node("a", keystore);
		b = node("b", keystore);
		balancer = new Balancer(a, b);
	}

	private JalonProcess node(String name, Path keystore) throws IOException {
		Path work = Files.createDirectories(dir.resolve(name));
		return new JalonProcess(Path.of(System.getProperty("jalon.jar")), work,
				List.of("--spring.profiles.active=postgresql", "--jalon.certificates.keystore=" + keystore,
						"--jalon.certificates.keystore-password=" + KEYSTORE_PASSWORD),
				Map.of("JALON_DB_URL", dbUrl, "JALON_DB_USER", "jalon", "JALON_DB_PASSWORD", "jalon"));
	}

	@AfterAll
	void stopNodes() throws Exception {
		try {
			if (databaseStopped) {
				pg("start");
			}
		}
		finally {
			if (a != null) {
				a.stop();
			}
			if (b != null) {
				b.stop();
			}
		}
	}

	// --- 1. start-up

	@Test
	@Order(1)
	void startsBothNodesAtTheSameTimeOnAnEmptyDatabase() throws Exception {
		try (Connection db = database(); ResultSet tables = db.getMetaData().getTables(null, "public", "%", null)) {
			assertThat(tables.next()).as("an empty database").isFalse();
		}
		a.launch();
		b.launch();
		a.awaitReady(START);
		b.awaitReady(START);
		try (Connection db = database()) {
			assertThat(count(db, "select count(*) from campaign where programme = 'pvd' and region = '93'"))
				.as("the demo campaign, opened once").isEqualTo(1);
			assertThat(count(db, "select count(*) from referential_version")).as("a referential per programme")
				.isEqualTo(PROGRAMMES.size());
		}
		assertThat(dir.resolve("a/data/certificate-signing.p12")).as("node A signs with the shared keystore")
			.doesNotExist();
		assertThat(dir.resolve("b/data/certificate-signing.p12")).as("node B signs with the shared keystore")
			.doesNotExist();
		System.out.printf("ClusterIT: both nodes ready %d s after they were started together%n",
				Duration.ofNanos(System.nanoTime() - began).toSeconds());
	}

	// --- 2. the drive

	private final AtomicInteger finished = new AtomicInteger();

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	@Test
	@Order(2)
	void drivesEveryProgrammeThroughBothNodesAcrossTheKillOfOne() throws Exception {
		requireNodes();
		for (Programme programme : PROGRAMMES.values()) {
			referentials.put(programme.id(),
					balancer.send(programme.collectivite(), "GET", "/api/referentials/" + programme.id()).json());
		}
		codes.put("vpah", balancer.send("pays-midi-quercy", "GET", "/api/collectivites?q=Midi-Quercy").json()
			.get(0).get("code").asText());
		NodeSession session = new NodeSession("mairie-rodez");
		sessionOnA = session.open(a);

		List<Runnable> units = new ArrayList<>();
		int campaigns = (CANDIDACIES + PER_CAMPAIGN - 1) / PER_CAMPAIGN;
		for (int i = 0; i < Math.max(CANDIDACIES, campaigns); i++) {
			int n = i;
			if (i < CANDIDACIES) {
				units.add(() -> candidacy(PROGRAMMES.get("ecoquartier"), n));
				units.add(() -> candidacy(PROGRAMMES.get("vpah"), n));
			}
			if (i < campaigns) {
				units.add(() -> campaign(n, Math.min(PER_CAMPAIGN, CANDIDACIES - n * PER_CAMPAIGN)));
			}
		}
		int total = CANDIDACIES * PROGRAMMES.size();
		long driveBegan = System.nanoTime();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		units.forEach(unit -> clients.submit(() -> {
			try {
				unit.run();
			}
			catch (Throwable failure) {
				failures.add(String.valueOf(failure));
			}
		}));
		clients.shutdown();

		await("half of the candidacies finished").atMost(Duration.ofMinutes(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> finished.get() >= total / 2 || clients.isTerminated());
		int finishedAtKill = finished.get();
		long killedAt = System.nanoTime();
		balancer.remove(a);
		int exit = a.kill();
		sessionOnB = session.page(b);
		a.launch();
		a.awaitReady(START);
		long restartTook = System.nanoTime() - killedAt;
		balancer.add(a);

		assertThat(clients.awaitTermination(90, TimeUnit.MINUTES)).as("the clients ended").isTrue();
		long driveTook = System.nanoTime() - driveBegan;
		Checks checks = awaitIdleThenCheck();

		String summary = String.format(
				"ClusterIT: candidacies %s; 5xx %d; certificates per candidacy %s; duplicated history events %d; "
						+ "jobs succeeded twice %d; incidents %d; jobs left %d; future timers %d; failed job executions %s; "
						+ "lost answers %d; requests %s; node A killed (exit %d) %d s into the drive, %d/%d candidacies "
						+ "finished, back in rotation %d s later; drive %d s; total %d s",
				checks.statuses, balancer.errors.size(), checks.certificates, checks.duplicatedEvents,
				checks.jobsTwice, checks.incidents, checks.jobsLeft, checks.futureTimers, checks.failedJobs,
				balancer.lost.get(), balancer.requests, exit,
				Duration.ofNanos(killedAt - driveBegan).toSeconds(), finishedAtKill, total,
				Duration.ofNanos(restartTook).toSeconds(), Duration.ofNanos(driveTook).toSeconds(),
				Duration.ofNanos(System.nanoTime() - began).toSeconds());
		System.out.println(summary);

		assertThat(failures).as("client failures; %s", summary).isEmpty();
		assertThat(balancer.errors).as("requests answered 5xx; %s", summary).isEmpty();
		for (Programme programme : PROGRAMMES.values()) {
			assertThat(checks.statuses.get(programme.id())).as("%s candidacies by status; %s", programme.id(), summary)
				.isEqualTo(Map.of(programme.expected(), CANDIDACIES));
			for (String kind : certificateKinds(programme.id())) {
				assertThat(checks.certificates.get(programme.id() + " " + kind))
					.as("%s certificates %s by count per candidacy; %s", programme.id(), kind, summary)
					.isEqualTo(Map.of(1, CANDIDACIES));
			}
		}
		assertThat(checks.duplicatedEvents).as("duplicated history events %s; %s", checks.duplicates, summary).isZero();
		assertThat(checks.jobsTwice).as("jobs that succeeded twice; %s", summary).isZero();
		assertThat(checks.incidents).as("open incidents %s; %s", checks.incidentMessages, summary).isZero();
		assertThat(checks.jobsLeft).as("jobs left behind; %s", summary).isZero();
	}

	/** One candidacy of a programme without campaigns, created and taken to its end. */
	private void candidacy(Programme programme, int n) {
		String id = create(programme, title(programme, n), null);
		String status = drive(programme, id, true);
		if (!status.equals(programme.expected())) {
			failures.add(programme.id() + " " + id + " ended " + status);
		}
		finished.incrementAndGet();
	}

	/** A PVD campaign: its candidacies taken to the announcement, announced together, then to their end. */
	private void campaign(int n, int size) {
		Programme pvd = PROGRAMMES.get("pvd");
		String title = "Cluster " + run + " campagne " + n;
		String campaign = createCampaign(title);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			ids.add(create(pvd, title(pvd, n * PER_CAMPAIGN + i), campaign));
		}
		for (String id : ids) {
			drive(pvd, id, false);
		}
		announce(campaign);
		for (String id : ids) {
			String status = drive(pvd, id, true);
			if (!status.equals(pvd.expected())) {
				failures.add("pvd " + id + " ended " + status);
			}
			finished.incrementAndGet();
		}
	}

	private String title(Programme programme, int n) {
		return "Cluster " + run + " " + programme.id() + " " + n;
	}

	private String create(Programme programme, String title, String campaign) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("programme", programme.id());
		body.put("collectivite", programme.code() != null ? programme.code() : codes.get(programme.id()));
		body.put("title", title);
		if (campaign != null) {
			body.put("partners", List.of(SAULT_EPCI));
			body.put("campaign", campaign);
		}
		for (int attempt = 0; attempt < 5; attempt++) {
			try {
				return balancer.send(programme.collectivite(), "POST", "/api/candidacies", body).expect(201).json()
					.get("id").asText();
			}
			catch (LostAnswer lost) {
				String found = findByTitle(programme, title);
				if (found != null) {
					return found;
				}
			}
		}
		throw new AssertionError("could not create " + title);
	}

	/** A candidacy by its unique title, as a client whose answer was lost finds it again. */
	private String findByTitle(Programme programme, String title) {
		for (int page = 0;; page++) {
			String path = "/api/candidacies?programme=" + programme.id() + "&size=500&page=" + page;
			Answer list = retrying(() -> balancer.send(programme.collectivite(), "GET", path).expect(200));
			for (JsonNode candidacy : list.json()) {
				if (candidacy.get("title").asText().equals(title)) {
					return candidacy.get("id").asText();
				}
			}
			if (list.json().size() < 500) {
				return null;
			}
		}
	}

	private String createCampaign(String title) {
		Map<String, Object> body = Map.of("programme", "pvd", "region", "93", "title", title, "closesAt",
				Instant.now().plus(30, ChronoUnit.DAYS).toString());
		for (int attempt = 0; attempt < 5; attempt++) {
			try {
				return balancer.send("admin", "POST", "/api/campaigns", body).expect(201).json().get("id").asText();
			}
			catch (LostAnswer lost) {
				for (JsonNode campaign : retrying(
						() -> balancer.send("admin", "GET", "/api/campaigns?programme=pvd&size=500").expect(200))
					.json()) {
					if (campaign.get("title").asText().equals(title)) {
						return campaign.get("id").asText();
					}
				}
			}
		}
		throw new AssertionError("could not open the campaign " + title);
	}

	private void announce(String campaign) {
		for (int attempt = 0; attempt < 5; attempt++) {
			try {
				balancer.send("prefet-region-93", "POST", "/api/campaigns/" + campaign + "/announce", Map.of())
					.expect(200);
				return;
			}
			catch (LostAnswer lost) {
				JsonNode read = retrying(() -> balancer.send("admin", "GET", "/api/campaigns/" + campaign).expect(200))
					.json();
				if (read.hasNonNull("announcedAt")) {
					return;
				}
			}
		}
		throw new AssertionError("could not announce " + campaign);
	}

	/**
	 * Takes a candidacy on, reading its state and its actors' open tasks again before each step, until it ends (or,
	 * if {@code pastAnnouncement} is false, reaches its campaign's announcement); answers its status then.
	 */
	private String drive(Programme programme, String id, boolean pastAnnouncement) {
		JsonNode referential = referentials.get(programme.id());
		int next = 0;
		JsonNode known = null;
		for (int step = 0; step < 80; step++) {
			JsonNode candidacy = known;
			known = null;
			if (candidacy == null) {
				try {
					candidacy = balancer.send(programme.collectivite(), "GET", "/api/candidacies/" + id).expect(200)
						.json();
				}
				catch (LostAnswer lost) {
					continue;
				}
			}
			String status = candidacy.get("status").asText();
			if (!status.equals("IN_PROGRESS")) {
				return status;
			}
			if (!pastAnnouncement && candidacy.get("stage").asText().equals("ANNOUNCEMENT")) {
				return "ANNOUNCEMENT";
			}
			boolean acted = false;
			try {
				for (int probe = 0; probe < programme.actors().size() && !acted; probe++) {
					int index = (next + probe) % programme.actors().size();
					String actor = programme.actors().get(index);
					JsonNode tasks = balancer.send(actor, "GET", "/api/tasks?candidacy=" + id).expect(200).json();
					if (tasks.size() > 0) {
						// One task, then the state again: an expert offered both expertises may only take one.
						known = complete(actor, candidacy, tasks.get(0), referential);
						acted = true;
						next = index + 1;
					}
				}
			}
			catch (LostAnswer lost) {
				continue;
			}
			if (!acted) {
				// Between two steps (the engine's transaction of the previous one): wait for a task or an end.
				awaitWork(programme, id, pastAnnouncement);
			}
		}
		throw new AssertionError(programme.id() + " " + id + " did not end in 80 steps");
	}

	private void awaitWork(Programme programme, String id, boolean pastAnnouncement) {
		await(programme.id() + " " + id + ": a task or an end").atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptionsInstanceOf(LostAnswer.class)
			.until(() -> {
				JsonNode candidacy = balancer.send(programme.collectivite(), "GET", "/api/candidacies/" + id)
					.expect(200)
					.json();
				if (!candidacy.get("status").asText().equals("IN_PROGRESS")
						|| !pastAnnouncement && candidacy.get("stage").asText().equals("ANNOUNCEMENT")) {
					return true;
				}
				for (String actor : programme.actors()) {
					if (balancer.send(actor, "GET", "/api/tasks?candidacy=" + id).expect(200).json().size() > 0) {
						return true;
					}
				}
				return false;
			});
	}

	/**
	 * Completes a task with what its step requires, read from the referential: its documents (those not uploaded
	 * yet), every criterion assessed, every indicator's target or value, its data. A 409 (the task was completed
	 * by a request whose answer was lost) and a 422 (its document's upload was lost) send the driver back to
	 * reading the state. Answers the candidacy after a completion, null after a 409 or a 422.
	 */
	private JsonNode complete(String actor, JsonNode candidacy, JsonNode task, JsonNode referential) {
		String key = task.get("key").asText();
		Set<String> uploaded = new HashSet<>(candidacy.get("documents").findValuesAsText("type"));
		Map<String, Object> body = new LinkedHashMap<>();
		List<String> outcomes = new ArrayList<>();
		task.get("outcomes").forEach(outcome -> outcomes.add(outcome.asText()));
		body.put("outcome", outcomes.contains("SUBMIT") ? "SUBMIT" : "APPROVE");
		body.put("comment", "Vu (suite cluster).");
		for (JsonNode rule : referential.get("stageRules")) {
			if (!rule.get("step").asText().equals(key)) {
				continue;
			}
			for (JsonNode type : rule.path("documents")) {
				if (!uploaded.contains(type.asText())) {
					upload(actor, candidacy.get("id").asText(), type.asText());
				}
			}
			Map<String, Object> data = new LinkedHashMap<>();
			for (JsonNode field : rule.path("fields")) {
				for (JsonNode declared : referential.get("fields")) {
					if (declared.get("id").asText().equals(field.asText())) {
						data.put(field.asText(), declared.get("type").asText().equals("boolean") ? true : 80_000);
					}
				}
			}
			if (!data.isEmpty()) {
				body.put("data", data);
			}
		}
		if (task.hasNonNull("assessmentSource")) {
			JsonNode scale = referential.get("scale");
			String top = scale.get(scale.size() - 1).get("id").asText();
			Map<String, Object> assessment = new LinkedHashMap<>();
			referential.findValues("criteria").forEach(criteria -> criteria.forEach(criterion -> assessment
				.put(criterion.get("id").asText(), Map.of("level", top, "comment", "Démontré."))));
			body.put("assessment", assessment);
		}
		if (task.hasNonNull("indicatorField")) {
			String field = task.get("indicatorField").asText();
			Map<String, Object> indicators = new LinkedHashMap<>();
			referential.findValues("indicators").forEach(list -> list.forEach(indicator -> indicators
				.put(indicator.get("id").asText(), Map.of(field, field.equals("target") ? 40.0 : 42.0))));
			body.put("indicators", indicators);
		}
		Answer done = balancer.send(actor, "POST", "/api/tasks/" + task.get("id").asText() + "/complete", body);
		if (done.status() != 200 && done.status() != 409 && done.status() != 422) {
			throw new AssertionError(key + " completed by " + actor + " answered " + done);
		}
		return done.status() == 200 ? done.json() : null;
	}

	private void upload(String actor, String id, String type) {
		String boundary = "jalon-" + UUID.randomUUID();
		balancer.send(actor, "POST", "/api/candidacies/" + id + "/documents",
				BodyPublishers.ofByteArray(Api.pdfUpload(boundary, type)), "multipart/form-data; boundary=" + boundary)
			.expect(201);
	}

	private static <T> T retrying(java.util.function.Supplier<T> call) {
		for (int attempt = 0;; attempt++) {
			try {
				return call.get();
			}
			catch (LostAnswer lost) {
				if (attempt == 5) {
					throw lost;
				}
			}
		}
	}

	// --- the end checks, on the database

	private static final class Checks {

		final Map<String, Map<String, Integer>> statuses = new TreeMap<>();

		final Map<String, Map<Integer, Integer>> certificates = new TreeMap<>();

		int duplicatedEvents;

		final List<String> duplicates = new ArrayList<>();

		int jobsTwice;

		int incidents;

		final List<String> incidentMessages = new ArrayList<>();

		int jobsLeft;

		int futureTimers;

		final Map<String, Integer> failedJobs = new TreeMap<>();

	}

	/** Once no job is due any more (both nodes idle), what the database holds. */
	private Checks awaitIdleThenCheck() throws SQLException {
		await("no due job left to run").atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> {
				try (Connection db = database()) {
					return count(db, "select count(*) from ACT_RU_JOB where RETRIES_ > 0"
							+ " and (DUEDATE_ is null or DUEDATE_ <= current_timestamp)") == 0;
				}
			});
		Checks checks = new Checks();
		String ours = "(select id from candidacy where title like 'Cluster " + run + " %')";
		try (Connection db = database(); Statement sql = db.createStatement()) {
			try (ResultSet rows = sql.executeQuery("select programme, status, count(*) from candidacy where id in "
					+ ours + " group by programme, status")) {
				while (rows.next()) {
					checks.statuses.computeIfAbsent(rows.getString(1), key -> new TreeMap<>())
						.put(rows.getString(2), rows.getInt(3));
				}
			}
			// For each candidacy and each kind its programme declares: how many certificates (0 when none).
			for (Programme programme : PROGRAMMES.values()) {
				for (String kind : certificateKinds(programme.id())) {
					try (ResultSet rows = sql.executeQuery("select (select count(*) from certificate c where"
							+ " c.candidacy_id = candidacy.id and c.kind = '" + kind + "') from candidacy where id in "
							+ ours + " and programme = '" + programme.id() + "'")) {
						Map<Integer, Integer> counts = checks.certificates
							.computeIfAbsent(programme.id() + " " + kind, key -> new TreeMap<>());
						while (rows.next()) {
							counts.merge(rows.getInt(1), 1, Integer::sum);
						}
					}
				}
			}
			// A straight path (no step sent back) records each event once: the same candidacy, stage, event, actor,
			// outcome and comment twice is a step or a job that ran twice.
			try (ResultSet rows = sql.executeQuery("select candidacy_id, stage, event, actor, outcome, count(*)"
					+ " from candidacy_event where candidacy_id in " + ours
					+ " group by candidacy_id, stage, event, actor, outcome, comment having count(*) > 1")) {
				while (rows.next()) {
					checks.duplicatedEvents += rows.getInt(6) - 1;
					if (checks.duplicates.size() < 10) {
						checks.duplicates.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
								+ rows.getString(4) + " " + rows.getString(5) + " ×" + rows.getInt(6));
					}
				}
			}
			// The engine's job log: a job that succeeded twice ran twice (JOB_STATE_ 2: successful, 1: failed).
			checks.jobsTwice = count(db, "select count(*) from (select JOB_ID_ from ACT_HI_JOB_LOG where JOB_STATE_ = 2"
					+ " group by JOB_ID_ having count(*) > 1) twice");
			try (ResultSet rows = sql.executeQuery("select JOB_EXCEPTION_MSG_ from ACT_HI_JOB_LOG where JOB_STATE_ = 1")) {
				while (rows.next()) {
					String message = String.valueOf(rows.getString(1));
					checks.failedJobs.merge(message.length() > 80 ? message.substring(0, 80) : message, 1, Integer::sum);
				}
			}
			try (ResultSet rows = sql.executeQuery("select INCIDENT_TYPE_, INCIDENT_MSG_ from ACT_RU_INCIDENT")) {
				while (rows.next()) {
					checks.incidents++;
					checks.incidentMessages.add(rows.getString(1) + ": " + rows.getString(2));
				}
			}
			checks.jobsLeft = count(db,
					"select count(*) from ACT_RU_JOB where DUEDATE_ is null or DUEDATE_ <= current_timestamp");
			checks.futureTimers = count(db, "select count(*) from ACT_RU_JOB where DUEDATE_ > current_timestamp");
		}
		return checks;
	}

	/** The certificate kinds a programme issues, as its referential declares them. */
	/**
	 * The kinds of certificate the drive's path grants: every one the programme declares but those granted by reaching
	 * another end status than the one the drive ends in (EcoQuartier's « confirmé », three years after the label).
	 */
	private static List<String> certificateKinds(String programme) {
		try {
			JsonNode referential = new ObjectMapper(new YAMLFactory())
				.readTree(Path.of("criteria", programme + ".yaml").toFile());
			List<String> statuses = referential.get("statuses").findValuesAsText("id");
			String expected = PROGRAMMES.get(programme).expected();
			List<String> kinds = new java.util.ArrayList<>();
			for (JsonNode certificate : referential.get("certificates")) {
				String event = certificate.path("grantedBy").path("event").asText();
				if (!statuses.contains(event) || event.equals(expected)) {
					kinds.add(certificate.get("kind").asText());
				}
			}
			return kinds;
		}
		catch (IOException ex) {
			throw new AssertionError("criteria/" + programme + ".yaml unreadable", ex);
		}
	}

	// --- 3. what must not live in one node's memory

	@Test
	@Order(3)
	void keepsAPageSessionSignedInOnNodeBOnceNodeAIsKilled() {
		assertThat(sessionOnA).as("the page session on node A, before the kill").startsWith("200");
		assertThat(sessionOnB).as("the same page session on node B, node A killed").startsWith("200");
	}

	@Test
	@Order(4)
	void throttlesOnNodeBAfterFiveFailedLoginsOnNodeA() throws Exception {
		requireNodes();
		for (int i = 0; i < 5; i++) {
			assertThat(direct(a, "mairie-monteux", "pas le bon", "GET", "/api/candidacies", null).status())
				.as("failed login %d on node A", i + 1).isEqualTo(401);
		}
		Answer locked = direct(b, "mairie-monteux", "demo", "GET", "/api/candidacies", null);
		assertThat(locked.status()).as("the right password on node B: %s", locked).isEqualTo(401);
		assertThat(locked.headers().firstValue("Retry-After")).as("Retry-After on node B: %s", locked).isPresent();
		assertThat(locked.json().path("detail").asText()).as("%s", locked).startsWith("Trop d'échecs de connexion");
	}

	@Test
	@Order(5)
	void servesAReferentialVersionPublishedOnNodeAAtOnceOnNodeB() throws Exception {
		requireNodes();
		ObjectNode next = (ObjectNode) direct(b, "admin", "demo", "GET", "/api/referentials/vpah", null).expect(200)
			.json();
		int version = 0;
		for (JsonNode summary : direct(b, "admin", "demo", "GET", "/api/referentials/vpah/versions", null).expect(200)
			.json()) {
			version = Math.max(version, summary.get("version").asInt());
		}
		version++;
		next.put("version", version).put("title", "Référentiel VPAH, version " + version + " (suite cluster)");
		direct(a, "admin", "demo", "POST", "/api/referentials/vpah/versions", next).expect(201);
		direct(a, "admin", "demo", "POST", "/api/referentials/vpah/versions/" + version + "/publish", Map.of())
			.expect(200);

		JsonNode served = direct(b, "pays-midi-quercy", "demo", "GET", "/api/referentials/vpah", null).expect(200)
			.json();
		assertThat(served.get("version").asInt()).as("the version node B serves").isEqualTo(version);
		JsonNode created = direct(b, "pays-midi-quercy", "demo", "POST", "/api/candidacies",
				Map.of("programme", "vpah", "collectivite", codes.get("vpah"), "title",
						"Cluster " + run + " après publication"))
			.expect(201)
			.json();
		assertThat(created.get("referentialVersion").asInt()).as("the version of a candidacy created on node B")
			.isEqualTo(version);
	}

	@Test
	@Order(6)
	void goesUnreadyOnBothNodesWhileTheDatabaseIsStopped() throws Exception {
		requireNodes();
		pg("stop");
		try {
			for (JalonProcess node : List.of(a, b)) {
				await("node " + name(node) + " unready while the database is stopped").atMost(Duration.ofMinutes(3))
					.pollInterval(Duration.ofSeconds(1))
					.ignoreExceptionsInstanceOf(IOException.class)
					.until(() -> probe(node), org.hamcrest.Matchers.equalTo(503));
			}
		}
		finally {
			pg("start");
		}
		for (JalonProcess node : List.of(a, b)) {
			await("node " + name(node) + " ready again once the database is back").atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> probe(node), org.hamcrest.Matchers.equalTo(200));
		}
	}

	@Test
	@Order(7)
	void findsOnNodeBTheDraftTypedOnNodeA() throws Exception {
		requireNodes();
		String candidacy = direct(a, "mairie-albi", "demo", "POST", "/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004", "title", "Cluster " + run + " brouillon"))
			.expect(201)
			.json()
			.get("id")
			.asText();
		String task = direct(a, "mairie-albi", "demo", "GET", "/api/tasks?candidacy=" + candidacy, null).expect(200)
			.json()
			.get(0)
			.get("id")
			.asText();
		String typed = "Charte votée le 3 mars, " + run;

		NodeSession onA = new NodeSession("mairie-albi");
		onA.open(a);
		String page = onA.get(a, "/collectivite/taches/" + task).body();
		HttpResponse<String> saved = onA.post(a, "/collectivite/taches/" + task + "/brouillon",
				Map.of("comment", typed, "_csrf", PageSession.csrf(page)));
		assertThat(saved.statusCode()).as("« Enregistrer le brouillon » on node A").isEqualTo(302);

		NodeSession onB = new NodeSession("mairie-albi"); // another browser, signed in on the other node
		onB.open(b);
		String resumed = onB.get(b, "/collectivite/taches/" + task).body();
		assertThat(resumed).as("the task's page on node B").contains("Brouillon du").contains(typed);
		assertThat(direct(b, "mairie-albi", "demo", "GET", "/api/tasks/" + task + "/draft", null).expect(200)
			.json()
			.path("values")
			.path("comment")
			.asText()).isEqualTo(typed);
	}

	/** The readiness probe's status; a redirect or a refusal is no probe's answer and fails at once. */
	private int probe(JalonProcess node) throws IOException, InterruptedException {
		HttpResponse<String> answer = node.probe(JalonProcess.READINESS);
		if (answer.statusCode() != 200 && answer.statusCode() != 503) {
			throw new AssertionError("readiness of node " + name(node) + " answered " + answer.statusCode() + " "
					+ answer.headers().firstValue("Location").orElse("") + ": " + answer.body());
		}
		return answer.statusCode();
	}

	private String name(JalonProcess node) {
		return node == a ? "A" : "B";
	}

	private void requireNodes() {
		assertThat(a.isAlive() && b.isAlive()).as("both nodes running (see the start-up test)").isTrue();
	}

	private void pg(String action) throws IOException, InterruptedException {
		if (pgctl == null) {
			return;
		}
		Process process = new ProcessBuilder("bash", pgctl.toString(), action).redirectErrorStream(true).start();
		String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as("pgctl %s: %s", action, said).isZero();
		databaseStopped = action.equals("stop");
	}

	private Connection database() throws SQLException {
		return DriverManager.getConnection(dbUrl, "jalon", "jalon");
	}

	private static int count(Connection db, String query) throws SQLException {
		try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	// --- HTTP: a round-robin load balancer, and direct calls to one node

	/** A request whose answer never came (its node died, or it timed out): it may or may not have been applied. */
	static final class LostAnswer extends RuntimeException {

		LostAnswer(String request, Throwable cause) {
			super("no answer to " + request + ": " + cause, cause);
		}

	}

	record Answer(String request, String node, int status, String body, java.net.http.HttpHeaders headers) {

		Answer expect(int expected) {
			if (status != expected) {
				throw new AssertionError(this + " (expected " + expected + ")");
			}
			return this;
		}

		JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException ex) {
				throw new AssertionError("not JSON: " + this, ex);
			}
		}

		@Override
		public String toString() {
			return request + " on node " + node + " answered " + status + ": "
					+ (body.length() > 600 ? body.substring(0, 600) + "…" : body);
		}

	}

	/**
	 * Sends each request to the next node in rotation, as a round-robin load balancer; a refused connection goes to
	 * the other node. Records every 5xx answer, counts requests by node and lost answers.
	 */
	final class Balancer {

		final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		private final List<JalonProcess> nodes;

		private final Set<JalonProcess> rotation = ConcurrentHashMap.newKeySet();

		private final AtomicLong turn = new AtomicLong();

		final AtomicInteger lost = new AtomicInteger();

		final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

		final List<String> errors = Collections.synchronizedList(new ArrayList<>());

		Balancer(JalonProcess... nodes) {
			this.nodes = List.of(nodes);
			rotation.addAll(this.nodes);
		}

		void remove(JalonProcess node) {
			rotation.remove(node);
		}

		void add(JalonProcess node) {
			rotation.add(node);
		}

		Answer send(String username, String method, String path) {
			return send(username, method, path, BodyPublishers.noBody(), null);
		}

		Answer send(String username, String method, String path, Object json) {
			try {
				return send(username, method, path, BodyPublishers.ofString(JSON.writeValueAsString(json)),
						"application/json");
			}
			catch (IOException ex) {
				throw new AssertionError(ex);
			}
		}

		Answer send(String username, String method, String path, BodyPublisher body, String contentType) {
			JalonProcess first = nodes.get((int) (turn.getAndIncrement() % nodes.size()));
			if (!rotation.contains(first)) {
				first = other(first);
			}
			try {
				return exchange(first, username, "demo", method, path, body, contentType);
			}
			catch (ConnectException refused) {
				try {
					return exchange(other(first), username, "demo", method, path, body, contentType);
				}
				catch (IOException ex) {
					lost.incrementAndGet();
					throw new LostAnswer(method + " " + path, ex);
				}
			}
			catch (IOException ex) {
				lost.incrementAndGet();
				throw new LostAnswer(method + " " + path, ex);
			}
		}

		private JalonProcess other(JalonProcess node) {
			return nodes.get(1 - nodes.indexOf(node));
		}

		Answer exchange(JalonProcess node, String username, String password, String method, String path,
				BodyPublisher body, String contentType) throws IOException {
			HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path))
				.timeout(Duration.ofMinutes(2))
				.method(method, body)
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
			if (contentType != null) {
				request.header("Content-Type", contentType);
			}
			HttpResponse<String> response;
			try {
				response = http.send(request.build(), BodyHandlers.ofString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			requests.computeIfAbsent(name(node), key -> new AtomicInteger()).incrementAndGet();
			Answer answer = new Answer(method + " " + path + " as " + username, name(node), response.statusCode(),
					response.body(), response.headers());
			if (answer.status() >= 500) {
				errors.add(answer.toString());
			}
			return answer;
		}

	}

	private Answer direct(JalonProcess node, String username, String password, String method, String path,
			Object json) throws IOException {
		BodyPublisher body = json == null ? BodyPublishers.noBody()
				: BodyPublishers.ofString(JSON.writeValueAsString(json));
		return balancer.exchange(node, username, password, method, path, body, json == null ? null : "application/json");
	}

	/**
	 * A browser's page session over real HTTP, its cookies kept whichever node answers (both are on localhost): signed
	 * in through the form with its CSRF token ({@link PageSession} is the same through MockMvc).
	 */
	final class NodeSession {

		private final String username;

		private final HttpClient browser = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		NodeSession(String username) {
			this.username = username;
		}

		/** Signs in on that node; answers what its collectivité page then answers. */
		String open(JalonProcess node) throws IOException, InterruptedException {
			String form = browser
				.send(HttpRequest.newBuilder(node.uri("/connexion")).build(), BodyHandlers.ofString())
				.body();
			String fields = "username=" + username + "&password=demo&_csrf="
					+ URLEncoder.encode(PageSession.csrf(form), StandardCharsets.UTF_8);
			HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(node.uri("/connexion"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(fields))
				.build(), BodyHandlers.ofString());
			assertThat(signedIn.statusCode()).as("signing in on node %s", name(node)).isEqualTo(302);
			assertThat(signedIn.headers().firstValue("Location").orElse("")).as("signing in").doesNotContain("erreur");
			return page(node);
		}

		HttpResponse<String> get(JalonProcess node, String path) throws IOException, InterruptedException {
			return browser.send(HttpRequest.newBuilder(node.uri(path)).build(), BodyHandlers.ofString());
		}

		/** A page's form posted, its fields URL-encoded. */
		HttpResponse<String> post(JalonProcess node, String path, Map<String, String> fields)
				throws IOException, InterruptedException {
			StringBuilder body = new StringBuilder();
			fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
				.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
			return browser.send(HttpRequest.newBuilder(node.uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(body.toString()))
				.build(), BodyHandlers.ofString());
		}

		/** The collectivité's page on that node: "200", or the status and where it redirects. */
		String page(JalonProcess node) throws IOException, InterruptedException {
			HttpResponse<String> page = browser.send(HttpRequest.newBuilder(node.uri("/collectivite")).build(),
					BodyHandlers.ofString());
			return page.statusCode() + " " + page.headers().firstValue("Location").orElse("");
		}

	}

}
