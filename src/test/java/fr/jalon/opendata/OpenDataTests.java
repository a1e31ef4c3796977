package fr.jalon.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import fr.jalon.Api;
import fr.jalon.EcoQuartierSteps;
import fr.jalon.Jobs;
import fr.jalon.collectivite.Kind;
import fr.jalon.system.French;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The open data over HTTP, anonymously: candidacies labelled and engaged through the real path (the process, its
 * certificate jobs, an administrator's revocations) appear in the CSV and the JSON, which validate against the
 * shipped Table Schema (itself valid against the official profile), and follow each decision and revocation;
 * nothing personal is published; the page « Données ouvertes » describes the columns from the schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "jalon.test.database=open-data", "jalon.data-dir=target/open-data-tests",
				"jalon.public-url=https://jalon.example.fr/" })
@ActiveProfiles("test")
class OpenDataTests {

	/** A title with a comma, quotes and a line-worthy dash: the CSV must quote it. */
	static final String TITLE = "Écoquartier de la Madeleine, îlot \"Nord\" — Albi";

	static final String CHARTER_LEVEL = "Étape 1 — charte des EcoQuartiers signée";

	static final String LABEL_LEVEL = "Label national EcoQuartier attribué";

	/** The accounts that act on these candidacies, their e-mails and names: none may be published. */
	static final List<String> PERSONAL = List.of("mairie-albi", "mairie-rodez", "ddt-81", "ddt-12", "expert-1",
			"expert-2", "commission-occitanie", "commission-nationale", "admin", "@", "demo.jalon.fr", "Marie Dupont",
			"Paul Martin", "Luc Moreau", "Julie Laurent", "Claire Michel", "Isabelle David", "Synthèse",
			"charte.pdf", "Label retiré", "Erreur de saisie");

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	@Autowired
	ObjectMapper json;

	@Test
	void publishesLabelledAndEngagedCollectivitesThatValidateAgainstTheirSchemaAndFollowEachDecision()
			throws Exception {
		Api albi = as("mairie-albi");
		JsonNode referential = albi.get("/api/referentials/ecoquartier").getBody();
		String labelled = submitted(albi, "81004", TITLE);
		approveCharter(albi, labelled, "81");
		assertThat(row(labelled)).as("decided, its certificate not yet issued: not engaged yet").isNull();
		Jobs.runAll(management);
		JsonNode charter = row(labelled);
		assertThat(charter.get("status").asText()).isEqualTo("engaged");
		assertThat(charter.get("status_id").asText()).isEqualTo("IN_PROGRESS");
		assertThat(charter.get("level").asText()).isEqualTo(CHARTER_LEVEL);
		String charterCode = charter.get("certificate_code").asText();

		label(albi, labelled);
		JsonNode decided = row(labelled);
		assertThat(decided.get("status").asText()).as("labelled as soon as decided").isEqualTo("labelled");
		assertThat(decided.get("status_id").asText()).isEqualTo("LABELLED");
		assertThat(decided.get("level").asText()).as("its certificate not yet issued: the status's label")
			.isEqualTo("Labellisée");
		assertThat(decided.get("certificate_code").isNull()).isTrue();
		Jobs.runAll(management);
		JsonNode label = row(labelled);
		assertThat(label.get("level").asText()).isEqualTo(LABEL_LEVEL);
		String labelCode = label.get("certificate_code").asText();
		assertThat(labelCode).startsWith("JAL-").isNotEqualTo(charterCode);
		assertThat(label.get("certificate_url").asText()).isEqualTo("https://jalon.example.fr/certificats/" + labelCode);
		assertThat(label.get("programme").asText()).isEqualTo("ecoquartier");
		assertThat(label.get("programme_name").asText()).isEqualTo(referential.get("name").asText());
		assertThat(label.get("title").asText()).isEqualTo(TITLE);
		assertThat(label.get("collectivite_code").asText()).isEqualTo("81004");
		assertThat(label.get("collectivite_name").asText()).isEqualTo("Albi");
		assertThat(label.get("collectivite_kind").asText()).isEqualTo("COMMUNE");
		assertThat(label.get("departement_code").asText()).isEqualTo("81");
		assertThat(label.get("region_code").asText()).isEqualTo("76");
		assertThat(label.get("referential_version").asInt()).isEqualTo(referential.get("version").asInt());
		assertThat(label.get("decision_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");

		// A new decision adds a row: Rodez's charter, once its certificate is issued.
		Api rodez = as("mairie-rodez");
		String engaged = submitted(rodez, "12202", "Quartier de Bourran");
		approveCharter(rodez, engaged, "12");
		Jobs.runAll(management);
		JsonNode bourran = row(engaged);
		assertThat(bourran.get("status").asText()).isEqualTo("engaged");
		assertThat(bourran.get("level").asText()).isEqualTo(CHARTER_LEVEL);
		assertThat(bourran.get("collectivite_name").asText()).isEqualTo("Rodez");

		// Anonymously, the CSV validates against the schema, and says what the JSON says.
		String csv = csv("/donnees-ouvertes/labels.csv");
		JsonNode schema = schema();
		assertThat(TableSchemaCheck.errors(schema, csv)).as(csv).isEmpty();
		assertThat(csv).doesNotStartWith("\uFEFF").startsWith(String.join(",", names(schema)) + "\r\n");
		assertThat(csv).as("a title with a comma and quotes, quoted as RFC 4180 says")
			.contains(",\"Écoquartier de la Madeleine, îlot \"\"Nord\"\" — Albi\",");
		assertThat(rowsOf(csv)).isEqualTo(rowsOf(json("/donnees-ouvertes/labels.json")));
		assertThat(csv("/api/open-data/labels", "text/csv")).as("the API, asked for CSV").isEqualTo(csv);
		assertThat(json("/api/open-data/labels")).as("the API, as JSON").isEqualTo(json("/donnees-ouvertes/labels.json"));
		// (Only this test's rows: on a shared database, other tests' projects have titles of their own.)
		String ourCsv = ours(csv, labelled, engaged);
		String ourJson = ours(json("/donnees-ouvertes/labels.json"), labelled, engaged);
		assertThat(ourCsv).contains(labelled, engaged);
		assertThat(ourJson).contains(labelled, engaged);
		for (String personal : PERSONAL) {
			assertThat(ourCsv).as("nothing personal: %s", personal).doesNotContain(personal);
			assertThat(ourJson).as("nothing personal: %s", personal).doesNotContain(personal);
		}
		List<String> ours = rowsOf(csv).stream()
			.filter(values -> values.get("candidacy_id").equals(labelled) || values.get("candidacy_id").equals(engaged))
			.map(values -> values.get("collectivite_code"))
			.toList();
		assertThat(ours).as("sorted by programme, then collectivité code").containsExactly("12202", "81004");

		// Unchanged, it answers 304 to its ETag; changed, another tag.
		ResponseEntity<String> first = anonymous("/donnees-ouvertes/labels.csv", null, null);
		String tag = first.getHeaders().getETag();
		assertThat(tag).isNotBlank();
		assertThat(first.getHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
		assertThat(first.getHeaders().getAccessControlAllowOrigin()).isEqualTo("*");
		assertThat(anonymous("/donnees-ouvertes/labels.csv", null, tag).getStatusCode())
			.isEqualTo(HttpStatus.NOT_MODIFIED);

		// A revocation: Rodez's only certificate drops out, and its row with it.
		Api admin = as("admin");
		ok(admin.post("/api/certificates/" + bourran.get("certificate_code").asText() + "/revoke",
				Map.of("reason", "Erreur de saisie.")));
		assertThat(row(engaged)).as("its only certificate revoked").isNull();
		assertThat(anonymous("/donnees-ouvertes/labels.csv", null, tag).getStatusCode()).isEqualTo(HttpStatus.OK);

		// Albi's label revoked: the row falls back to its charter recognition, which still holds.
		ok(admin.post("/api/certificates/" + labelCode + "/revoke", Map.of("reason", "Label retiré.")));
		JsonNode withdrawn = row(labelled);
		assertThat(withdrawn.get("status").asText()).isEqualTo("engaged");
		assertThat(withdrawn.get("status_id").asText()).isEqualTo("LABELLED");
		assertThat(withdrawn.get("level").asText()).isEqualTo(CHARTER_LEVEL);
		assertThat(withdrawn.get("certificate_code").asText()).isEqualTo(charterCode);
		String after = csv("/donnees-ouvertes/labels.csv");
		assertThat(after).doesNotContain(labelCode, engaged);
		assertThat(TableSchemaCheck.errors(schema, after)).isEmpty();
		for (String personal : PERSONAL) {
			assertThat(ours(after, labelled, engaged)).doesNotContain(personal);
		}
	}

	@Test
	void shipsATableSchemaValidAgainstTheOfficialProfile() throws Exception {
		JsonSchema profile;
		try (InputStream in = new ClassPathResource("opendata/tableschema-profile-1.0.json").getInputStream()) {
			profile = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
		}
		JsonNode shipped;
		try (InputStream in = new ClassPathResource(OpenDataSchema.RESOURCE).getInputStream()) {
			shipped = json.readTree(in);
		}
		JsonNode served = schema();
		for (JsonNode schema : List.of(shipped, served)) {
			Set<ValidationMessage> faults = profile.validate(schema);
			assertThat(faults).as("against the Table Schema profile").isEmpty();
		}
		assertThat(profile.validate(json.readTree("{\"fields\": [{\"name\": \"x\", \"type\": \"entier\"}]}")))
			.as("the profile does check").isNotEmpty();
		// As schema.data.gouv.fr describes a schema.
		for (String property : List.of("name", "title", "description", "countryCode", "homepage", "path", "version",
				"created", "lastModified", "contributors", "licenses", "missingValues", "primaryKey")) {
			assertThat(served.has(property)).as(property).isTrue();
		}
		assertThat(served.get("countryCode").asText()).isEqualTo("FR");
		assertThat(served.get("licenses").get(0).get("name").asText()).isEqualTo("etalab-2.0");
		assertThat(served.get("path").asText()).isEqualTo("https://jalon.example.fr/donnees-ouvertes/schema.json");
		assertThat(served.get("homepage").asText()).isEqualTo("https://jalon.example.fr/donnees-ouvertes");
		for (JsonNode field : served.get("fields")) {
			for (String property : List.of("name", "title", "description", "type", "example", "constraints")) {
				assertThat(field.has(property)).as(field.get("name") + "." + property).isTrue();
			}
			assertThat(TableSchemaCheck.errors(oneField(field),
					field.get("name").asText() + "\r\n" + OpenLabels.cell(field.get("example").asText()) + "\r\n"))
				.as("the example of %s is a valid value", field.get("name"))
				.isEmpty();
		}
		// The enumeration of the collectivités' kinds is the platform's.
		JsonNode kinds = fieldNamed(served, "collectivite_kind").get("constraints").get("enum");
		List<String> listed = new ArrayList<>();
		kinds.forEach(kind -> listed.add(kind.asText()));
		assertThat(listed).containsExactlyElementsOf(Arrays.stream(Kind.values()).map(Kind::name).toList());
	}

	@Test
	void checksTheCsvStrictly() throws Exception {
		JsonNode schema = schema();
		String header = String.join(",", names(schema)) + "\r\n";
		String good = "ecoquartier,EcoQuartier,0f8e2c1a-5b3d-4e6f-9a7b-1c2d3e4f5a6b,\"Projet, « un »\",81004,Albi,COMMUNE,81,76,"
				+ "labelled,LABELLED,Label,2026-06-12,JAL-7K2M-Q9XD-4HTR,https://jalon.example.fr/certificats/JAL-7K2M-Q9XD-4HTR,1\r\n";
		assertThat(TableSchemaCheck.errors(schema, header + good)).isEmpty();
		assertThat(TableSchemaCheck.errors(schema, header + good.replace(",labelled,", ",certifiée,"))).hasSize(1);
		assertThat(TableSchemaCheck.errors(schema, header + good.replace("2026-06-12", "12/06/2026"))).hasSize(1);
		assertThat(TableSchemaCheck.errors(schema, header + good.replace(",Albi,", ",,"))).hasSize(1);
		assertThat(TableSchemaCheck.errors(schema, header + good.replace("JAL-7K2M-Q9XD-4HTR,", "JAL-OOOO-Q9XD-4HTR,")))
			.hasSize(1);
		assertThat(TableSchemaCheck.errors(schema, header + good.replace(",1\r\n", ",0\r\n"))).hasSize(1);
		assertThat(TableSchemaCheck.errors(schema, header + good + good)).as("the primary key and unique codes")
			.hasSize(3);
		assertThat(TableSchemaCheck.errors(schema, header.replace("title,", "") + good)).hasSize(1);
		assertThat(TableSchemaCheck.errors(schema, header + good.replace("\"Projet, « un »\"", "Projet \"un\"")))
			.hasSize(1);
	}

	@Test
	void describesTheDataSetOnAPublicPage() throws Exception {
		ResponseEntity<String> page = anonymous("/donnees-ouvertes", MediaType.TEXT_HTML_VALUE, null);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		String html = page.getBody();
		assertThat(html).contains("<h1>Données ouvertes</h1>", "etalab-2.0", "/donnees-ouvertes/labels.csv",
				"/donnees-ouvertes/labels.json", "/donnees-ouvertes/schema.json", "lang=\"fr\"");
		assertThat(html).contains(French.typeset("Licence Ouverte 2.0"));
		for (JsonNode field : schema().get("fields")) {
			assertThat(html).contains("<code>" + field.get("name").asText() + "</code>",
					French.typeset(field.get("title").asText()));
		}
		assertThat(anonymous("/plan-du-site", MediaType.TEXT_HTML_VALUE, null).getBody())
			.contains("href=\"/donnees-ouvertes\"");
	}

	// --- reading the open data

	private JsonNode schema() {
		ResponseEntity<String> served = anonymous("/donnees-ouvertes/schema.json", null, null);
		assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
		try {
			return json.readTree(served.getBody());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private static List<String> names(JsonNode schema) {
		List<String> names = new ArrayList<>();
		schema.get("fields").forEach(field -> names.add(field.get("name").asText()));
		return names;
	}

	private static JsonNode fieldNamed(JsonNode schema, String name) {
		for (JsonNode field : schema.get("fields")) {
			if (field.get("name").asText().equals(name)) {
				return field;
			}
		}
		throw new AssertionError(name);
	}

	private JsonNode oneField(JsonNode field) {
		com.fasterxml.jackson.databind.node.ObjectNode schema = json.createObjectNode();
		schema.putArray("fields").add(field);
		return schema;
	}

	/** The row of a candidacy in the public JSON, or null. */
	private JsonNode row(String candidacyId) {
		for (JsonNode row : json("/donnees-ouvertes/labels.json")) {
			if (row.get("candidacy_id").asText().equals(candidacyId)) {
				return row;
			}
		}
		return null;
	}

	private JsonNode json(String path) {
		ResponseEntity<String> answer = anonymous(path, MediaType.APPLICATION_JSON_VALUE, null);
		assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
		try {
			return json.readTree(answer.getBody());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private String csv(String path) {
		return csv(path, null);
	}

	private String csv(String path, String accept) {
		ResponseEntity<byte[]> answer = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(accept, null)),
				byte[].class);
		assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
		assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv")))
			.isTrue();
		return new String(answer.getBody(), StandardCharsets.UTF_8);
	}

	private ResponseEntity<String> anonymous(String path, String accept, String ifNoneMatch) {
		return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(accept, ifNoneMatch)), String.class);
	}

	private static HttpHeaders headers(String accept, String ifNoneMatch) {
		HttpHeaders headers = new HttpHeaders();
		if (accept != null) {
			headers.set(HttpHeaders.ACCEPT, accept);
		}
		if (ifNoneMatch != null) {
			headers.setIfNoneMatch(ifNoneMatch);
		}
		return headers;
	}

	/** The header and the lines of these candidacies. */
	private static String ours(String csv, String... candidacies) {
		return Arrays.stream(csv.split("\r\n"))
			.filter(line -> line.startsWith("programme,") || Arrays.stream(candidacies).anyMatch(line::contains))
			.collect(java.util.stream.Collectors.joining("\r\n"));
	}

	/** The objects of these candidacies, as JSON text. */
	private static String ours(JsonNode rows, String... candidacies) {
		List<String> kept = new ArrayList<>();
		for (JsonNode row : rows) {
			if (Arrays.asList(candidacies).contains(row.get("candidacy_id").asText())) {
				kept.add(row.toString());
			}
		}
		return String.join("\n", kept);
	}

	/** The CSV's rows as maps of the header's names to their text. */
	private static List<Map<String, String>> rowsOf(String csv) {
		List<List<String>> records = TableSchemaCheck.rfc4180(csv);
		List<Map<String, String>> rows = new ArrayList<>();
		for (List<String> record : records.subList(1, records.size())) {
			Map<String, String> row = new HashMap<>();
			for (int i = 0; i < record.size(); i++) {
				row.put(records.get(0).get(i), record.get(i));
			}
			rows.add(row);
		}
		return rows;
	}

	/** The JSON's rows as the CSV writes them: text, a missing value empty. */
	private static List<Map<String, String>> rowsOf(JsonNode json) {
		List<Map<String, String>> rows = new ArrayList<>();
		for (JsonNode row : json) {
			Map<String, String> values = new HashMap<>();
			row.fields().forEachRemaining(entry -> values.put(entry.getKey(),
					entry.getValue().isNull() ? "" : entry.getValue().asText()));
			rows.add(values);
		}
		return rows;
	}

	// --- the path, as in CertificateTests

	private Api as(String username) {
		return new Api(http, username);
	}

	private String submitted(Api collectivite, String code, String title) {
		return new EcoQuartierSteps(http).submitted(collectivite, code, title);
	}

	private void approveCharter(Api collectivite, String id, String departement) {
		new EcoQuartierSteps(http).approveCharter(collectivite, id, departement);
	}

	/** From the contract to the label, every step approved. */
	private void label(Api collectivite, String id) {
		new EcoQuartierSteps(http).label(collectivite, id);
	}

	private static void ok(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
	}

}
