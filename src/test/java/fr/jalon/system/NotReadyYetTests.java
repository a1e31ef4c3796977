package fr.jalon.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Until the application accepts traffic, and again once it stops, every request but the probes is answered 503 with
 * {@code Retry-After}, before any other filter (security included) sees it: a problem detail for the API, a French
 * page for a browser.
 */
class NotReadyYetTests {

	private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();

	private final NotReadyYet.Filter filter = new NotReadyYet.Filter(availability);

	@Test
	void answersAnApiCall503WithRetryAfterWhileStarting() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = send(request("/api/referentials/ecoquartier", "application/json"), chain);

		assertThat(chain.getRequest()).as("passed on").isNull();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"type\":\"urn:jalon:problem:unavailable\"",
				"\"status\":503", "\"title\":\"Service momentanément indisponible\"", "Jalon démarre");
	}

	@Test
	void answersABrowserAFrenchPageWhileStarting() throws Exception {
		MockHttpServletResponse response = send(request("/espace", "text/html,*/*;q=0.8"), new MockFilterChain());

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentType()).startsWith("text/html");
		assertThat(response.getContentAsString()).contains("lang=\"fr\"", "Jalon démarre", "se rechargera");
	}

	@Test
	void letsTheProbesThroughWhateverTheState() throws Exception {
		for (String probe : new String[] { "/actuator/health", "/actuator/health/readiness",
				"/actuator/health/liveness" }) {
			MockFilterChain chain = new MockFilterChain();
			send(request(probe, null), chain);
			assertThat(chain.getRequest()).as(probe).isNotNull();
		}
		MockFilterChain chain = new MockFilterChain();
		assertThat(send(request("/actuator/healthy", null), chain).getStatus()).isEqualTo(503);
	}

	@Test
	void letsEverythingThroughOnceReady() throws Exception {
		ready(ReadinessState.ACCEPTING_TRAFFIC);
		MockFilterChain chain = new MockFilterChain();
		send(request("/api/candidacies", null), chain);
		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void answers503AgainOnceStopping() throws Exception {
		ready(ReadinessState.ACCEPTING_TRAFFIC);
		ready(ReadinessState.REFUSING_TRAFFIC);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = send(request("/api/candidacies", null), chain);

		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getHeader("Connection")).isEqualTo("close");
		assertThat(response.getContentAsString()).contains("Jalon s'arrête sur ce serveur");
	}

	private void ready(ReadinessState state) {
		availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
	}

	private MockHttpServletResponse send(MockHttpServletRequest request, MockFilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, chain);
		return response;
	}

	private static MockHttpServletRequest request(String path, String accept) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		if (accept != null) {
			request.addHeader("Accept", accept);
		}
		return request;
	}

}
