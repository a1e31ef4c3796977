package fr.jalon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.Simulations;
import fr.jalon.collectivite.Collectivite;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: the simulation of a draft EcoQuartier version ({@link Simulations}) over N candidacies (10,000 by
 * default), each with a dossier as the contract stage leaves it (a signed charter; every commitment assessed by the
 * collectivité, the coordinating expert and the second expert; every indicator a target and a value), inserted by
 * JDBC in batches. The application runs in process on an embedded H2 file database of its own, as the embedded default
 * ({@code WRITE_DELAY=0}, in a temporary folder deleted after), profile {@code test}. After a warm-up, several runs
 * of the whole selection ({@code {}}), p50 and max; beside them, in the same run, two baselines: a plain count of the
 * selection's assessments (one statement over the same rows), and one candidacy's evaluation through the
 * application's own path ({@link CandidacyService#evaluation}), whose time times N is what a simulation one
 * candidacy at a time would take. Prints the ratios, and the simulation's CPU time (its thread's) beside its wall
 * time: on a machine other processes keep busy, the difference is the wait for a core.
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" fr.jalon.SimulationBenchmark 10000 10
 * </pre>
 */
public final class SimulationBenchmark {

	private static final JalonUser ADMIN = new JalonUser("admin", null, Role.ADMIN, null, true);

	private SimulationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int candidacies = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
		Path folder = Files.createTempDirectory("jalon-simulation-benchmark");
		System.setProperty("server.port", "0");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JalonApplication.class).profiles("test")
			.properties("spring.datasource.url=jdbc:h2:file:" + folder.resolve("jalon")
					+ ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000", "logging.level.root=warn")
			.run()) {
			Referentials referentials = app.getBean(Referentials.class);
			Referential published = referentials.published("ecoquartier");
			long insertStart = System.nanoTime();
			List<String> ids = insert(app.getBean(JdbcTemplate.class), published, candidacies);
			System.out.printf("SimulationBenchmark: %d candidacies inserted in %d ms, %d runs after 3 of warm-up, Java %s%n",
					candidacies, (System.nanoTime() - insertStart) / 1_000_000, runs, System.getProperty("java.version"));
			int draft = draft(app, referentials, published);
			Simulations simulations = app.getBean(Simulations.class);
			CandidacyService service = app.getBean(CandidacyService.class);
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			Simulations.Simulation last = null;
			for (int i = 0; i < 3; i++) {
				last = simulations.simulate(ADMIN, "ecoquartier", draft, Simulations.Selection.ALL);
				service.evaluation(ADMIN, ids.get(i));
				count(jdbc);
			}
			java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
			long[] simulation = new long[runs];
			long[] simulationCpu = new long[runs];
			long[] counting = new long[runs];
			long[] evaluation = new long[runs];
			for (int run = 0; run < runs; run++) {
				long cpu = threads.getCurrentThreadCpuTime();
				long start = System.nanoTime();
				last = simulations.simulate(ADMIN, "ecoquartier", draft, Simulations.Selection.ALL);
				simulation[run] = System.nanoTime() - start;
				simulationCpu[run] = threads.getCurrentThreadCpuTime() - cpu;
				start = System.nanoTime();
				count(jdbc);
				counting[run] = System.nanoTime() - start;
				start = System.nanoTime();
				service.evaluation(ADMIN, ids.get(run % ids.size()));
				evaluation[run] = System.nanoTime() - start;
			}
			System.out.printf("simulated: %d candidacies, %d flips, %d rules%n", last.candidacies(), last.flips().size(),
					last.rules().size());
			System.out.printf("%-46s %10s %10s%n", "phase", "p50 ms", "max ms");
			print("simulation of the whole selection", simulation);
			print("  its CPU time (the calling thread)", simulationCpu);
			print("baseline: count of its assessments (1 statement)", counting);
			print("baseline: one candidacy's evaluation", evaluation);
			double p50 = median(simulation);
			System.out.printf("ratio simulation / count of assessments: %.1f%n", p50 / median(counting));
			System.out.printf("ratio simulation / one evaluation: %.1f (one at a time: %d evaluations)%n",
					p50 / median(evaluation), candidacies);
			System.out.printf("simulation per candidacy: %.3f ms; one candidacy's evaluation: %.3f ms%n",
					p50 / 1e6 / candidacies, median(evaluation) / 1e6);
		}
		finally {
			try (var files = Files.walk(folder)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private static void count(JdbcTemplate jdbc) {
		jdbc.queryForObject("select count(*) from assessment a join candidacy c on c.id = a.candidacy_id"
				+ " where c.programme = 'ecoquartier'", Long.class);
	}

	/** Version 2: the published one with the coordinating expert's share of satisfactory commitments raised to 90 %. */
	private static int draft(ConfigurableApplicationContext app, Referentials referentials, Referential published) {
		ObjectMapper json = app.getBean(ObjectMapper.class);
		ObjectNode draft = json.valueToTree(published.asDraft(published.version() + 1));
		draft.remove("status");
		draft.withArray("stageRules").forEach(rule -> {
			if (rule.has("minimumShare")) {
				((ObjectNode) rule.get("minimumShare")).put("share", 0.9);
			}
		});
		return referentials.create(ADMIN, "ecoquartier", draft).referential().version();
	}

	/**
	 * N candidacies at the contract stage, of 200 communes of every region, each with its signed charter, every
	 * commitment assessed by three sources (levels drawn at random, the same seed every run) and every indicator a
	 * target and a value.
	 */
	private static List<String> insert(JdbcTemplate jdbc, Referential referential, int rows) {
		List<String[]> communes = jdbc.query("select code, departement, region from collectivite where kind = 'COMMUNE'"
				+ " and region is not null order by code", (result, i) -> new String[] { result.getString(1),
						result.getString(2), result.getString(3) });
		List<String[]> spread = new ArrayList<>();
		for (int i = 0; i < 200 && !communes.isEmpty(); i++) {
			spread.add(communes.get(i * communes.size() / 200));
		}
		List<String> criteria = referential.criteria().map(Referential.Criterion::id).toList();
		List<String> indicators = referential.indicators().map(Referential.Indicator::id).toList();
		List<String> levels = referential.scale().stream().map(Referential.Level::id).toList();
		List<String> sources = List.of(Referential.SELF, "COORDINATING_EXPERT", "SECOND_EXPERT");
		Random random = new Random(18);
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		List<String> ids = new ArrayList<>();
		List<Object[]> candidacies = new ArrayList<>();
		List<Object[]> assessments = new ArrayList<>();
		List<Object[]> entries = new ArrayList<>();
		List<Object[]> documents = new ArrayList<>();
		for (int i = 0; i < rows; i++) {
			String id = UUID.randomUUID().toString();
			ids.add(id);
			String[] commune = spread.get(i % spread.size());
			Timestamp at = Timestamp.from(base.plusSeconds(60L * i));
			String title = "Quartier simulé n° " + i;
			candidacies.add(new Object[] { id, "ecoquartier", commune[0], commune[1], commune[2], title, "CONTRACT",
					"IN_PROGRESS", referential.version(), at, at, 0L, Collectivite.searchable(title) });
			for (String source : sources) {
				// Mostly satisfactory, as dossiers that reach the experts are: some pass 75 % and not 90 %.
				for (String criterion : criteria) {
					String level = random.nextInt(10) < 8 ? levels.get(levels.size() - 1)
							: levels.get(random.nextInt(levels.size()));
					assessments.add(new Object[] { id, source, criterion, level, "bench", at });
				}
			}
			for (String indicator : indicators) {
				entries.add(new Object[] { id, indicator, 10.0, random.nextDouble() * 20 });
			}
			documents.add(new Object[] { UUID.randomUUID().toString(), id, "signed-charter", "charte.pdf",
					"application/pdf", 1000L, "0".repeat(64), "bench", at });
			if (candidacies.size() == 500 || i == rows - 1) {
				jdbc.batchUpdate("insert into candidacy (id, programme, collectivite, departement, region, title, stage,"
						+ " status, referential_version, created_at, updated_at, version, search_title)"
						+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", candidacies);
				jdbc.batchUpdate("insert into assessment (candidacy_id, source, criterion, level, author, at)"
						+ " values (?, ?, ?, ?, ?, ?)", assessments);
				jdbc.batchUpdate("insert into indicator_entry (candidacy_id, indicator, target, measured)"
						+ " values (?, ?, ?, ?)", entries);
				jdbc.batchUpdate("insert into document (id, candidacy_id, type, filename, content_type, size, sha256,"
						+ " uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", documents);
				candidacies.clear();
				assessments.clear();
				entries.clear();
				documents.clear();
			}
		}
		return ids;
	}

	private static void print(String phase, long[] nanos) {
		System.out.printf("%-46s %10.1f %10.1f%n", phase, median(nanos) / 1e6,
				Arrays.stream(nanos).max().orElse(0) / 1e6);
	}

	private static double median(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
	}

}
