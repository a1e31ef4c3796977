package fr.jalon.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;

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

/**
 * The audit trail as administrators read it: a list paged like every list, newest first, filters before the page;
 * a CSV export of the whole selection whose cells a spreadsheet never reads as formulas.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuditTests {

	private static final Pattern LINK = Pattern.compile("<([^>]*)>; rel=\"(next|prev)\"");

	@Autowired
	TestRestTemplate http;

	@Test
	void neutralisesEveryCellThatStartsLikeAFormulaWhateverFollows() {
		assertThat(AuditController.cell("=1+2\nsuite")).isEqualTo("\"'=1+2\nsuite\"");
		assertThat(AuditController.cell("=HYPERLINK(\"https://exemple.invalid\")\r\n"))
			.isEqualTo("\"'=HYPERLINK(\"\"https://exemple.invalid\"\")\r\n\"");
		assertThat(List.of("+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx")).allSatisfy(
				value -> assertThat(AuditController.cell(value)).isEqualTo("\"'" + value + "\""));
		assertThat(AuditController.cell("Albi = 81")).isEqualTo("\"Albi = 81\"");
		assertThat(AuditController.cell("")).isEqualTo("\"\"");
		assertThat(AuditController.cell(null)).isEmpty();

		// Through the API: a withdrawal's comment of two lines, the first a formula.
		Api albi = new Api(http, "mairie-albi");
		String id = candidacy(albi);
		String comment = "=HYPERLINK(\"https://exemple.invalid\";\"Ouvrir\")\nDeuxième ligne";
		assertThat(albi.post("/api/candidacies/" + id + "/withdraw", Map.of("comment", comment)).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		ResponseEntity<String> csv = csv("/api/audit?candidacy=" + id);
		assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
		assertThat(csv.getBody()).contains("\"'=HYPERLINK(\"\"https://exemple.invalid\"\";\"\"Ouvrir\"\")\nDeuxième ligne\"")
			.doesNotContain(",\"=", ",=");
	}

	@Test
	void pagesTheListNewestFirstAfterItsFilters() {
		Api albi = new Api(http, "mairie-albi");
		String id = candidacy(albi);
		for (int i = 0; i < 4; i++) {
			assertThat(albi.upload(id, "signed-charter", "charte-" + i + ".pdf", Api.pdf("charte " + i)).getStatusCode())
				.isEqualTo(HttpStatus.CREATED);
		}
		Api admin = new Api(http, "admin");
		ResponseEntity<JsonNode> whole = admin.get("/api/audit?candidacy=" + id);
		assertThat(whole.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(whole.getHeaders().getFirst("X-Total-Count")).isEqualTo("5");
		assertThat(whole.getHeaders().get(HttpHeaders.LINK)).as("one page holds it all").isNull();
		List<JsonNode> entries = list(whole.getBody());
		assertThat(entries).extracting(entry -> entry.get("action").asText())
			.containsExactly("DOCUMENT_UPLOADED", "DOCUMENT_UPLOADED", "DOCUMENT_UPLOADED", "DOCUMENT_UPLOADED",
					"CANDIDACY_SUBMITTED");
		assertThat(entries).extracting(entry -> entry.get("id").asLong()).isSortedAccordingTo(Comparator.reverseOrder());

		// Two by two, following the links: the same entries in the same order, each once.
		List<JsonNode> followed = new ArrayList<>();
		String next = "/api/audit?candidacy=" + id + "&size=2";
		List<String> prevs = new ArrayList<>();
		while (next != null) {
			ResponseEntity<JsonNode> page = admin.get(next);
			assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo("5");
			assertThat(page.getBody().size()).isBetween(1, 2);
			followed.addAll(list(page.getBody()));
			Map<String, String> links = links(page);
			assertThat(links.getOrDefault("next", "")).as("the filter is kept").doesNotContain("page=0");
			links.values().forEach(link -> assertThat(link).contains("candidacy=" + id, "size=2"));
			prevs.add(links.get("prev"));
			next = links.get("next");
		}
		assertThat(followed).isEqualTo(entries);
		assertThat(prevs).containsExactly(null, "/api/audit?candidacy=" + id + "&page=0&size=2",
				"/api/audit?candidacy=" + id + "&page=1&size=2");

		ResponseEntity<JsonNode> beyond = admin.get("/api/audit?candidacy=" + id + "&page=7&size=2");
		assertThat(beyond.getBody()).isEmpty();
		assertThat(beyond.getHeaders().getFirst("X-Total-Count")).isEqualTo("5");
		assertThat(links(beyond)).containsOnlyKeys("prev").containsValue("/api/audit?candidacy=" + id + "&page=2&size=2");

		// The whole trail: 50 entries by default, the newest first (this candidacy's last upload among them).
		ResponseEntity<JsonNode> trail = admin.get("/api/audit");
		assertThat(trail.getBody().size()).isLessThanOrEqualTo(50);
		assertThat(Long.parseLong(trail.getHeaders().getFirst("X-Total-Count"))).isGreaterThanOrEqualTo(5);
		assertThat(list(trail.getBody())).extracting(entry -> Instant.parse(entry.get("at").asText()))
			.isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(list(admin.get("/api/audit?size=500").getBody())).extracting(entry -> entry.get("id").asLong())
			.contains(entries.get(0).get("id").asLong());

		// The CSV export is the whole selection, newest first, whatever the page asked.
		String csv = csv("/api/audit?candidacy=" + id + "&size=1&page=3").getBody();
		assertThat(csv.lines()).hasSize(6).first().isEqualTo("id,at,actor,action,candidacy,target,detail");
		assertThat(csv.lines().skip(1).map(line -> Long.parseLong(line.substring(0, line.indexOf(',')))).toList())
			.isEqualTo(entries.stream().map(entry -> entry.get("id").asLong()).toList());
	}

	@Test
	void refusesABadPageOrSizeNamingIt() {
		Api admin = new Api(http, "admin");
		Map<String, String> bad = Map.of("page=-1", "page", "size=0", "size", "size=501", "size", "page=abc", "page",
				"size=1.5", "size", "page=%00", "page", "page=1&page=2", "page", "page=99999999999", "page",
				"page=5000000&size=500", "page", "size=%D9%A3", "size");
		bad.forEach((query, parameter) -> {
			ResponseEntity<JsonNode> answer = admin.get("/api/audit?" + query);
			assertThat(answer.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(answer.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(answer.getBody().get("errors").findValuesAsText("field")).as(query).containsExactly(parameter);
		});
		assertThat(admin.get("/api/audit?page=&size=").getStatusCode()).as("empty: the defaults")
			.isEqualTo(HttpStatus.OK);
		assertThat(admin.get("/api/audit?size=500").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private String candidacy(Api collectivite) {
		return collectivite
			.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004", "title",
					"Journal " + UUID.randomUUID()))
			.getBody()
			.get("id")
			.asText();
	}

	private ResponseEntity<String> csv(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
		return http.withBasicAuth("admin", "demo").exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private static List<JsonNode> list(JsonNode array) {
		assertThat(array.isArray()).isTrue();
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

	private static Map<String, String> links(ResponseEntity<?> answer) {
		Map<String, String> links = new java.util.HashMap<>();
		for (String header : answer.getHeaders().getOrEmpty(HttpHeaders.LINK)) {
			Matcher link = LINK.matcher(header);
			while (link.find()) {
				links.put(link.group(2), link.group(1));
			}
		}
		return links;
	}

}
