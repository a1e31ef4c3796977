package fr.jalon;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Server CPU per authenticated request, by way of authentication: {@code GET /api/tasks} with an API token (the
 * baseline), with HTTP Basic whose verified password is remembered (warm) and with a password this node has not yet
 * verified (cold: bcrypt, one fresh account per request), the page of tasks {@code /instruction} with a page session
 * (cookie; the API keeps no session and refuses cookies), and an anonymous static file as a floor. The application
 * runs in this JVM on an H2 file in a temporary folder, on a real port; the client calls it over HTTP, one request
 * after the other, on one connection. CPU is the sum of the server's request threads' CPU time ({@code http-nio-*},
 * {@link ThreadMXBean}): the client's threads, the GC and the JIT are not counted. The scenarios are interleaved round
 * by round, each after a warm-up; each figure is the median over the rounds, and its ratio is to the token's in the
 * same round. Run on purpose, never by the build:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" fr.jalon.AuthenticationBenchmark 200 3 20
 *      # requests per scenario and round, rounds, requests per round of cold Basic (each a bcrypt)
 * </pre>
 */
public final class AuthenticationBenchmark {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final String ACCOUNT = "ddt-81";

	private static final String PASSWORD = "demo";

	private static final String COLD_PASSWORD = "une longue phrase de passe du banc";

	public static void main(String[] args) throws Exception {
		int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		int coldRequests = args.length > 2 ? Integer.parseInt(args[2]) : 20;
		Path dir = Files.createTempDirectory("jalon-auth-bench");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JalonApplication.class)
			.run("--jalon.data-dir=" + dir.toAbsolutePath(), "--server.port=0",
					"--logging.file.name=" + dir.toAbsolutePath().resolve("jalon.log"), "--logging.threshold.console=OFF",
					"--spring.main.banner-mode=off");
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			new AuthenticationBenchmark(context, "http://localhost:" + port).run(requests, rounds, coldRequests);
		}
		finally {
			context.close();
		}
	}

	private final ConfigurableApplicationContext context;

	private final String base;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final HttpClient browser = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.cookieHandler(new CookieManager())
		.build();

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private int coldAccounts;

	private AuthenticationBenchmark(ConfigurableApplicationContext context, String base) {
		this.context = context;
		this.base = base;
	}

	private void run(int requests, int rounds, int coldRequests) throws Exception {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((ACCOUNT + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "/api/me/tokens"))
			.header("Authorization", basic)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"banc\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String bearer = "Bearer " + new ObjectMapper().readTree(created.body()).get("token").asText();
		signIn();
		List<String> cold = coldAccounts(coldRequests * (rounds + 1));

		Map<String, IntFunction<HttpRequest>> scenarios = new LinkedHashMap<>();
		scenarios.put("token  GET /api/tasks", i -> api("/api/tasks", bearer));
		scenarios.put("basic  GET /api/tasks (warm)", i -> api("/api/tasks", basic));
		scenarios.put("basic  GET /api/tasks (cold, bcrypt)", i -> api("/api/tasks", "Basic " + Base64.getEncoder()
			.encodeToString((cold.get(coldAccounts++) + ":" + COLD_PASSWORD).getBytes(StandardCharsets.UTF_8))));
		scenarios.put("session GET /instruction (page)", i -> HttpRequest.newBuilder(URI.create(base + "/instruction")).build());
		scenarios.put("anonymous GET /robots.txt (floor)", i -> HttpRequest.newBuilder(URI.create(base + "/robots.txt")).build());

		Map<String, List<Double>> micros = new LinkedHashMap<>();
		Map<String, List<Double>> ratios = new LinkedHashMap<>();
		for (int round = 0; round <= rounds; round++) {
			Map<String, Double> thisRound = new HashMap<>();
			for (var scenario : scenarios.entrySet()) {
				boolean isCold = scenario.getKey().contains("cold");
				boolean page = scenario.getKey().startsWith("session");
				int n = isCold ? coldRequests : requests;
				if (!isCold) {
					measure(scenario.getValue(), n / 3, page); // warm-up
				}
				thisRound.put(scenario.getKey(), measure(scenario.getValue(), n, page));
			}
			if (round == 0) {
				continue; // the first round warms up the cold path too
			}
			double baseline = thisRound.get("token  GET /api/tasks");
			System.out.printf("round %d:%n", round);
			for (String name : scenarios.keySet()) {
				double value = thisRound.get(name);
				micros.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
				ratios.computeIfAbsent(name, k -> new ArrayList<>()).add(value / baseline);
				System.out.printf("  %-40s %10.0f µs CPU/request  ×%.2f%n", name, value, value / baseline);
			}
		}
		System.out.printf("%nmedians over %d rounds (%d requests per scenario and round, %d cold Basic), %s:%n", rounds,
				requests, coldRequests, Instant.now());
		for (String name : scenarios.keySet()) {
			System.out.printf("  %-40s %10.0f µs CPU/request  ×%.2f of the token's%n", name, median(micros.get(name)),
					median(ratios.get(name)));
		}
	}

	/** The mean server CPU, in µs, of the request threads per request over {@code n} requests. */
	private double measure(IntFunction<HttpRequest> request, int n, boolean page) throws Exception {
		Map<Long, Long> before = serverCpu();
		HttpClient http = page ? browser : client;
		for (int i = 0; i < n; i++) {
			HttpResponse<Void> response = http.send(request.apply(i), HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(request.apply(i).uri() + " → " + response.statusCode());
			}
		}
		Map<Long, Long> after = serverCpu();
		long total = 0;
		for (var entry : after.entrySet()) {
			total += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
		}
		return total / 1000.0 / n;
	}

	/** CPU time (ns) of each of the server's threads: Tomcat's acceptor, poller and request threads. */
	private Map<Long, Long> serverCpu() {
		Map<Long, Long> cpu = new HashMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("http-nio-")) {
				long time = threads.getThreadCpuTime(info.getThreadId());
				if (time >= 0) {
					cpu.put(info.getThreadId(), time);
				}
			}
		}
		return cpu;
	}

	private HttpRequest api(String path, String authorization) {
		return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).build();
	}

	/** A page session: the login form's CSRF token, the form posted; the cookie kept by the browser client. */
	private void signIn() throws Exception {
		String form = browser.send(HttpRequest.newBuilder(URI.create(base + "/connexion")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(form);
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on /connexion");
		}
		String body = "username=" + ACCOUNT + "&password=" + PASSWORD + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<Void> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/connexion"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.discarding());
		if (login.statusCode() != 302 || !login.headers().firstValue("Location").orElse("").endsWith("/espace")) {
			throw new IllegalStateException("sign-in failed: " + login.statusCode() + " " + login.headers());
		}
	}

	/** Accounts whose passwords this node has never verified, each with a bcrypt hash of its own. */
	private List<String> coldAccounts(int count) {
		PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = "banc-froid-" + i;
			jdbc.update("insert into account (username, password_hash, role, scope, enabled, created_at) "
					+ "values (?, ?, 'DDT', '81', true, current_timestamp)", name, encoder.encode(COLD_PASSWORD));
			names.add(name);
		}
		return names;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
