package fr.jalon.collectivite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import fr.jalon.JalonApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The search over every official body (issue 17), and the first start that loads them: starts Jalon in this JVM on
 * an empty database (a fresh H2 file by default; {@code postgresql} and JALON_DB_URL for an empty PostgreSQL one),
 * reads the import's time from its record, then times {@link CollectiviteSearch} for a mix of queries (full names,
 * « St » forms, one- and two-letter prefixes that match thousands), in this JVM and through
 * {@code GET /api/collectivites?q=} over HTTP (HTTP Basic, one client); prints p50/p99/max of each, and the database's
 * size. Run on purpose, never by the build:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
 *      fr.jalon.collectivite.CollectiviteSearchBenchmark h2 2000      # or: postgresql 2000 (JALON_DB_URL=...)
 * </pre>
 */
public final class CollectiviteSearchBenchmark {

	static final List<String> QUERIES = List.of("saint etienne", "St-Étienne", "ST ETIENNE", "albi",
			"l isle sur la sorgue", "Rodez", "paris", "marseille", "lyon", "bordeaux", "villeneuve", "val", "mont",
			"sa", "s", "a", "le", "saint", "ste marie", "la roche sur", "pont", "chateau", "beaulieu", "neuf",
			"Communauté de communes", "CA du", "Département du", "Région", "Aix", "Ille");

	public static void main(String[] args) throws Exception {
		String database = args.length > 0 ? args[0] : "h2";
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
		Path dataDir = Files.createTempDirectory("jalon-search-benchmark");
		// As arguments: above application.yaml (its data-dir would reuse a database imported before).
		String[] properties = { "--jalon.data-dir=" + dataDir, "--server.port=0",
				"--camunda.bpm.job-execution.enabled=false", "--logging.level.root=warn",
				"--logging.level.fr.jalon.collectivite=info" };
		SpringApplicationBuilder builder = new SpringApplicationBuilder(JalonApplication.class);
		if (database.equals("postgresql")) {
			builder.profiles("postgresql");
		}
		long started = System.nanoTime();
		try (ConfigurableApplicationContext context = builder.run(properties)) {
			long startMillis = (System.nanoTime() - started) / 1_000_000;
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Map<String, Object> record = jdbc.queryForMap("select duration_ms, communes, epcis, delegated, inserted "
					+ "from collectivite_import");
			long bodies = jdbc.queryForObject("select count(*) from collectivite", Long.class);
			long words = jdbc.queryForObject("select count(*) from collectivite_word", Long.class);
			System.out.printf("CollectiviteSearchBenchmark on %s: %d bodies, %d words; start %d ms, import %s%n",
					database, bodies, words, startMillis, record);

			CollectiviteSearch search = context.getBean(CollectiviteSearch.class);
			Collectivites byCode = context.getBean(Collectivites.class);
			java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
			// The baseline, in the same run and the same way: one body read by its code (a primary-key lookup and
			// its entity), interleaved with the searches so that both see the same load.
			List<Long> service = new ArrayList<>();
			List<Long> serviceCpu = new ArrayList<>();
			List<Long> baseline = new ArrayList<>();
			List<Long> baselineCpu = new ArrayList<>();
			for (int round = -rounds / 10; round < rounds; round++) {
				String q = QUERIES.get(Math.floorMod(round, QUERIES.size()));
				long cpu = threads.getCurrentThreadCpuTime();
				long at = System.nanoTime();
				search.search(q, null, null, null, PageRequest.of(0, 20));
				long took = System.nanoTime() - at;
				long tookCpu = threads.getCurrentThreadCpuTime() - cpu;
				cpu = threads.getCurrentThreadCpuTime();
				at = System.nanoTime();
				byCode.findById("81004").orElseThrow();
				long base = System.nanoTime() - at;
				long baseCpu = threads.getCurrentThreadCpuTime() - cpu;
				if (round >= 0) {
					service.add(took);
					serviceCpu.add(tookCpu);
					baseline.add(base);
					baselineCpu.add(baseCpu);
				}
			}
			print("baseline (one body by its code)", baseline);
			print("service (CollectiviteSearch, page of 20)", service);
			System.out.printf("%-45s p50 ×%.1f  p99 ×%.1f the baseline's%n", "  ratio", ratio(service, baseline, 0.5),
					ratio(service, baseline, 0.99));
			// On H2 (embedded) the queries run in this thread: its CPU time is the search's own work, whatever the
			// machine's load; on PostgreSQL the server's work is in another process and not counted here.
			print("service, this thread's CPU time", serviceCpu);
			print("baseline, this thread's CPU time", baselineCpu);
			for (int i = 0; i < QUERIES.size(); i++) {
				List<Long> one = new ArrayList<>();
				List<Long> oneCpu = new ArrayList<>();
				for (int round = i; round < service.size(); round += QUERIES.size()) {
					one.add(service.get(round));
					oneCpu.add(serviceCpu.get(round));
				}
				print("  q=" + QUERIES.get(i), one);
				print("    its CPU time", oneCpu);
			}

			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			String basic = "Basic "
					+ Base64.getEncoder().encodeToString("mairie-albi:demo".getBytes(StandardCharsets.UTF_8));
			List<Long> api = new ArrayList<>();
			for (int round = -rounds / 10; round < rounds; round++) {
				String q = QUERIES.get(Math.floorMod(round, QUERIES.size()));
				HttpRequest request = HttpRequest
					.newBuilder(URI.create("http://localhost:" + port + "/api/collectivites?size=20&q="
							+ URLEncoder.encode(q, StandardCharsets.UTF_8)))
					.header("Authorization", basic)
					.build();
				long at = System.nanoTime();
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (round >= 0) {
					api.add(System.nanoTime() - at);
				}
				if (response.statusCode() != 200) {
					throw new IllegalStateException(q + ": " + response.statusCode() + " " + response.body());
				}
			}
			print("API (GET /api/collectivites?q=, size=20)", api);
			if (database.equals("postgresql")) {
				System.out.printf("database size: %d MB (collectivite and its indexes: %d MB, collectivite_word: %d MB)%n",
						jdbc.queryForObject("select pg_database_size(current_database())", Long.class) >> 20,
						jdbc.queryForObject("select pg_total_relation_size('collectivite')", Long.class) >> 20,
						jdbc.queryForObject("select pg_total_relation_size('collectivite_word')", Long.class) >> 20);
			}
		}
		if (!database.equals("postgresql")) {
			try (Stream<Path> files = Files.walk(dataDir)) {
				files.filter(path -> path.toString().endsWith(".mv.db"))
					.forEach(path -> System.out.printf("database file %s: %d MB%n", path.getFileName(), size(path) >> 20));
			}
		}
	}

	private static long size(Path path) {
		try {
			return Files.size(path);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static long percentile(List<Long> nanos, double rank) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * rank) - 1));
	}

	private static double ratio(List<Long> nanos, List<Long> baseline, double rank) {
		return (double) percentile(nanos, rank) / Math.max(1, percentile(baseline, rank));
	}

	private static void print(String what, List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		System.out.printf("%-45s %6d requests  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms%n", what, sorted.size(),
				sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6,
				sorted.get(sorted.size() - 1) / 1e6);
	}

}
