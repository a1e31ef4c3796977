package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What every refusal of the API must be: an RFC 9457 problem detail of that status, with no trace of the code. */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	public static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		JsonNode problem = response.getBody();
		assertThat(problem.get("status").asInt()).isEqualTo(status.value());
		assertThat(problem.get("type").asText()).isNotBlank();
		assertThat(problem.get("title").asText()).isNotBlank();
		assertThat(problem.get("detail").asText()).isNotBlank();
		assertThat(problem.toString()).doesNotContain("Exception", "\tat ");
	}

}
