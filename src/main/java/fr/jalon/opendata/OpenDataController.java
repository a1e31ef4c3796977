package fr.jalon.opendata;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import fr.jalon.system.Negotiation;
import fr.jalon.system.Roles;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The open data, public, without authentication: the list of labelled and engaged collectivités as JSON or CSV
 * ({@link OpenLabels}) and its Table Schema ({@link OpenDataSchema}), at stable file-like addresses under
 * {@code /donnees-ouvertes/} and through the API. Computed at each request; a strong ETag (the SHA-256 of the
 * bytes) lets a harvester ask again cheaply ({@code If-None-Match}: 304), and any site may read them (CORS).
 */
@RestController
class OpenDataController {

	static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final OpenLabels labels;

	private final OpenDataSchema schema;

	private final ObjectWriter json;

	OpenDataController(OpenLabels labels, OpenDataSchema schema, ObjectMapper json) {
		this.labels = labels;
		this.schema = schema;
		// Every field of every row, a missing value as null: one shape for every row.
		this.json = json.copy().setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS).writer();
	}

	/** Public: the list, as JSON, or as CSV when the Accept header prefers text/csv ({@link Negotiation}). */
	@Roles(Roles.PUBLIC)
	@GetMapping(value = "/api/open-data/labels", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
	ResponseEntity<byte[]> labels(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
			@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return Negotiation.prefersCsv(accept) ? csv(ifNoneMatch) : json(ifNoneMatch);
	}

	@GetMapping(value = "/donnees-ouvertes/labels.csv", produces = "text/csv")
	ResponseEntity<byte[]> csv(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return answer(OpenLabels.utf8(labels.csv(labels.rows())), CSV, ifNoneMatch);
	}

	@GetMapping(value = "/donnees-ouvertes/labels.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> json(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return answer(write(labels.json(labels.rows())), MediaType.APPLICATION_JSON, ifNoneMatch);
	}

	@GetMapping(value = "/donnees-ouvertes/schema.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> schema(
			@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return answer(write(schema.served()), MediaType.APPLICATION_JSON, ifNoneMatch);
	}

	private byte[] write(Object value) {
		try {
			return json.withDefaultPrettyPrinter().writeValueAsBytes(value);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ResponseEntity<byte[]> answer(byte[] body, MediaType type, String ifNoneMatch) {
		String tag = OpenLabels.tag(body);
		HttpHeaders headers = new HttpHeaders();
		headers.setETag(tag);
		headers.setCacheControl(CacheControl.noCache().cachePublic());
		headers.setAccessControlAllowOrigin("*");
		if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
			return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
		}
		headers.setContentType(type);
		return new ResponseEntity<>(body, headers, HttpStatus.OK);
	}

	private static boolean matches(String ifNoneMatch, String tag) {
		for (String candidate : ifNoneMatch.split(",")) {
			String stripped = candidate.strip();
			if (stripped.equals("*") || stripped.equals(tag) || stripped.equals("W/" + tag)) {
				return true;
			}
		}
		return false;
	}

}
