package fr.jalon.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The one place that decides Jalon's public address: configured, else the request's, else the server's port. */
class PublicAddressUnitTests {

	@AfterEach
	void noRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void isTheConfiguredAddressWhenThereIsOne() {
		PublicAddress address = new PublicAddress("https://jalon.example.gouv.fr/", 8080, "");
		during(request("http", "localhost", 8080));
		assertThat(address.of("/certificats/JAL-1")).isEqualTo("https://jalon.example.gouv.fr/certificats/JAL-1");
	}

	@Test
	void isTheAddressTheRequestCameToOtherwise() {
		PublicAddress address = new PublicAddress("", 8080, "");
		// As Tomcat's RemoteIpValve (server.forward-headers-strategy=native) leaves a request behind a TLS proxy.
		during(request("https", "jalon.prefecture.gouv.fr", 443));
		assertThat(address.base()).isEqualTo("https://jalon.prefecture.gouv.fr");
		during(request("http", "10.0.0.7", 9090));
		assertThat(address.base()).isEqualTo("http://10.0.0.7:9090");
	}

	@Test
	void isLocalhostOnTheServersPortWithoutARequest() {
		PublicAddress address = new PublicAddress("", 8181, "/jalon");
		assertThat(address.base()).as("before the server listens: the configured port").isEqualTo(
				"http://localhost:8181/jalon");
	}

	private static MockHttpServletRequest request(String scheme, String host, int port) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/candidacies");
		request.setScheme(scheme);
		request.setServerName(host);
		request.setServerPort(port);
		return request;
	}

	private static void during(MockHttpServletRequest request) {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

}
