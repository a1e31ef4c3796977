package fr.jalon;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged jar run as an operator would: {@code java -jar jalon.jar} in a working directory, on a port chosen
 * once, so that it can be killed (or stopped) and started again on the same data; with its own arguments and
 * environment when several nodes share a database. Not a test: the one helper of the tests that start the jar
 * ({@link CrashRecoveryIT}, {@link StartupIT}, {@link ShutdownIT}, {@link BackupRestore}, {@link ClusterIT}).
 */
final class JalonProcess {

	private static final Duration START_DEADLINE = Duration.ofSeconds(180);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final HttpClient browser = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	private final Path jar;

	private final Path workDir;

	private final int port;

	private final List<String> arguments;

	private final Map<String, String> environment;

	private Process process;

	private Path log;

	private int starts;

	JalonProcess(Path jar, Path workDir) throws IOException {
		this(jar, workDir, List.of(), Map.of());
	}

	/** The jar with more arguments (a profile, a property) and environment variables (e.g. JALON_DB_URL). */
	JalonProcess(Path jar, Path workDir, List<String> arguments, Map<String, String> environment) throws IOException {
		this.jar = jar;
		this.workDir = workDir;
		this.arguments = List.copyOf(arguments);
		this.environment = Map.copyOf(environment);
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
	}

	/** Starts the jar and waits until its readiness probe is UP (its start-up work, demo accounts included, done). */
	void start() throws IOException {
		launch();
		awaitReady(START_DEADLINE);
	}

	/** Starts the jar and returns at once: for a test that watches the port from the first moment, or nodes started together. */
	void launch() throws IOException {
		log = workDir.resolve("jalon-" + (++starts) + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toAbsolutePath().toString(),
				"--server.port=" + port));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		process = builder.start();
	}

	/**
	 * Stops the process with SIGTERM, as an operator or an orchestrator would, and waits for it to end; answers its
	 * exit value. Fails if it outlives {@code deadline}.
	 */
	int terminate(Duration deadline) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("Jalon still ran " + deadline.toSeconds() + " s after a SIGTERM:\n" + logTail(60));
		}
		return process.exitValue();
	}

	/** The running process, for a caller that reads its CPU time (the path benchmark). */
	ProcessHandle handle() {
		return process.toHandle();
	}

	boolean isAlive() {
		return process != null && process.isAlive();
	}

	/**
	 * One request as it comes, whatever its answer (redirects followed, as a browser would): the caller judges it.
	 * {@code username} null for an anonymous request; fails with an {@link IOException} when nothing answers.
	 */
	HttpResponse<String> answer(String username, String path) throws IOException, InterruptedException {
		return browser.send(request(username, path).GET().build(), BodyHandlers.ofString());
	}

	/** One anonymous request, redirects not followed (a probe must answer by itself, not send to a login page). */
	HttpResponse<String> probe(String path) throws IOException, InterruptedException {
		return http.send(request(null, path).GET().build(), BodyHandlers.ofString());
	}

	/** Waits until the launched jar's readiness probe is UP; fails with its log if it exits. */
	void awaitReady(Duration deadline) {
		await("Jalon ready on port " + port).atMost(deadline)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(this::isReady);
	}

	/** The address of a path on this node. */
	URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	/** Kills the process with SIGKILL, as the OOM killer or a power cut would; answers its exit value. */
	int kill() throws InterruptedException {
		process.destroyForcibly();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			throw new AssertionError("the process survived a SIGKILL");
		}
		return process.exitValue();
	}

	/** Kills the process if it still runs; for the end of a test, whatever happened. */
	void stop() throws InterruptedException {
		if (process != null && process.isAlive()) {
			kill();
		}
	}

	String logTail(int lines) {
		try {
			List<String> all = log().lines().toList();
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private String log() throws IOException {
		return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
	}

	Account as(String username) {
		return new Account(username);
	}

	private boolean isReady() throws IOException, InterruptedException {
		if (!process.isAlive()) {
			throw new IllegalStateException("Jalon exited with " + process.exitValue() + " while starting:\n"
					+ logTail(60));
		}
		return isUp(probe(READINESS));
	}

	/** The readiness probe: UP once every start-up task has run, down again while the process stops. */
	static final String READINESS = "/actuator/health/readiness";

	static boolean isUp(HttpResponse<String> probe) {
		if (probe.statusCode() != 200) {
			return false;
		}
		try {
			return JSON.readTree(probe.body()).path("status").asText().equals("UP");
		}
		catch (IOException notJson) {
			return false;
		}
	}

	private HttpRequest.Builder request(String username, String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(60));
		if (username != null) {
			String credentials = username + ":demo";
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

	/** The HTTP API as one demo account uses it; every call must succeed (2xx) or the test fails with the answer. */
	final class Account {

		private final String username;

		private Account(String username) {
			this.username = username;
		}

		JsonNode get(String path) {
			return json(send(request(username, path).GET(), BodyHandlers.ofString()));
		}

		byte[] bytes(String path) {
			return send(request(username, path).GET(), BodyHandlers.ofByteArray()).body();
		}

		/** A GET answered whatever its status, for a test to read (e.g. a 409 before a certificate is issued). */
		HttpResponse<byte[]> answer(String path) {
			try {
				return http.send(request(username, path).GET().build(), BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		JsonNode post(String path, Object body) {
			try {
				return json(send(request(username, path).header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString(JSON.writeValueAsString(body))), BodyHandlers.ofString()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** Uploads a document as a browser would: a multipart form with the parts {@code type} and {@code file}. */
		JsonNode upload(String candidacyId, String type, String filename, String contentType, byte[] content) {
			String boundary = "jalon-" + UUID.randomUUID();
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type
					+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
					+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(content);
			body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return json(send(request(username, "/api/candidacies/" + candidacyId + "/documents")
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(BodyPublishers.ofByteArray(body.toByteArray())), BodyHandlers.ofString()));
		}

		/** The id of this account's open task of that key on that candidacy; fails if there is none. */
		String task(String candidacyId, String key) {
			for (JsonNode task : get("/api/tasks?candidacy=" + candidacyId)) {
				if (task.get("key").asText().equals(key)) {
					return task.get("id").asText();
				}
			}
			throw new AssertionError("no open task " + key + " for " + username);
		}

		JsonNode complete(String taskId, Object body) {
			return post("/api/tasks/" + taskId + "/complete", body);
		}

		private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
			try {
				HttpResponse<T> response = http.send(request.build(), body);
				if (response.statusCode() / 100 != 2) {
					Object answer = response.body() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
							: response.body();
					throw new AssertionError(response.request().method() + " " + response.uri() + " as " + username
							+ " answered " + response.statusCode() + ": " + answer);
				}
				return response;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private JsonNode json(HttpResponse<String> response) {
			try {
				return JSON.readTree(response.body());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
