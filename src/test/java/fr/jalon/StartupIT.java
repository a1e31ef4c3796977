package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar watched from the moment its process starts: requests of the API and of the pages, sent again and
 * again while it starts, never get an answer a client would take for a real one (a 401 for valid credentials, a 404
 * for a referential that exists) before readiness. Each is refused (nothing listens yet) or answered 503 with
 * {@code Retry-After}; once the readiness probe says UP, each answers 200.
 */
class StartupIT extends InstalledJar {

	/** What is asked again and again while Jalon starts: who asks (null: nobody signed in), and where. */
	private static final List<Request> REQUESTS = List.of(new Request("admin", "/api/referentials/ecoquartier"),
			new Request("mairie-albi", "/api/candidacies"), new Request(null, "/espace"), new Request(null, "/connexion"));

	private static final String REFUSED = "connection refused";

	@Test
	void answersNothingButRetryLaterBeforeItIsReady() throws Exception {
		List<Answer> beforeReady = new ArrayList<>();
		List<Answer> probes = new ArrayList<>();
		jalon.launch();
		long launched = System.nanoTime();
		Awaitility.await("Jalon's readiness probe UP")
			.atMost(Duration.ofMinutes(3))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(25))
			.until(() -> {
				for (Request request : REQUESTS) {
					beforeReady.add(request.send(jalon));
				}
				Answer probe = Answer.of(new Request(null, JalonProcess.READINESS), jalon::probe);
				probes.add(probe);
				// A probe that sends to a login page or refuses will never say UP: no use waiting for it.
				return probe.ready || List.of(302, 401, 403, 404).contains(probe.status);
			});
		long ready = System.nanoTime();

		Map<String, Long> kinds = beforeReady.stream()
			.collect(Collectors.groupingBy(Answer::toString, TreeMap::new, Collectors.counting()));
		System.out.printf("StartupIT: ready %d ms after the process started; %d rounds of %d requests before, "
				+ "answered %s; the readiness probe answered %s%n", Duration.ofNanos(ready - launched).toMillis(),
				probes.size(), REQUESTS.size(), kinds, probes.stream()
					.collect(Collectors.groupingBy(Answer::kind, TreeMap::new, Collectors.counting())));

		assertThat(probes).as("readiness probe answers (anonymous, redirects not followed)")
			.allSatisfy(probe -> assertThat(probe.kind()).isIn(REFUSED, "503", "200"));
		assertThat(beforeReady).as("answers before readiness")
			.allSatisfy(answer -> assertThat(answer.kind()).isIn(REFUSED, "503 with Retry-After", "200"));
		assertThat(beforeReady).as("API answers before readiness, when refused with 503")
			.filteredOn(answer -> answer.status == 503 && answer.request.path.startsWith("/api/"))
			.allSatisfy(answer -> assertThat(answer.contentType).startsWith("application/problem+json"));

		for (Request request : REQUESTS) {
			assertThat(request.send(jalon).status).as(request + " once ready").isEqualTo(200);
		}
		HttpResponse<String> liveness = jalon.probe("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"status\":\"UP\"");
	}

	private record Request(String username, String path) {

		Answer send(JalonProcess jalon) {
			return Answer.of(this, path -> jalon.answer(username, path));
		}

		@Override
		public String toString() {
			return "GET " + path + (username == null ? "" : " as " + username);
		}

	}

	private interface Send {

		HttpResponse<String> apply(String path) throws IOException, InterruptedException;

	}

	/** An answer, or the failure to get one (status 0, what failed in {@code failure}). */
	private record Answer(Request request, int status, String retryAfter, String contentType, boolean ready,
			String failure) {

		static Answer of(Request request, Send send) {
			try {
				HttpResponse<String> response = send.apply(request.path);
				return new Answer(request, response.statusCode(),
						response.headers().firstValue("Retry-After").orElse(null),
						response.headers().firstValue("Content-Type").orElse(""), JalonProcess.isUp(response), null);
			}
			catch (ConnectException refused) {
				return new Answer(request, 0, null, "", false, REFUSED);
			}
			catch (IOException ex) {
				return new Answer(request, 0, null, "", false, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/** What a client would make of it: nothing listens, come back later, or a real answer of that status. */
		String kind() {
			if (failure != null) {
				return failure;
			}
			if (status == 503 && retryAfter != null) {
				return "503 with Retry-After";
			}
			return String.valueOf(status);
		}

		@Override
		public String toString() {
			return request + " → " + kind();
		}

	}

}
