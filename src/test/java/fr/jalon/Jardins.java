package fr.jalon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

/**
 * « Jardins partagés », the programme the repository does not ship and the tests deploy: a dossier with a plan
 * and a surface, then a regional jury, then a diploma. Its two documents live in src/test/resources/programmes,
 * its id written PROGRAMME.
 */
public final class Jardins {

	/** The process, its id still PROGRAMME. */
	public static final String PROCESS = resource("/programmes/jardins.bpmn");

	/** The referential, its id still PROGRAMME. */
	public static final String REFERENTIAL = resource("/programmes/jardins.yaml");

	private Jardins() {
	}

	/** The process as programme {@code id}. */
	public static String process(String id) {
		return PROCESS.replace("PROGRAMME", id);
	}

	/** The referential as programme {@code id}. */
	public static String referential(String id) {
		return REFERENTIAL.replace("PROGRAMME", id);
	}

	/** {@code POST /api/programmes} as that account (none: anonymous) with these documents, each part left out when null. */
	public static ResponseEntity<JsonNode> deploy(TestRestTemplate http, String username, String process,
			String referential) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		if (process != null) {
			parts.add("process", file("programme.bpmn", process));
		}
		if (referential != null) {
			parts.add("referential", file("referentiel.yaml", referential));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		TestRestTemplate client = username == null ? http : http.withBasicAuth(username, "demo");
		return client.exchange("/api/programmes", HttpMethod.POST, new HttpEntity<>(parts, headers), JsonNode.class);
	}

	/**
	 * Programme {@code id} deployed by the administrator, with a jury of region 76 (Albi's) that may decide its
	 * candidacies: the jury's account.
	 */
	public static Api deployedWithJury(TestRestTemplate http, String id) {
		ResponseEntity<JsonNode> deployed = deploy(http, "admin", process(id), referential(id));
		if (deployed.getStatusCode().value() != 201) {
			throw new AssertionError("deploying " + id + ": " + deployed.getBody());
		}
		String jury = "jury-" + id;
		ResponseEntity<JsonNode> created = new Api(http, "admin").post("/api/accounts",
				java.util.Map.of("username", jury, "password", "jardin-partage-2026", "role", "JURY", "scope", "76"));
		if (created.getStatusCode().value() != 201) {
			throw new AssertionError("creating " + jury + ": " + created.getBody());
		}
		return new Api(http.withBasicAuth(jury, "jardin-partage-2026"), null);
	}

	/** A new candidacy of Albi to programme {@code id}, at its first task: its id. */
	public static String candidacy(Api albi, String id) {
		ResponseEntity<JsonNode> created = albi.post("/api/candidacies", java.util.Map.of("programme", id,
				"collectivite", "81004", "title", "Jardin " + java.util.UUID.randomUUID()));
		if (created.getStatusCode().value() != 201) {
			throw new AssertionError("candidacy to " + id + ": " + created.getBody());
		}
		return created.getBody().get("id").asText();
	}

	/** Albi hands its dossier in (its plan and surface): the candidacy goes to the jury. */
	public static void submitDossier(Api albi, String candidacy) {
		albi.upload(candidacy, "plan", "plan.pdf", Api.pdf("plan du jardin"));
		ResponseEntity<JsonNode> submitted = albi.complete(albi.task(candidacy, "SubmitDossier"),
				java.util.Map.of("outcome", "SUBMIT", "data", java.util.Map.of("surface", 420)));
		if (submitted.getStatusCode().value() != 200) {
			throw new AssertionError("submitting " + candidacy + ": " + submitted.getBody());
		}
	}

	/** The jury grants the label: the diploma waits as the engine's job. */
	public static void grant(Api jury, String candidacy) {
		ResponseEntity<JsonNode> decided = jury.complete(jury.task(candidacy, "JuryDecision"),
				java.util.Map.of("outcome", "APPROVE"));
		if (decided.getStatusCode().value() != 200) {
			throw new AssertionError("granting " + candidacy + ": " + decided.getBody());
		}
	}

	/** A file part of a form. */
	public static ByteArrayResource file(String name, String content) {
		return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return name;
			}
		};
	}

	private static String resource(String path) {
		try (var in = Jardins.class.getResourceAsStream(path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
