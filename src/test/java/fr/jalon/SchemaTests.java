package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.candidacy.DocumentService;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * One Flyway script set serves H2 and PostgreSQL (run on both: .ci/postgresql-tests). A database made by the
 * former per-vendor scripts (kept in src/test/resources/db/legacy, as they were) starts with the one set: its
 * recorded checksums are realigned, its data kept, and it ends with the schema a new database has. Each
 * database of a test is a schema of its own, dropped after it, so that the test's database may be shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SchemaTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	FlywayProperties flywayProperties;

	/** Jalon's own migration at start, as Spring Boot runs it. */
	@Autowired
	FlywayMigrationStrategy migration;

	private final List<String> schemas = new ArrayList<>();

	@AfterEach
	void dropSchemas() {
		schemas.forEach(schema -> jdbc.execute("drop schema " + quoted(schema) + " cascade"));
	}

	@Test
	void storesAndReadsBackADocumentOfTheUploadLimit() {
		Api albi = new Api(http, "mairie-albi");
		ResponseEntity<JsonNode> created = albi.post("/api/candidacies", Map.of("programme", "ecoquartier",
				"collectivite", "81004", "title", "Dossier de 20 Mo " + UUID.randomUUID()));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String candidacy = created.getBody().get("id").asText();
		byte[] pdf = randomPdf((int) DocumentService.MAX_SIZE);

		ResponseEntity<JsonNode> uploaded = albi.upload(candidacy, "signed-charter", "charte.pdf", pdf);

		assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(uploaded.getBody().get("size").asLong()).isEqualTo(DocumentService.MAX_SIZE);
		ResponseEntity<byte[]> read = albi
			.bytes("/api/candidacies/" + candidacy + "/documents/" + uploaded.getBody().get("id").asText());
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(sha256(read.getBody())).isEqualTo(sha256(pdf))
			.isEqualTo(uploaded.getBody().get("sha256").asText());
	}

	@Test
	void declaresContentsWithoutALimitBelowTheUploadLimit() throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			for (String table : List.of("document_content", "certificate_pdf", "referential_version")) {
				try (ResultSet column = meta.getColumns(null, connection.getSchema(), stored(meta, table),
						stored(meta, "content"))) {
					assertThat(column.next()).as(table).isTrue();
					assertThat(column.getLong("COLUMN_SIZE")).as(table).isGreaterThanOrEqualTo(DocumentService.MAX_SIZE);
				}
			}
		}
	}

	@Test
	void upgradesADatabaseMadeByTheFormerPerVendorScripts() throws Exception {
		String legacy = schema("legacy");
		legacyFlyway(legacy).migrate();
		byte[] document = randomPdf(1024 * 1024);
		byte[] certificate = randomPdf(64 * 1024);
		String referential = "{\"title\":\"Référentiel « d'avant »\",\"criteria\":\"" + "é".repeat(100_000) + "\"}";
		insertData(legacy, document, certificate, referential);
		jdbc.update("update " + quoted(legacy) + ".referential_version set status = 'PUBLISHED' where version = 1");

		migration.migrate(flyway(legacy));

		assertThat(flyway(legacy).validateWithResult().validationSuccessful).isTrue();
		assertThat(jdbc.queryForList("select version || ':' || status || ':' || coalesce(published_programme, '-') from "
				+ quoted(legacy) + ".referential_version order by version", String.class))
			.containsExactly("1:PUBLISHED:jardin", "2:DRAFT:-");
		assertThat(jdbc.queryForObject("select content from " + quoted(legacy) + ".document_content", byte[].class))
			.isEqualTo(document);
		assertThat(jdbc.queryForObject("select content from " + quoted(legacy) + ".certificate_pdf", byte[].class))
			.isEqualTo(certificate);
		assertThat(jdbc.queryForObject("select content from " + quoted(legacy) + ".referential_version where version = 1",
				String.class)).isEqualTo(referential);
		assertGuardsOnePublishedVersion(legacy);

		String fresh = schema("fresh");
		migration.migrate(flyway(fresh));
		assertThat(shape(legacy)).isEqualTo(shape(fresh));
	}

	@Test
	void guardsOnePublishedVersionInANewDatabase() {
		String fresh = schema("fresh");
		migration.migrate(flyway(fresh));
		insertData(fresh, randomPdf(1024), randomPdf(1024), "{}");
		jdbc.update("update " + quoted(fresh) + ".referential_version set status = 'PUBLISHED', "
				+ "published_programme = programme where version = 1");

		assertGuardsOnePublishedVersion(fresh);
	}

	@Test
	void stillRefusesAnyOtherChangedScript() throws SQLException {
		String legacy = schema("legacy");
		legacyFlyway(legacy).migrate();
		jdbc.update("update " + quoted(legacy) + ".\"flyway_schema_history\" set \"checksum\" = \"checksum\" + 1 "
				+ "where \"version\" = '2'");

		assertThatThrownBy(() -> migration.migrate(flyway(legacy))).isInstanceOf(FlywayValidateException.class)
			.hasMessageContaining("Migration checksum mismatch for migration version 2");
	}

	/** Two published versions of a programme are refused; the application's retire-then-publish passes. */
	private void assertGuardsOnePublishedVersion(String schema) {
		String table = quoted(schema) + ".referential_version";
		assertThatThrownBy(() -> jdbc.update("update " + table
				+ " set status = 'PUBLISHED', published_programme = programme where version = 2"))
			.as("a second published version").isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.update("update " + table + " set status = 'PUBLISHED' where version = 2"))
			.as("a published version without its programme").isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.update("update " + table + " set published_programme = programme where version = 2"))
			.as("a draft with a published programme").isInstanceOf(DataIntegrityViolationException.class);
		jdbc.update("update " + table + " set status = 'RETIRED', published_programme = null where version = 1");
		jdbc.update("update " + table + " set status = 'PUBLISHED', published_programme = programme where version = 2");
		assertThat(jdbc.queryForObject("select version from " + table + " where status = 'PUBLISHED'", Integer.class))
			.isEqualTo(2);
	}

	/** A schema of this test, dropped after it. */
	private String schema(String kind) {
		String schema = kind + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		schemas.add(schema);
		return schema;
	}

	/** Today's scripts, into this schema. */
	private Flyway flyway(String schema) {
		return Flyway.configure()
			.dataSource(dataSource)
			.schemas(schema)
			.locations(flywayProperties.getLocations().toArray(String[]::new))
			.load();
	}

	/** The scripts of before, as the jar of before ran them into this schema. */
	private Flyway legacyFlyway(String schema) throws SQLException {
		String vendor;
		try (Connection connection = dataSource.getConnection()) {
			vendor = DatabaseDriver.fromJdbcUrl(connection.getMetaData().getURL()).getId();
		}
		return Flyway.configure()
			.dataSource(dataSource)
			.schemas(schema)
			.locations("classpath:db/legacy/common", "classpath:db/legacy/" + vendor)
			.load();
	}

	/** A candidacy with a document and a certificate, and two draft versions of a referential. */
	private void insertData(String schema, byte[] document, byte[] certificate, String referential) {
		String s = quoted(schema) + ".";
		jdbc.update("insert into " + s + "collectivite (code, name, search_name, kind) values ('T1', 'Test', 'test', 'COMMUNE')");
		jdbc.update("insert into " + s + "candidacy (id, programme, collectivite, title, stage, status, "
				+ "referential_version, created_at, updated_at, version) values ('c1', 'jardin', 'T1', 'Jardin', "
				+ "'CHARTER', 'IN_PROGRESS', 1, current_timestamp, current_timestamp, 0)");
		jdbc.update("insert into " + s + "document (id, candidacy_id, type, filename, content_type, size, sha256, "
				+ "uploaded_by, uploaded_at) values ('d1', 'c1', 'charte', 'charte.pdf', 'application/pdf', ?, ?, "
				+ "'test', current_timestamp)", document.length, sha256(document));
		jdbc.update("insert into " + s + "document_content (document_id, content) values ('d1', ?)", document);
		jdbc.update("insert into " + s + "certificate (code, candidacy_id, kind, programme, level_reached, collectivite, "
				+ "collectivite_name, title, decided_by, decided_at, referential_version, issued_at, sha256, heading, "
				+ "programme_name) values ('JAL-1', 'c1', 'LABEL', 'jardin', 'Label', 'T1', 'Test', 'Jardin', "
				+ "'Commission', current_timestamp, 1, current_timestamp, ?, 'Certificat', 'Jardins')", sha256(certificate));
		jdbc.update("insert into " + s + "certificate_pdf (code, content) values ('JAL-1', ?)", certificate);
		jdbc.update("insert into " + s + "referential_version (id, programme, version, status, title, content, "
				+ "created_at) values ('jardin:1', 'jardin', 1, 'DRAFT', 'Un', ?, current_timestamp)", referential);
		jdbc.update("insert into " + s + "referential_version (id, programme, version, status, title, content, "
				+ "created_at) values ('jardin:2', 'jardin', 2, 'DRAFT', 'Deux', '{}', current_timestamp)");
	}

	/**
	 * A schema's tables as the database describes them: each column with its type, size, nullability and
	 * whether it is generated, and each index with its columns, uniqueness and condition (not its name, which
	 * H2 makes up for constraints' indexes).
	 */
	private Map<String, List<String>> shape(String schema) throws SQLException {
		Map<String, List<String>> shape = new TreeMap<>();
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = meta.getTables(null, schema, "%", new String[] { "TABLE" })) {
				while (rows.next()) {
					tables.add(rows.getString("TABLE_NAME"));
				}
			}
			for (String table : tables) {
				List<String> described = new ArrayList<>();
				try (ResultSet columns = meta.getColumns(null, schema, table, "%")) {
					while (columns.next()) {
						described.add(columns.getString("COLUMN_NAME") + " " + columns.getString("TYPE_NAME") + "("
								+ columns.getLong("COLUMN_SIZE") + ") nullable " + columns.getString("IS_NULLABLE")
								+ " generated " + columns.getString("IS_GENERATEDCOLUMN"));
					}
				}
				Map<String, String> indexes = new TreeMap<>();
				try (ResultSet index = meta.getIndexInfo(null, schema, table, false, false)) {
					while (index.next()) {
						if (index.getString("INDEX_NAME") != null) {
							indexes.merge(index.getString("INDEX_NAME"), (index.getBoolean("NON_UNIQUE") ? "index" : "unique")
									+ " where " + index.getString("FILTER_CONDITION") + " on " + index.getString("COLUMN_NAME"),
									(a, b) -> a + ", " + b.substring(b.lastIndexOf(" on ") + 4));
						}
					}
				}
				indexes.values().stream().sorted().forEach(described::add);
				shape.put(table.toLowerCase(Locale.ROOT),
						described.stream().map(line -> line.toLowerCase(Locale.ROOT)).sorted().toList());
			}
		}
		assertThat(shape).containsKeys("referential_version", "document_content", "certificate_pdf");
		assertThat(shape.get("referential_version")).contains("unique where null on published_programme");
		return shape;
	}

	/** An unquoted identifier as the database stores it (H2 in upper case, PostgreSQL in lower case). */
	private static String stored(DatabaseMetaData meta, String identifier) throws SQLException {
		return meta.storesUpperCaseIdentifiers() ? identifier.toUpperCase(Locale.ROOT) : identifier;
	}

	private static byte[] randomPdf(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		byte[] header = Api.pdf("Dossier");
		System.arraycopy(header, 0, bytes, 0, header.length);
		return bytes;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String quoted(String identifier) {
		return '"' + identifier + '"';
	}

}
