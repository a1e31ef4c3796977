package fr.jalon;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load driver for the lists, against a running Jalon (the packaged jar on a database filled by
 * {@link VolumeGenerator}): for each list, C clients (4 by default) each send requests one after the other for a fixed
 * time, every latency recorded; prints p50/p95/p99, the slowest, requests per second, the mean answer size and any
 * answer other than 200. Requests begun during the warm-up are not counted; each client counts at least one, however long
 * it takes. The API is called with HTTP Basic (a verified password is remembered, so bcrypt runs once per
 * client); a page client signs in once through the login form (its CSRF token) and keeps its session cookie. Each
 * client has a connection of its own. Run on purpose, never by the build.
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" fr.jalon.ListsBenchmark \
 *      http://localhost:8080 30 4 5        # base URL, seconds per list, clients, warm-up seconds
 * </pre>
 *
 * {@code -Dlists.only=tasks-admin,dashboard} runs only those lists; {@code -Dlists.password=demo} is the accounts'
 * password.
 */
public final class ListsBenchmark {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final String PASSWORD = System.getProperty("lists.password", "demo");

	/** A list: its name, the account that asks, the path, and whether it is a page (a form session) or the API. */
	record Target(String name, String account, String path, boolean page) {
	}

	static final List<Target> TARGETS = List.of( //
			new Target("tasks-admin", "admin", "/api/tasks", false),
			new Target("tasks-ddt", "ddt-81", "/api/tasks", false),
			new Target("candidacies-admin", "admin", "/api/candidacies", false),
			new Target("instruction-ddt", "ddt-81", "/instruction", true),
			new Target("instruction-candidatures-ddt", "ddt-81", "/instruction/candidatures", true),
			new Target("dashboard-admin", "admin", "/administration", true));

	public static void main(String[] args) throws Exception {
		String base = args.length > 0 ? args[0] : "http://localhost:8080";
		int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
		int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
		int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 5;
		List<String> only = System.getProperty("lists.only") == null ? null
				: Arrays.asList(System.getProperty("lists.only").split(","));
		System.out.printf("ListsBenchmark: %s, %d clients, %d s per list after %d s of warm-up%n", base, clients, seconds,
				warmUp);
		System.out.printf("%-30s %-16s %7s %9s %9s %9s %9s %8s %11s %6s%n", "list", "account", "requests", "p50 ms",
				"p95 ms", "p99 ms", "max ms", "req/s", "mean bytes", "non-200");
		for (Target target : TARGETS) {
			if (only == null || only.contains(target.name())) {
				measure(base, target, clients, seconds, warmUp);
			}
		}
	}

	private static void measure(String base, Target target, int clients, int seconds, int warmUp) throws Exception {
		List<Client> all = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			all.add(new Client(base, target));
		}
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			long warmEnd = System.nanoTime() + Duration.ofSeconds(warmUp).toNanos();
			long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
			List<Future<?>> running = new ArrayList<>();
			for (Client client : all) {
				running.add(pool.submit(() -> {
					client.run(warmEnd, end);
					return null;
				}));
			}
			for (Future<?> future : running) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		long[] latencies = all.stream().flatMapToLong(client -> client.latencies.stream().mapToLong(Long::longValue)).sorted().toArray();
		long bytes = all.stream().mapToLong(client -> client.bytes).sum();
		long failures = all.stream().mapToLong(client -> client.failures).sum();
		String statuses = String.join(" ", all.stream().flatMap(client -> client.otherStatuses.stream()).distinct().toList());
		double window = all.stream().mapToLong(client -> client.measuredUntil).max().orElse(0) / 1e9
				- all.stream().mapToLong(client -> client.measuredFrom).min().orElse(0) / 1e9;
		System.out.printf("%-30s %-16s %7d %9s %9s %9s %9s %8.1f %11d %6s%n", target.name() + " " + target.path(),
				target.account(), latencies.length, ms(latencies, 0.50), ms(latencies, 0.95), ms(latencies, 0.99),
				ms(latencies, 1.0), latencies.length / Math.max(window, 1e-3),
				latencies.length == 0 ? 0 : bytes / latencies.length, failures == 0 ? "0" : failures + " (" + statuses + ")");
	}

	/** The nearest-rank percentile, in milliseconds with one decimal. */
	private static String ms(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return "-";
		}
		int rank = (int) Math.ceil(quantile * sorted.length);
		return String.format("%.1f", sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6);
	}

	/** One client: its own connection (and cookie jar), its requests one after the other. */
	private static final class Client {

		private final String base;

		private final Target target;

		private final HttpClient http;

		final List<Long> latencies = new ArrayList<>();

		final List<String> otherStatuses = new ArrayList<>();

		long bytes;

		long failures;

		long measuredFrom;

		long measuredUntil;

		Client(String base, Target target) throws IOException, InterruptedException {
			this.base = base;
			this.target = target;
			this.http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.cookieHandler(new CookieManager())
				.connectTimeout(Duration.ofSeconds(30))
				.build();
			if (target.page()) {
				signIn();
			}
		}

		/** The login form's page, its CSRF token, the form posted in that session: the session cookie is kept. */
		private void signIn() throws IOException, InterruptedException {
			String form = http.send(HttpRequest.newBuilder(URI.create(base + "/connexion")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			Matcher csrf = CSRF.matcher(form);
			if (!csrf.find()) {
				throw new IllegalStateException("no CSRF token in the login form");
			}
			String body = "username=" + URLEncoder.encode(target.account(), StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
			HttpResponse<Void> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/connexion"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding());
			String location = signedIn.headers().firstValue("Location").orElse("");
			if (signedIn.statusCode() != 302 || !location.endsWith("/espace")) {
				throw new IllegalStateException(target.account() + " not signed in: " + signedIn.statusCode() + " " + location);
			}
		}

		/**
		 * Requests one after the other: those begun in the warm-up are not counted; then each one begun before the end,
		 * and at least one per client, so that a list slower than the whole run still has its figures.
		 */
		void run(long warmEnd, long end) throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target.path()))
				.timeout(Duration.ofMinutes(5))
				.GET();
			if (!target.page()) {
				request.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((target.account() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
			}
			HttpRequest built = request.build();
			boolean measuring = false;
			while (true) {
				long sent = System.nanoTime();
				if (sent >= end && !latencies.isEmpty()) {
					return;
				}
				if (!measuring && (sent >= warmEnd || sent >= end)) {
					measuring = true;
					measuredFrom = sent;
				}
				HttpResponse<byte[]> answer = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
				long took = System.nanoTime() - sent;
				if (measuring) {
					latencies.add(took);
					bytes += answer.body().length;
					measuredUntil = System.nanoTime();
					if (answer.statusCode() != 200) {
						failures++;
						if (!otherStatuses.contains(String.valueOf(answer.statusCode()))) {
							otherStatuses.add(String.valueOf(answer.statusCode()));
						}
					}
				}
			}
		}

	}

}
