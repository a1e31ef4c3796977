package fr.jalon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import fr.jalon.campaign.CampaignService;
import fr.jalon.campaign.NewCampaign;
import fr.jalon.candidacy.Candidacy;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.Completion;
import fr.jalon.candidacy.DocumentService;
import fr.jalon.candidacy.NewCandidacy;
import fr.jalon.candidacy.Status;
import fr.jalon.collectivite.Collectivite;
import fr.jalon.collectivite.Collectivites;
import fr.jalon.collectivite.Kind;
import fr.jalon.referential.Referential;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskCompletion;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.workflow.TaskProperties;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills a database with N realistic candidacies (100,000 by default), for measuring lists at volume: run on purpose,
 * never by the build (Surefire runs {@code *Tests}, Failsafe {@code *IT}). Starts Jalon in this process on the database
 * given, then, on several threads, submits candidacies over the collectivités the database knows (its seeds, every
 * département and region of them) to every programme in use, and takes each through Jalon's own services
 * ({@link CandidacyService}, {@link DocumentService}, {@link ReviewService}, {@link CampaignService}) to a stage of its
 * path: some just submitted, most mid-path with an open task, some at their successful end, some withdrawn, some
 * refused or adjourned; Petites villes de demain by campaigns of ten, most of them announced.
 * <p>
 * What it skips: certificates are not rendered (the engine's {@code issueCertificate} delegate is replaced by one that
 * does nothing, so each path goes on past it, with no certificate row and no PDF), and asynchronous jobs are run by
 * the thread that drives their candidacy, the job executor being off. Every candidacy is created now: the dashboard's
 * monthly curve has one point.
 * <p>
 * Arguments: a directory (H2 file {@code DIR/jalon.mv.db}, the data folder of the jar run with
 * {@code --jalon.data-dir=DIR}) or a JDBC URL (PostgreSQL: user and password from {@code JALON_DB_USER} and
 * {@code JALON_DB_PASSWORD}, {@code jalon} by default); the number of candidacies to add; the number of threads (4).
 * {@code -Dvolume.minutes=M} stops beginning candidacies after M minutes (the report says how many were added);
 * {@code -Dvolume.seed=S} makes the choices repeatable.
 * The H2 file is written without {@code WRITE_DELAY=0} (the jar's setting, a write per commit) and compacted at the end.
 * Run it again on the same database to add more.
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" fr.jalon.VolumeGenerator target/volume 1000 4
 * </pre>
 */
public final class VolumeGenerator {

	/** Candidacies per PVD campaign. */
	private static final int PER_CAMPAIGN = 10;

	private static final int MAX_STEPS = 60;

	private static final AtomicLong CERTIFICATES_SKIPPED = new AtomicLong();

	private final CandidacyService candidacies;

	private final DocumentService documents;

	private final ReviewService reviews;

	private final CampaignService campaigns;

	private final TaskService tasks;

	private final ManagementService management;

	private final org.camunda.bpm.engine.RuntimeService runtime;

	private final RepositoryService repository;

	private final long seed;

	private final List<String> programmes;

	private final List<String> withoutCampaigns;

	/** Collectivités that apply alone (every one with a département), and the communes of an EPCI, by region. */
	private final List<Collectivite> applicants;

	private final Map<String, List<Collectivite>> communesByRegion;

	private final Map<String, Collectivite> byCode = new ConcurrentHashMap<>();

	private final Map<String, Map<String, String>> stepProperties = new ConcurrentHashMap<>();

	private final AtomicInteger done = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicInteger steps = new AtomicInteger();

	private final AtomicInteger uploads = new AtomicInteger();

	private final AtomicInteger jobs = new AtomicInteger();

	private final String run = Long.toString(System.currentTimeMillis(), 36);

	/** {@code -Dvolume.minutes=M}: no candidacy is begun after M minutes of generation; those under way end. */
	private final long deadline = Long.getLong("volume.minutes") == null ? Long.MAX_VALUE
			: System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(Long.getLong("volume.minutes"));

	private VolumeGenerator(ConfigurableApplicationContext context, long seed) {
		this.candidacies = context.getBean(CandidacyService.class);
		this.documents = context.getBean(DocumentService.class);
		this.reviews = context.getBean(ReviewService.class);
		this.campaigns = context.getBean(CampaignService.class);
		this.tasks = context.getBean(TaskService.class);
		this.management = context.getBean(ManagementService.class);
		this.runtime = context.getBean(org.camunda.bpm.engine.RuntimeService.class);
		this.repository = context.getBean(RepositoryService.class);
		this.seed = seed;
		List<Collectivite> all = context.getBean(Collectivites.class).findAll();
		all.forEach(collectivite -> byCode.put(collectivite.code(), collectivite));
		this.applicants = all.stream()
			.filter(c -> c.departement() != null && c.region() != null)
			.sorted(java.util.Comparator.comparing(Collectivite::code))
			.toList();
		Map<String, List<Collectivite>> communes = new java.util.TreeMap<>();
		all.stream()
			.filter(c -> c.kind() == Kind.COMMUNE && c.epci() != null && c.departement() != null && byCode.containsKey(c.epci()))
			.sorted(java.util.Comparator.comparing(Collectivite::code))
			.forEach(c -> communes.computeIfAbsent(c.region(), region -> new ArrayList<>()).add(c));
		this.communesByRegion = communes;
		var referentials = context.getBean(fr.jalon.referential.Referentials.class);
		this.programmes = referentials.programmes();
		this.withoutCampaigns = programmes.stream().filter(programme -> !referentials.published(programme).runsCampaigns()).toList();
	}

	public static void main(String[] args) throws Exception {
		String where = args.length > 0 ? args[0] : "target/volume";
		int count = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 100_000;
		int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
		long seed = Long.getLong("volume.seed", System.currentTimeMillis());
		boolean h2 = !where.startsWith("jdbc:");
		String url;
		String user = h2 ? "jalon" : System.getenv().getOrDefault("JALON_DB_USER", "jalon");
		String password = h2 ? "jalon" : System.getenv().getOrDefault("JALON_DB_PASSWORD", "jalon");
		Path dataDir;
		if (h2) {
			dataDir = Files.createDirectories(Path.of(where)).toAbsolutePath();
			url = "jdbc:h2:file:" + dataDir + "/jalon;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=1000";
		}
		else {
			dataDir = Files.createDirectories(Path.of(System.getProperty("volume.data-dir", "target/volume-data")))
				.toAbsolutePath();
			url = where;
		}
		long began = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JalonApplication.class, NoCertificates.class)
			.initializers(ctx -> ctx.getBeanFactory().registerSingleton("volumeSkipsTestComponents", new SkipTestComponents()))
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
					"--spring.datasource.password=" + password, "--jalon.data-dir=" + dataDir, "--jalon.demo-data=true",
					"--server.port=0", "--camunda.bpm.job-execution.enabled=false",
					"--spring.datasource.hikari.maximum-pool-size=" + (threads + 4),
					"--spring.main.allow-bean-definition-overriding=true", "--spring.main.banner-mode=off",
					"--logging.level.root=WARN", "--logging.level.fr.jalon.VolumeGenerator=INFO");
		long started = System.nanoTime();
		System.out.printf("VolumeGenerator: Jalon started in %d s on %s; adding %,d candidacies on %d threads (seed %d)%n",
				Duration.ofNanos(started - began).toSeconds(), url, count, threads, seed);
		Map<String, Long> counts;
		try {
			VolumeGenerator generator = new VolumeGenerator(context, seed);
			generator.generate(count, threads);
			counts = generator.report(context.getBean(JdbcTemplate.class), Duration.ofNanos(System.nanoTime() - started));
		}
		finally {
			context.close();
		}
		if (h2) {
			Path file = dataDir.resolve("jalon.mv.db");
			long before = Files.size(file);
			long compacting = System.nanoTime();
			try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
				sql.execute("SHUTDOWN COMPACT");
			}
			System.out.printf("VolumeGenerator: H2 file %s: %,d MB, compacted to %,d MB in %d s%n", file,
					before >> 20, Files.size(file) >> 20, Duration.ofNanos(System.nanoTime() - compacting).toSeconds());
		}
		System.out.printf("VolumeGenerator: %,d candidacies in the database; whole run %d s%n",
				counts.values().stream().mapToLong(Long::longValue).sum(), Duration.ofNanos(System.nanoTime() - began).toSeconds());
		System.exit(0);
	}

	// --- the drive

	private void generate(int count, int threads) throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		// A campaign of ten every 30 units: about a quarter of the candidacies are PVD's.
		int pvdShare = programmes.contains("pvd") && !communesByRegion.isEmpty() ? 30 : 0;
		int submitted = 0;
		int unit = 0;
		while (submitted < count) {
			Random random = new Random(seed * 1_000_003L + unit);
			int n = unit++;
			if (pvdShare > 0 && random.nextInt(pvdShare) == 0) {
				int size = Math.min(PER_CAMPAIGN, count - submitted);
				submitted += size;
				pool.submit(() -> guarded(() -> campaign(random, n, size), size));
			}
			else {
				submitted++;
				pool.submit(() -> guarded(() -> alone(random, n), 1));
			}
		}
		pool.shutdown();
		long began = System.nanoTime();
		int total = count;
		while (!pool.awaitTermination(15, TimeUnit.SECONDS)) {
			double seconds = (System.nanoTime() - began) / 1e9;
			int finished = done.get();
			System.out.printf("VolumeGenerator: %,d/%,d candidacies (%.1f/s, %,d steps, %,d uploads, %,d jobs, %d failed); "
					+ "about %d s left%n", finished, total, finished / seconds, steps.get(), uploads.get(), jobs.get(),
					failed.get(), finished == 0 ? -1 : (long) ((total - finished) * seconds / finished));
		}
	}

	private void guarded(Runnable work, int size) {
		if (System.nanoTime() > deadline) {
			return;
		}
		try {
			work.run();
		}
		catch (RuntimeException failure) {
			if (failed.incrementAndGet() <= 10) {
				System.err.println("VolumeGenerator: failed: " + failure);
				failure.printStackTrace();
			}
		}
		finally {
			done.addAndGet(size);
		}
	}

	/** What becomes of a candidacy. */
	private enum Fate {

		SUBMITTED, MID_PATH, SUCCESS, WITHDRAWN, REFUSED;

		static Fate draw(Random random) {
			int r = random.nextInt(100);
			return r < 10 ? SUBMITTED : r < 55 ? MID_PATH : r < 85 ? SUCCESS : r < 93 ? WITHDRAWN : REFUSED;
		}

	}

	/** A candidacy of a programme without campaigns, by one collectivité, taken to its fate. */
	private void alone(Random random, int n) {
		String programme = withoutCampaigns.get(random.nextInt(withoutCampaigns.size()));
		Collectivite applicant = applicants.get(random.nextInt(applicants.size()));
		JalonUser owner = collectivite(applicant.code());
		String id = candidacies.submit(owner, new NewCandidacy(programme, applicant.code(),
				"Volume " + run + " " + programme + " " + n, "Candidature engendrée pour mesurer les listes.", List.of(),
				null)).id();
		Set<String> uploaded = new HashSet<>();
		done(id, applicant, uploaded, Fate.draw(random), random);
	}

	/** A PVD campaign of up to ten communes of one region: most taken to the announcement and announced, then on. */
	private void campaign(Random random, int n, int size) {
		List<String> regions = new ArrayList<>(communesByRegion.keySet());
		String region = regions.get(random.nextInt(regions.size()));
		List<Collectivite> communes = new ArrayList<>(communesByRegion.get(region));
		java.util.Collections.shuffle(communes, random);
		String campaign = campaigns.open(admin(), new NewCampaign("pvd", region, "Volume " + run + " campagne " + n,
				OffsetDateTime.now(ZoneOffset.UTC).plusDays(180))).id();
		boolean announced = random.nextInt(4) != 0;
		Map<String, Collectivite> ids = new LinkedHashMap<>();
		Map<String, Set<String>> uploaded = new LinkedHashMap<>();
		for (int i = 0; i < size; i++) {
			Collectivite commune = communes.get(i % communes.size());
			String id = candidacies.submit(collectivite(commune.code()),
					new NewCandidacy("pvd", commune.code(), "Volume " + run + " pvd " + n + "-" + i,
							"Candidature engendrée pour mesurer les listes.", List.of(commune.epci()), campaign))
				.id();
			ids.put(id, commune);
			uploaded.put(id, new HashSet<>());
		}
		if (!announced) {
			ids.forEach((id, commune) -> drive(id, commune, uploaded.get(id), random.nextInt(3), false, random));
			return;
		}
		for (var entry : ids.entrySet()) {
			int r = random.nextInt(100);
			if (r < 8) {
				drive(entry.getKey(), entry.getValue(), uploaded.get(entry.getKey()), random.nextInt(2), false, random);
				withdraw(entry.getKey(), entry.getValue());
			}
			else {
				drive(entry.getKey(), entry.getValue(), uploaded.get(entry.getKey()), MAX_STEPS, r < 20, random);
			}
		}
		campaigns.announce(admin(), campaign);
		for (var entry : ids.entrySet()) {
			if (Status.IN_PROGRESS.equals(status(entry.getKey()))) {
				Fate fate = Fate.draw(random);
				done(entry.getKey(), entry.getValue(), uploaded.get(entry.getKey()),
						fate == Fate.SUBMITTED ? Fate.MID_PATH : fate, random);
			}
		}
	}

	private void done(String id, Collectivite applicant, Set<String> uploaded, Fate fate, Random random) {
		switch (fate) {
			case SUBMITTED -> {
			}
			case MID_PATH -> drive(id, applicant, uploaded, 1 + random.nextInt(10), false, random);
			case SUCCESS -> drive(id, applicant, uploaded, MAX_STEPS, false, random);
			case REFUSED -> drive(id, applicant, uploaded, MAX_STEPS, true, random);
			case WITHDRAWN -> {
				drive(id, applicant, uploaded, random.nextInt(8), false, random);
				withdraw(id, applicant);
			}
		}
	}

	/** The collectivité withdraws its candidacy, if it has not ended meanwhile (a PVD commune found ineligible). */
	private void withdraw(String id, Collectivite applicant) {
		if (Status.IN_PROGRESS.equals(status(id))) {
			candidacies.withdraw(collectivite(applicant.code()), id, "Retrait (volume).");
		}
	}

	/**
	 * Completes up to {@code count} open tasks of the candidacy, one at a time, each with what its step requires (its
	 * documents uploaded first by the collectivité); with {@code refuse}, the first step that can refuse or adjourn
	 * does. Stops at the candidacy's end or where it waits for something else than a task (a campaign's announcement).
	 */
	private void drive(String id, Collectivite applicant, Set<String> uploaded, int count, boolean refuse, Random random) {
		Referential referential = candidacies.referentialOf(id);
		boolean refused = false;
		for (int i = 0; i < count; i++) {
			List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(id).active().orderByTaskCreateTime().asc().list();
			if (open.isEmpty()) {
				return;
			}
			Task task = open.get(random.nextInt(open.size()));
			Map<String, String> properties = stepProperties.computeIfAbsent(
					task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
					key -> TaskProperties.of((UserTask) repository.getBpmnModelInstance(task.getProcessDefinitionId())
						.getModelElementById(task.getTaskDefinitionKey())));
			List<String> outcomes = TaskProperties.outcomes(properties);
			String outcome = outcomes.contains("SUBMIT") ? "SUBMIT" : "APPROVE";
			if (refuse && !refused) {
				String negative = Stream.of("REJECT", "ADJOURN").filter(outcomes::contains).findFirst().orElse(null);
				if (negative != null) {
					outcome = negative;
					refused = true;
				}
			}
			JalonUser actor = actor(task, applicant);
			for (Referential.StageRule rule : referential.stageRules()) {
				if (!rule.step().equals(task.getTaskDefinitionKey())) {
					continue;
				}
				for (String type : rule.documents()) {
					if (uploaded.add(type)) {
						documents.upload(collectivite(applicant.code()), id, type, type + ".pdf", Api.pdf(type + " " + id));
						uploads.incrementAndGet();
					}
				}
			}
			reviews.complete(actor, task.getId(), completion(referential, task.getTaskDefinitionKey(), properties, outcome));
			steps.incrementAndGet();
			runJobs(id);
		}
	}

	private TaskCompletion completion(Referential referential, String key, Map<String, String> properties, String outcome) {
		Map<String, Object> data = new LinkedHashMap<>();
		referential.stageRules()
			.stream()
			.filter(rule -> rule.step().equals(key))
			.flatMap(rule -> rule.fields().stream())
			.forEach(field -> referential.field(field)
				.ifPresent(declared -> data.put(field,
						declared.type() == Referential.FieldType.BOOLEAN ? (Object) Boolean.TRUE : (Object) 80_000)));
		Map<String, Completion.LevelInput> assessment = new LinkedHashMap<>();
		if (properties.get("assessmentSource") != null) {
			String top = referential.scale().get(referential.scale().size() - 1).id();
			referential.criteria().forEach(criterion -> assessment.put(criterion.id(), new Completion.LevelInput(top, "Démontré.")));
		}
		Map<String, Completion.IndicatorInput> indicators = new LinkedHashMap<>();
		String field = properties.get("indicatorField");
		if (field != null) {
			referential.indicators()
				.forEach(indicator -> indicators.put(indicator.id(), "target".equals(field)
						? new Completion.IndicatorInput(40.0, null) : new Completion.IndicatorInput(null, 42.0)));
		}
		return new TaskCompletion(outcome, "Vu (volume).", assessment, indicators, data);
	}

	/** Who acts on the task: its assignee, else a user of its candidate group (the second expertise: expert-2). */
	private JalonUser actor(Task task, Collectivite applicant) {
		UserTask definition = repository.getBpmnModelInstance(task.getProcessDefinitionId())
			.getModelElementById(task.getTaskDefinitionKey());
		String group = definition.getCamundaCandidateGroups().split(",")[0].strip()
			.replace("${collectivite}", applicant.code())
			.replace("${departement}", applicant.departement())
			.replace("${region}", applicant.region());
		int colon = group.indexOf(':');
		String role = colon < 0 ? group : group.substring(0, colon);
		String scope = colon < 0 ? null : group.substring(colon + 1);
		if (Role.COLLECTIVITE.equals(role)) {
			return collectivite(scope);
		}
		String username = task.getAssignee() != null ? task.getAssignee()
				: role.equals("EXPERT") ? (task.getTaskDefinitionKey().contains("Second") ? "expert-2" : "expert-1")
						: role.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + (scope == null ? "" : "-" + scope);
		return new JalonUser(username, null, role, scope, true);
	}

	/** The due asynchronous jobs of every process of the candidacy: its programme's, and any certificate's of its own. */
	private void runJobs(String candidacyId) {
		for (boolean ran = true; ran;) {
			ran = false;
			for (var instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(candidacyId).list()) {
				for (Job job : management.createJobQuery().processInstanceId(instance.getId()).messages().executable().list()) {
					management.executeJob(job.getId());
					jobs.incrementAndGet();
					ran = true;
				}
			}
		}
	}

	private String status(String id) {
		Candidacy candidacy = candidacies.visible(admin(), id);
		return candidacy.status();
	}

	private static JalonUser admin() {
		return new JalonUser("admin", null, Role.ADMIN, null, true);
	}

	private static JalonUser collectivite(String code) {
		return new JalonUser("collectivite-" + code, null, Role.COLLECTIVITE, code, true);
	}

	// --- the report

	private Map<String, Long> report(JdbcTemplate sql, Duration took) {
		System.out.printf("VolumeGenerator: %,d candidacies added in %d s (%.1f/s): %,d task completions, %,d uploads, "
				+ "%,d jobs run, %,d certificates skipped, %d units failed%n", done.get(), took.toSeconds(),
				done.get() / Math.max(1.0, took.toMillis() / 1000.0), steps.get(), uploads.get(), jobs.get(),
				CERTIFICATES_SKIPPED.get(), failed.get());
		Map<String, Long> byProgramme = new java.util.TreeMap<>();
		System.out.println("VolumeGenerator: candidacies in the database by programme, stage and status:");
		sql.query("select programme, stage, status, count(*) from candidacy group by programme, stage, status"
				+ " order by programme, status, stage", row -> {
					System.out.printf("  %-12s %-22s %-12s %,9d%n", row.getString(1), row.getString(2), row.getString(3),
							row.getLong(4));
					byProgramme.merge(row.getString(1), row.getLong(4), Long::sum);
				});
		System.out.println("VolumeGenerator: by programme " + byProgramme + "; open tasks "
				+ sql.queryForObject("select count(*) from ACT_RU_TASK", Long.class) + "; documents "
				+ sql.queryForObject("select count(*) from document", Long.class) + "; campaigns "
				+ sql.queryForObject("select count(*) from campaign", Long.class));
		return byProgramme;
	}

	// --- Jalon in this process, without certificates

	/** The engine's certificate step, doing nothing: the path goes on, no PDF is rendered. */
	@TestConfiguration
	static class NoCertificates {

		@Bean("issueCertificate")
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		JavaDelegate issueCertificate() {
			return new SkippedCertificate();
		}

	}

	public static final class SkippedCertificate implements JavaDelegate {

		public void setKind(Expression kind) {
			// the kind is not needed: nothing is issued
		}

		@Override
		public void execute(DelegateExecution execution) {
			CERTIFICATES_SKIPPED.incrementAndGet();
		}

	}

	/**
	 * The test sources' configurations ({@code @TestConfiguration}, a mutable clock, a failing or pausing certificate
	 * delegate) are on this class path: the application's component scan must not pick them up, as a test context's
	 * does not.
	 */
	static final class SkipTestComponents extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
			var metadata = reader.getAnnotationMetadata();
			return metadata.hasAnnotation(TestComponent.class.getName())
					|| metadata.hasMetaAnnotation(TestComponent.class.getName());
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof SkipTestComponents;
		}

		@Override
		public int hashCode() {
			return SkipTestComponents.class.hashCode();
		}

	}

}
