package fr.jalon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The HTTP API as one demo account uses it: every call answers, whatever its status. */
public final class Api {

	private final TestRestTemplate http;

	public Api(TestRestTemplate http, String username) {
		this.http = username == null ? http : http.withBasicAuth(username, "demo");
	}

	public ResponseEntity<JsonNode> get(String path) {
		return http.exchange(path, HttpMethod.GET, null, JsonNode.class);
	}

	/** The {@code rel="next"} address of a list's {@code Link} header. */
	private static final java.util.regex.Pattern NEXT = java.util.regex.Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

	/**
	 * Every item of a list, page after page as its {@code next} links lead (a list answers one page at a time):
	 * what a test asserts a list holds or leaves out, whatever else the database holds.
	 */
	public com.fasterxml.jackson.databind.node.ArrayNode all(String path) {
		com.fasterxml.jackson.databind.node.ArrayNode items = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
			.arrayNode();
		String address = path.contains("size=") ? path : path + (path.contains("?") ? "&" : "?") + "size=500";
		for (int pages = 0; address != null; pages++) {
			if (pages > 1000) {
				throw new AssertionError("more than a thousand pages from " + path);
			}
			ResponseEntity<JsonNode> page = get(address);
			if (!page.getStatusCode().is2xxSuccessful() || !page.getBody().isArray()) {
				throw new AssertionError("GET " + address + ": " + page.getStatusCode() + " " + page.getBody());
			}
			items.addAll((com.fasterxml.jackson.databind.node.ArrayNode) page.getBody());
			String link = page.getHeaders().getFirst(HttpHeaders.LINK);
			java.util.regex.Matcher next = link == null ? null : NEXT.matcher(link);
			address = next != null && next.find() ? next.group(1) : null;
		}
		return items;
	}

	public ResponseEntity<byte[]> bytes(String path) {
		return http.exchange(path, HttpMethod.GET, null, byte[].class);
	}

	public ResponseEntity<JsonNode> post(String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
	}

	public ResponseEntity<JsonNode> exchange(HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

	/** Any call, whatever its answer's type: the raw bytes. */
	public ResponseEntity<byte[]> raw(HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.exchange(path, method, new HttpEntity<>(body, headers), byte[].class);
	}

	public ResponseEntity<JsonNode> postRaw(String path, String body, MediaType type) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(type);
		return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
	}

	public ResponseEntity<JsonNode> upload(String candidacyId, String type, String filename, byte[] content) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("type", type);
		parts.add("file", file(filename, content));
		return multipart("/api/candidacies/" + candidacyId + "/documents", parts);
	}

	/** A new version of a document ({@code POST .../documents/{documentId}/versions}). */
	public ResponseEntity<JsonNode> newVersion(String candidacyId, String documentId, String filename, byte[] content) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", file(filename, content));
		return multipart("/api/candidacies/" + candidacyId + "/documents/" + documentId + "/versions", parts);
	}

	private ResponseEntity<JsonNode> multipart(String path, MultiValueMap<String, Object> parts) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return http.exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers), JsonNode.class);
	}

	private static ByteArrayResource file(String filename, byte[] content) {
		return new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return filename;
			}
		};
	}

	/** The open tasks of that candidacy this account may act on. */
	public List<JsonNode> tasks(String candidacyId) {
		List<JsonNode> tasks = new ArrayList<>();
		ResponseEntity<JsonNode> response = get("/api/tasks?candidacy=" + candidacyId);
		if (!response.getStatusCode().is2xxSuccessful()) {
			throw new AssertionError("GET tasks answered " + response.getStatusCode() + ": " + response.getBody());
		}
		response.getBody().forEach(tasks::add);
		return tasks;
	}

	/** The id of this account's open task of that key on that candidacy; fails if there is none. */
	public String task(String candidacyId, String key) {
		return tasks(candidacyId).stream()
			.filter(task -> task.get("key").asText().equals(key))
			.map(task -> task.get("id").asText())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no open task " + key + " for this account"));
	}

	public ResponseEntity<JsonNode> complete(String taskId, Map<String, ?> body) {
		return post("/api/tasks/" + taskId + "/complete", body);
	}

	/** The multipart body of one document upload, as a browser sends it: its {@code type}, and a PDF named after it. */
	public static byte[] pdfUpload(String boundary, String type) {
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + type
				+ ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		body.writeBytes(pdf(type));
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	/** A minimal well-formed PDF. */
	public static byte[] pdf(String text) {
		String body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
				+ "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
				+ "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% " + text + "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
		return body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
	}

}
