package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** {@code /error} asked for directly names nothing: a 404, as a problem detail or as the French page, to anyone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorPathTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void answersAProblemDetail404ToAnApiClient() {
		for (TestRestTemplate client : List.of(http, http.withBasicAuth("admin", "demo"),
				http.withBasicAuth("mairie-albi", "demo"))) {
			for (String path : List.of("/error", "/error/", "/error/500", "/error?status=500")) {
				for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)) {
					HttpHeaders headers = new HttpHeaders();
					headers.setAccept(List.of(MediaType.APPLICATION_JSON));
					ResponseEntity<JsonNode> answer = client.exchange(path, method, new HttpEntity<>(headers),
							JsonNode.class);
					assertThat(answer.getStatusCode()).as(method + " " + path).isEqualTo(HttpStatus.NOT_FOUND);
					assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
						.isTrue();
					assertThat(answer.getBody().get("status").asInt()).isEqualTo(404);
					assertThat(answer.getBody().get("title").asText()).isEqualTo("Introuvable");
					assertThat(answer.getBody().get("detail").asText()).contains("aucune ressource");
					assertThat(answer.getBody().toString()).doesNotContain("Exception", "trace");
				}
			}
		}
		ResponseEntity<JsonNode> noAccept = http.exchange("/error", HttpMethod.GET, null, JsonNode.class);
		assertThat(noAccept.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(noAccept.getBody().get("type").asText()).isEqualTo("urn:jalon:problem:http-404");
	}

	@Test
	void answersTheFrench404PageToABrowser() {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(MediaType.parseMediaTypes("text/html,application/xhtml+xml,*/*;q=0.8"));
		ResponseEntity<String> page = http.exchange("/error", HttpMethod.GET, new HttpEntity<>(headers), String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.getBody()).contains("Page introuvable", "lang=\"fr\"").doesNotContain("Whitelabel", "Exception");
	}

}
