package fr.jalon;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.DocumentService;
import fr.jalon.candidacy.NewCandidacy;
import fr.jalon.referential.Referential;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskCompletion;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;

/**
 * Full EcoQuartier label paths (charter, contract with two experts, regional then national commission, pilot test,
 * validation, both certificates issued) driven three ways in one run, the measurements interleaved round by round:
 * <ul>
 * <li>(a) the bare Camunda engine on Jalon's own BPMN, standalone, H2 file, full history, its delegates and listeners
 * no-ops, the same variables at the gateways, the asynchronous jobs run by its job executor: the ceiling;</li>
 * <li>(b) Jalon's services in process: the application's Spring context on an H2 file, {@link CandidacyService},
 * {@link DocumentService} and {@link ReviewService} called as the right users, the certificate jobs run by the job
 * executor;</li>
 * <li>(c) Jalon over HTTP: the packaged jar as a separate process ({@link JalonProcess}), on an H2 file and, when
 * {@code JALON_BENCH_DB_URL} names a throw-away PostgreSQL database, on PostgreSQL, with 2 and 4 client threads.</li>
 * </ul>
 * CPU: (a) and (b) the benchmark JVM's process CPU time (every thread: callers, job executor, JIT, GC), their paths
 * run one mode at a time; (c) the server process's user + system time ({@link ProcessHandle.Info#totalCpuDuration},
 * that is /proc/PID/stat utime + stime), the client's CPU apart. A path's time ends when its last certificate is
 * issued. Not a test: excluded from Surefire, run by hand (BENCHMARKS.md).
 * <p>
 * Arguments: paths per measurement (20), rounds (3), modes (a,b,c-h2,c-pg; c-pg only with JALON_BENCH_DB_URL).
 * System properties: {@code path.threads} for (a) and (b) (2), {@code path.httpThreads} for (c) ("2,4"),
 * {@code path.serverJvm} extra JVM options for the jar (e.g. a flight recording).
 */
public final class PathBenchmark {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String ALBI = "mairie-albi";

	private static final Duration PATH_END = Duration.ofMinutes(5);

	private static final Duration STALLED = Duration.ofSeconds(20);

	private PathBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int paths = args.length > 0 ? Integer.parseInt(args[0]) : 20;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		String pgUrl = System.getenv("JALON_BENCH_DB_URL");
		List<String> modes = Arrays.asList((args.length > 2 ? args[2] : "a,b,c-h2" + (pgUrl != null ? ",c-pg" : ""))
			.split(","));
		int threads = Integer.getInteger("path.threads", 2);
		int[] httpThreads = Arrays.stream(System.getProperty("path.httpThreads", "2,4").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		Path dir = Files.createTempDirectory("jalon-path-benchmark");
		System.out.printf("EcoQuartier paths: %d per measurement, %d rounds, modes %s; %d cores; %s%n", paths, rounds,
				modes, Runtime.getRuntime().availableProcessors(), dir);

		List<Measured> measured = new ArrayList<>();
		List<AutoCloseable> open = new ArrayList<>();
		try {
			if (modes.contains("a")) {
				Bare bare = new Bare(dir.resolve("bare"));
				open.add(bare);
				measured.add(new Measured("(a) bare engine, H2 file", threads, bare));
			}
			if (modes.contains("b")) {
				InProcess jalon = new InProcess(dir.resolve("in-process"));
				open.add(jalon);
				measured.add(new Measured("(b) Jalon services in process, H2 file", threads, jalon));
			}
			if (modes.contains("c-h2")) {
				Http http = Http.started(dir.resolve("http-h2"), List.of(), Map.of());
				open.add(http);
				for (int n : httpThreads) {
					measured.add(new Measured("(c) Jalon over HTTP, H2 file", n, http));
				}
			}
			if (modes.contains("c-pg")) {
				if (pgUrl == null) {
					throw new IllegalArgumentException("c-pg needs JALON_BENCH_DB_URL (a throw-away PostgreSQL database)");
				}
				Http http = Http.started(dir.resolve("http-pg"), List.of("--spring.profiles.active=postgresql"),
						Map.of("JALON_DB_URL", pgUrl, "JALON_DB_USER", "jalon", "JALON_DB_PASSWORD", "jalon"));
				open.add(http);
				for (int n : httpThreads) {
					measured.add(new Measured("(c) Jalon over HTTP, PostgreSQL", n, http));
				}
			}
			// Warm-up: a few paths each, figures dropped (JIT, caches, connection pools).
			for (Measured m : measured) {
				m.driver.run(Math.max(2, paths / 4), m.threads, "warm");
			}
			for (int round = 1; round <= rounds; round++) {
				for (Measured m : measured) {
					Figures f = m.driver.run(paths, m.threads, "r" + round);
					m.figures.add(f);
					System.out.printf(
							"round %d  %-42s %d thr  %6.2f paths/s  %7.1f ms CPU/path  retries %d  job retries %d  stalled %d  certificates %s%s%n",
							round, m.name, m.threads, f.pathsPerSecond(), f.cpuMsPerPath(), f.retries(), f.jobRetries(),
							f.stalled(),
							f.certificates() < 0 ? "-" : Integer.toString(f.certificates()),
							f.clientCpuMs() < 0 ? "" : String.format("  client %.1f ms CPU/path", f.clientCpuMs() / paths));
				}
			}
		}
		finally {
			java.util.Collections.reverse(open);
			for (AutoCloseable closeable : open) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					System.err.println("closing: " + ex);
				}
			}
		}
		print(measured, rounds);
	}

	/** The medians, and each mode's ratio to (a) in the same round (medians of those ratios). */
	private static void print(List<Measured> measured, int rounds) {
		Measured bare = measured.stream().filter(m -> m.driver instanceof Bare).findFirst().orElse(null);
		System.out.println();
		System.out.println("| mode | threads | paths/s (median, min – max) | CPU ms per path (median, min – max) | throughput ÷ (a) | (a) CPU ÷ CPU | retries | job retries | stalled ends | certificates |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|");
		for (Measured m : measured) {
			String ratio = "-";
			String cpuRatio = "-";
			if (bare != null && m != bare) {
				double[] r = new double[rounds];
				double[] c = new double[rounds];
				for (int i = 0; i < rounds; i++) {
					r[i] = m.figures.get(i).pathsPerSecond() / bare.figures.get(i).pathsPerSecond();
					c[i] = bare.figures.get(i).cpuMsPerPath() / m.figures.get(i).cpuMsPerPath();
				}
				ratio = String.format("%.2f", median(r));
				cpuRatio = String.format("%.2f", median(c));
			}
			System.out.printf("| %s | %d | %.2f (%.2f – %.2f) | %.0f (%.0f – %.0f) | %s | %s | %d | %d | %d | %s |%n", m.name, m.threads,
					median(m.values(Figures::pathsPerSecond)), min(m.values(Figures::pathsPerSecond)),
					max(m.values(Figures::pathsPerSecond)), median(m.values(Figures::cpuMsPerPath)),
					min(m.values(Figures::cpuMsPerPath)), max(m.values(Figures::cpuMsPerPath)), ratio, cpuRatio,
					m.figures.stream().mapToInt(Figures::retries).sum(), m.figures.stream().mapToInt(Figures::jobRetries).sum(),
					m.figures.stream().mapToInt(Figures::stalled).sum(),
					m.figures.get(0).certificates() < 0 ? "-"
							: Integer.toString(m.figures.stream().mapToInt(Figures::certificates).sum()));
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	private static double min(double[] values) {
		return Arrays.stream(values).min().orElse(Double.NaN);
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElse(Double.NaN);
	}

	/** One line of the table: a driver at a number of threads, and its figures round by round. */
	private static final class Measured {

		final String name;

		final int threads;

		final Driver driver;

		final List<Figures> figures = new ArrayList<>();

		Measured(String name, int threads, Driver driver) {
			this.name = name;
			this.threads = threads;
			this.driver = driver;
		}

		double[] values(java.util.function.ToDoubleFunction<Figures> figure) {
			return figures.stream().mapToDouble(figure).toArray();
		}

	}

	/**
	 * @param cpuMs the server's CPU over the measurement
	 * @param clientCpuMs the client's, when apart from the server's (-1 otherwise)
	 * @param retries requests tried again on a conflict (409 or 500 over HTTP, the engine's optimistic lock)
	 * @param jobRetries jobs failed on a conflict, run again at once instead of after their retry delay (in process)
	 * @param stalled paths whose certificate came more than 20 s after their last request (over HTTP: a job that
	 *        failed on a conflict waits its retry delay, a minute)
	 * @param certificates certificates issued over the measurement (-1 when not counted)
	 */
	record Figures(int paths, double seconds, double cpuMs, double clientCpuMs, int retries, int jobRetries,
			int stalled, int certificates) {

		double pathsPerSecond() {
			return paths / seconds;
		}

		double cpuMsPerPath() {
			return cpuMs / paths;
		}

	}

	/** One way of driving paths: N paths on that many threads, each to its end, its certificates issued. */
	private abstract static class Driver implements AutoCloseable {

		final AtomicInteger retries = new AtomicInteger();

		/** Jobs that failed on a conflict and were run again at once rather than a minute later (in process). */
		final AtomicInteger jobRetries = new AtomicInteger();

		/** Paths whose end (last certificate) came more than {@link #STALLED} after their last request. */
		final AtomicInteger stalled = new AtomicInteger();

		/** Starts what this driver measures (in process: the engine, the context), or nothing if it stays up. */
		void resume() throws Exception {
		}

		/** Stops it until the next measurement, so that an idle engine burns no CPU in another's figures. */
		void pause() throws Exception {
		}

		Figures run(int paths, int threads, String batch) throws Exception {
			resume();
			try {
				return measure(paths, threads, batch);
			}
			finally {
				pause();
			}
		}

		private Figures measure(int paths, int threads, String batch) throws Exception {
			retries.set(0);
			jobRetries.set(0);
			stalled.set(0);
			int certificatesBefore = certificates();
			double cpuBefore = serverCpuMs();
			double clientBefore = clientCpuMs();
			long began = System.nanoTime();
			AtomicInteger next = new AtomicInteger();
			List<String> ids = new ArrayList<>();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				List<Future<List<String>>> done = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					done.add(pool.submit(() -> {
						List<String> mine = new ArrayList<>();
						for (int n; (n = next.getAndIncrement()) < paths;) {
							mine.add(path(batch + "-" + n));
						}
						return mine;
					}));
				}
				for (Future<List<String>> f : done) {
					ids.addAll(f.get());
				}
			}
			finally {
				pool.shutdown();
			}
			awaitEnded(ids);
			double seconds = (System.nanoTime() - began) / 1e9;
			double clientAfter = clientCpuMs();
			int certificatesAfter = certificates();
			return new Figures(paths, seconds, serverCpuMs() - cpuBefore,
					clientBefore < 0 ? -1 : clientAfter - clientBefore, retries.get(), jobRetries.get(), stalled.get(),
					certificatesBefore < 0 ? -1 : certificatesAfter - certificatesBefore);
		}

		/** One full path, up to its last decision: its candidacy's id (or business key). */
		abstract String path(String title) throws Exception;

		/** Waits until these paths' processes have ended (their certificates issued). */
		abstract void awaitEnded(List<String> ids) throws Exception;

		abstract double serverCpuMs();

		double clientCpuMs() {
			return -1;
		}

		int certificates() {
			return -1;
		}

		/** Tries a step again on a conflict with a concurrent job (409, or the engine's optimistic lock). */
		void step(Step step) throws Exception {
			for (int attempt = 1;; attempt++) {
				try {
					step.run();
					return;
				}
				catch (Retry retry) {
					retries.incrementAndGet();
					if (attempt == 10) {
						throw new IllegalStateException("still conflicting after 10 attempts", retry);
					}
				}
			}
		}

		static void until(String what, java.util.concurrent.Callable<Boolean> done) throws Exception {
			Instant deadline = Instant.now().plus(PATH_END);
			while (!done.call()) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("not done within " + PATH_END + ": " + what);
				}
				Thread.sleep(20);
			}
		}

		/**
		 * In process, a job that failed on a conflict with a user's request (the charter certificate's against
		 * SubmitContract; the bare engine shows it too on the same BPMN) waits its retry delay, up to a minute, which
		 * would stall the measurement: it is run at once by the waiting thread, and counted.
		 */
		void nudge(ManagementService management) {
			for (Job job : management.createJobQuery().messages().list()) {
				if (job.getRetries() > 0 && job.getExceptionMessage() != null && job.getDuedate() != null
						&& job.getDuedate().after(new Date())) {
					jobRetries.incrementAndGet();
					try {
						management.executeJob(job.getId());
					}
					catch (RuntimeException again) {
						// Failed once more (it is then due later again): the next look tries it again.
					}
				}
			}
		}

	}

	interface Step {

		void run() throws Exception;

	}

	/** A conflict the client answers by trying again. */
	static final class Retry extends RuntimeException {

		Retry(String message) {
			super(message);
		}

	}

	private static double processCpuMs() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1e6;
	}

	// --- (a) the bare engine

	/** Camunda standalone on Jalon's BPMN, every delegate and listener a no-op, the deadlines far away. */
	private static final class Bare extends Driver {

		private final Path dir;

		private ProcessEngine engine;

		private RuntimeService runtime;

		private TaskService tasks;

		private boolean deployed;

		Bare(Path dir) throws IOException {
			this.dir = Files.createDirectories(dir);
		}

		@Override
		void resume() throws IOException {
			ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
				.createStandaloneProcessEngineConfiguration();
			configuration.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve("engine")
					+ ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
			configuration.setJdbcUsername("sa");
			configuration.setJdbcPassword("");
			configuration.setJdbcMaxActiveConnections(10);
			configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
			configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
			configuration.setJobExecutorActivate(true);
			configuration.setMetricsEnabled(false);
			configuration.setProcessEngineName("bare-" + UUID.randomUUID());
			NoOp noOp = new NoOp();
			Map<Object, Object> beans = new HashMap<>();
			for (String name : List.of("enterStage", "issueCertificate", "sendReminder", "escalateOverdueTask",
					"closeCandidacy", "checkEligibility", "startDeadline", "requestCertificate")) {
				beans.put(name, noOp);
			}
			beans.put("deadlines", new FarDeadlines());
			configuration.setBeans(beans);
			engine = configuration.buildProcessEngine();
			if (!deployed) {
				try (InputStream bpmn = PathBenchmark.class.getResourceAsStream("/bpmn/ecoquartier.bpmn")) {
					engine.getRepositoryService().createDeployment().addInputStream("ecoquartier.bpmn", bpmn).deploy();
				}
				deployed = true;
			}
			runtime = engine.getRuntimeService();
			tasks = engine.getTaskService();
		}

		@Override
		void pause() {
			engine.close();
			engine = null;
		}

		@Override
		String path(String title) throws Exception {
			String key = UUID.randomUUID().toString();
			runtime.startProcessInstanceByKey("ecoquartier", key,
					Map.of("collectivite", "81004", "departement", "81", "region", "76"));
			complete(key, "SubmitCharter", ALBI, "SUBMIT", null);
			complete(key, "VerifyCharter", "ddt-81", "APPROVE", null);
			complete(key, "SubmitContract", ALBI, "SUBMIT", null);
			complete(key, "AssessAsCoordinatingExpert", "expert-1", "SUBMIT", "coordinatingExpert");
			complete(key, "AssessAsSecondExpert", "expert-2", "SUBMIT", null);
			complete(key, "WriteSynthesis", "expert-1", "SUBMIT", null);
			complete(key, "RegionalCommissionReview", "commission-occitanie", "APPROVE", null);
			complete(key, "NationalCommissionDecision", "commission-nationale", "APPROVE", null);
			complete(key, "ReportIndicatorValues", ALBI, "SUBMIT", null);
			complete(key, "RecordSiteVisit", "expert-2", "APPROVE", null);
			complete(key, "ValidateLabel", "commission-nationale", "APPROVE", null);
			return key;
		}

		/** As Jalon does: the task found by the candidacy and its key, claimed, completed with the decision. */
		private void complete(String key, String taskKey, String user, String decision, String recordsActorAs)
				throws Exception {
			step(() -> {
				try {
					Task task = tasks.createTaskQuery()
						.active()
						.processInstanceBusinessKey(key)
						.taskDefinitionKey(taskKey)
						.singleResult();
					if (task == null) {
						throw new IllegalStateException("no task " + taskKey + " for " + key);
					}
					Map<String, Object> variables = new HashMap<>();
					variables.put("decision", decision);
					if (recordsActorAs != null) {
						variables.put(recordsActorAs, user);
					}
					if (task.getAssignee() == null) {
						tasks.claim(task.getId(), user);
					}
					tasks.complete(task.getId(), variables);
				}
				catch (OptimisticLockingException conflict) {
					throw new Retry(conflict.getMessage());
				}
			});
		}

		@Override
		void awaitEnded(List<String> ids) throws Exception {
			// Labelled, a path's process waits three years for the confirmation (the timer ConfirmationDue): done here.
			until("bare processes labelled", () -> {
				nudge(engine.getManagementService());
				return runtime.createProcessInstanceQuery().count() == runtime.createProcessInstanceQuery()
					.activityIdIn("ConfirmationDue")
					.count();
			});
		}

		@Override
		double serverCpuMs() {
			return processCpuMs();
		}

		@Override
		public void close() {
			if (engine != null) {
				engine.close();
			}
		}

	}

	/** Every delegate and execution listener of the BPMN, doing nothing; its injected fields accepted. */
	public static final class NoOp implements JavaDelegate, ExecutionListener {

		public Expression stage;

		public Expression kind;

		public Expression deadline;

		public Expression status;

		@Override
		public void execute(DelegateExecution execution) {
		}

		@Override
		public void notify(DelegateExecution execution) {
		}

	}

	/** {@code deadlines.due(...)} and {@code deadlines.reminder(...)}: dates no path reaches. */
	public static final class FarDeadlines {

		public Date due(Object execution, String name) {
			return Date.from(Instant.now().plus(Duration.ofDays(180)));
		}

		public Date reminder(Object execution, String name, int n) {
			return Date.from(Instant.now().plus(Duration.ofDays(150)));
		}

	}

	// --- the path as Jalon's users take it, through the services or over HTTP

	/** Jalon as its users see it: what a path needs, whatever the way to it. */
	private abstract static class JalonPath extends Driver {

		List<String> criteria;

		List<String> indicators;

		abstract String submit(String user, String title) throws Exception;

		abstract void upload(String user, String candidacy, String type) throws Exception;

		/** The id of the user's open task of that key on the candidacy. */
		abstract String task(String user, String candidacy, String key) throws Exception;

		/** Completes the task; throws {@link Retry} on a conflict. */
		abstract void complete(String user, String task, Map<String, Object> body) throws Exception;

		@Override
		String path(String title) throws Exception {
			String id = submit(ALBI, "Banc " + title + " " + UUID.randomUUID().toString().substring(0, 8));
			upload(ALBI, id, "signed-charter");
			step(ALBI, id, "SubmitCharter", Map.of("outcome", "SUBMIT"));
			step("ddt-81", id, "VerifyCharter", Map.of("outcome", "APPROVE"));
			step(ALBI, id, "SubmitContract", Map.of("outcome", "SUBMIT", "assessment", assessment("SATISFACTORY"),
					"indicators", indicators("target", 40.0)));
			step("expert-1", id, "AssessAsCoordinatingExpert",
					Map.of("outcome", "SUBMIT", "assessment", assessment("PARTIAL")));
			step("expert-2", id, "AssessAsSecondExpert",
					Map.of("outcome", "SUBMIT", "assessment", assessment("SATISFACTORY")));
			step("expert-1", id, "WriteSynthesis", Map.of("outcome", "SUBMIT", "comment", "Projet solide."));
			step("commission-occitanie", id, "RegionalCommissionReview",
					Map.of("outcome", "APPROVE", "comment", "Proposé au label."));
			step("commission-nationale", id, "NationalCommissionDecision", Map.of("outcome", "APPROVE"));
			step(ALBI, id, "ReportIndicatorValues", Map.of("outcome", "SUBMIT", "indicators", indicators("value", 42.0)));
			step("expert-2", id, "RecordSiteVisit", Map.of("outcome", "APPROVE", "comment", "Visite du 12 juin."));
			step("commission-nationale", id, "ValidateLabel", Map.of("outcome", "APPROVE"));
			return id;
		}

		private void step(String user, String candidacy, String key, Map<String, Object> body) throws Exception {
			step(() -> complete(user, task(user, candidacy, key), body));
		}

		private Map<String, Object> assessment(String level) {
			Map<String, Object> assessment = new LinkedHashMap<>();
			criteria.forEach(criterion -> assessment.put(criterion, Map.of("level", level, "comment", "Réponse.")));
			return assessment;
		}

		private Map<String, Object> indicators(String field, double value) {
			Map<String, Object> values = new LinkedHashMap<>();
			indicators.forEach(indicator -> values.put(indicator, Map.of(field, value)));
			return values;
		}

	}

	// --- (b) the services in process

	private static final class InProcess extends JalonPath {

		private final Path dir;

		private ConfigurableApplicationContext context;

		private CandidacyService candidacies;

		private DocumentService documents;

		private ReviewService reviews;

		private ObjectMapper mapper;

		private JdbcTemplate jdbc;

		private RuntimeService runtime;

		private ManagementService management;

		private org.springframework.security.core.userdetails.UserDetailsService accounts;

		private final Map<String, JalonUser> users = new ConcurrentHashMap<>();

		InProcess(Path dir) throws IOException {
			this.dir = Files.createDirectories(dir);
		}

		/** The application's context on its H2 file, its log in a file beside it (as the jar's, not the console). */
		@Override
		void resume() {
			context = new SpringApplicationBuilder(JalonApplication.class)
				.properties("jalon.data-dir=" + dir.toAbsolutePath(), "server.port=0",
						"logging.file.name=" + dir.toAbsolutePath().resolve("jalon.log"), "logging.threshold.console=OFF",
						"spring.main.banner-mode=off")
				.run();
			candidacies = context.getBean(CandidacyService.class);
			documents = context.getBean(DocumentService.class);
			reviews = context.getBean(ReviewService.class);
			mapper = context.getBean(ObjectMapper.class);
			jdbc = context.getBean(JdbcTemplate.class);
			runtime = context.getBean(RuntimeService.class);
			accounts = context.getBean(org.springframework.security.core.userdetails.UserDetailsService.class);
			management = context.getBean(ManagementService.class);
			users.clear();
			if (criteria != null) {
				return;
			}
			String probe = submit(ALBI, "Banc référentiel " + UUID.randomUUID());
			Referential referential = candidacies.referentialOf(probe);
			criteria = referential.criteria().map(Referential.Criterion::id).toList();
			indicators = referential.indicators().map(Referential.Indicator::id).toList();
			candidacies.withdraw(user(ALBI), probe, null);
		}

		/** The user as HTTP Basic makes it: the account as it stands, its password hash erased. */
		private JalonUser user(String username) {
			return users.computeIfAbsent(username, name -> {
				JalonUser user = (JalonUser) accounts.loadUserByUsername(name);
				user.eraseCredentials();
				return user;
			});
		}

		@Override
		String submit(String user, String title) {
			return candidacies.submit(user(user), new NewCandidacy("ecoquartier", "81004", title, null, null, null)).id();
		}

		@Override
		void upload(String user, String candidacy, String type) {
			documents.upload(user(user), candidacy, type, type + ".pdf", Api.pdf(type));
		}

		@Override
		String task(String user, String candidacy, String key) {
			return reviews.list(user(user), candidacy)
				.stream()
				.filter(task -> task.key().equals(key))
				.map(TaskView::id)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no open task " + key + " for " + user));
		}

		@Override
		void complete(String user, String task, Map<String, Object> body) {
			try {
				reviews.complete(user(user), task, mapper.convertValue(body, TaskCompletion.class));
			}
			catch (fr.jalon.system.Conflict | OptimisticLockingException conflict) {
				throw new Retry(conflict.getMessage());
			}
		}

		@Override
		void awaitEnded(List<String> ids) throws Exception {
			until("Jalon's processes ended", () -> {
				nudge(management);
				// The charter's certificate is a process of its own (jalon-certificate), started by the path's.
				// Labelled, a path's process waits three years for the confirmation (the timer ConfirmationDue).
				return runtime.createProcessInstanceQuery()
					.processDefinitionKeyIn("ecoquartier", "jalon-certificate")
					.count() == runtime.createProcessInstanceQuery()
						.processDefinitionKey("ecoquartier")
						.activityIdIn("ConfirmationDue")
						.count();
			});
		}

		@Override
		int certificates() {
			return jdbc.queryForObject("select count(*) from certificate", Integer.class);
		}

		@Override
		double serverCpuMs() {
			return processCpuMs();
		}

		@Override
		void pause() {
			context.close();
			context = null;
		}

		@Override
		public void close() {
			if (context != null) {
				context.close();
			}
		}

	}

	// --- (c) over HTTP, the jar as a separate process

	private static final class Http extends JalonPath {

		private final JalonProcess jalon;

		private final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();

		private Http(JalonProcess jalon) throws Exception {
			this.jalon = jalon;
			JsonNode referential = JSON.readTree(send(ALBI, "GET", "/api/referentials/ecoquartier", null, null, 200));
			criteria = referential.findValues("criteria")
				.stream()
				.flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
				.map(criterion -> criterion.get("id").asText())
				.toList();
			indicators = referential.findValues("indicators")
				.stream()
				.flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
				.map(indicator -> indicator.get("id").asText())
				.toList();
		}

		static Http started(Path dir, List<String> arguments, Map<String, String> environment) throws Exception {
			Files.createDirectories(dir);
			Path jar = Path.of(System.getProperty("path.jar", "target/jalon.jar"));
			Map<String, String> env = new HashMap<>(environment);
			String jvm = System.getProperty("path.serverJvm");
			if (jvm != null && !jvm.isBlank()) {
				env.put("JAVA_TOOL_OPTIONS", jvm.replace("{dir}", dir.toAbsolutePath().toString()));
			}
			JalonProcess jalon = new JalonProcess(jar, dir, arguments, env);
			jalon.launch();
			try {
				// Generous: on a loaded machine the jar's start-up has taken over three minutes.
				jalon.awaitReady(Duration.ofMinutes(10));
				return new Http(jalon);
			}
			catch (RuntimeException | Error failed) {
				jalon.stop();
				throw failed;
			}
		}

		@Override
		String submit(String user, String title) throws Exception {
			return JSON.readTree(send(user, "POST", "/api/candidacies", json(Map.of("programme", "ecoquartier",
					"collectivite", "81004", "title", title)), "application/json", 201)).get("id").asText();
		}

		@Override
		void upload(String user, String candidacy, String type) throws Exception {
			String boundary = "jalon-" + UUID.randomUUID();
			send(user, "POST", "/api/candidacies/" + candidacy + "/documents", Api.pdfUpload(boundary, type),
					"multipart/form-data; boundary=" + boundary, 201);
		}

		@Override
		String task(String user, String candidacy, String key) throws Exception {
			for (JsonNode task : JSON.readTree(send(user, "GET", "/api/tasks?candidacy=" + candidacy, null, null, 200))) {
				if (task.get("key").asText().equals(key)) {
					return task.get("id").asText();
				}
			}
			throw new IllegalStateException("no open task " + key + " for " + user);
		}

		@Override
		void complete(String user, String task, Map<String, Object> body) throws Exception {
			send(user, "POST", "/api/tasks/" + task + "/complete", json(body), "application/json", 200);
		}

		@Override
		void awaitEnded(List<String> ids) throws Exception {
			for (String id : ids) {
				long began = System.nanoTime();
				until("the label certificate of " + id, () -> jalon.as(ALBI)
					.answer("/api/candidacies/" + id + "/certificate")
					.statusCode() == 200);
				if (Duration.ofNanos(System.nanoTime() - began).compareTo(STALLED) > 0) {
					stalled.incrementAndGet();
				}
			}
		}

		@Override
		double serverCpuMs() {
			return jalon.handle().info().totalCpuDuration().orElseThrow().toNanos() / 1e6;
		}

		@Override
		double clientCpuMs() {
			return processCpuMs();
		}

		private static byte[] json(Object body) throws IOException {
			return JSON.writeValueAsBytes(body);
		}

		/** One request; a 409 or a 500 (the race of a task with the charter's certificate job) is tried again. */
		private byte[] send(String user, String method, String path, byte[] body, String type, int expected)
				throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(jalon.uri(path))
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
				.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
			if (type != null) {
				request.header("Content-Type", type);
			}
			var response = http.send(request.build(), BodyHandlers.ofByteArray());
			if (response.statusCode() == expected) {
				return response.body();
			}
			String answer = new String(response.body(), StandardCharsets.UTF_8);
			if (response.statusCode() == 409 || response.statusCode() == 500) {
				throw new Retry(method + " " + path + " answered " + response.statusCode() + ": " + answer);
			}
			throw new IllegalStateException(
					method + " " + path + " as " + user + " answered " + response.statusCode() + ": " + answer);
		}

		@Override
		public void close() throws Exception {
			jalon.terminate(Duration.ofSeconds(60));
		}

	}

}
