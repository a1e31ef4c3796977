package fr.jalon.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * Databases created while H2 and PostgreSQL had scripts of their own ({@code db/migration/h2} and
 * {@code db/migration/postgresql}, up to V8) recorded versions 1, 4 and 8 with those scripts' checksums,
 * which Flyway's validation refuses now that one script set serves both. Before migrating, a version whose
 * recorded checksum is one of {@link #LEGACY_CHECKSUMS} (and only such a version) takes the checksum of
 * today's script; V10 then brings such a database to today's schema. Any other difference still stops the
 * start, as an edited script must: nothing is repaired wholesale.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class LegacyMigrations {

	/**
	 * The checksums that the former per-vendor scripts left in {@code flyway_schema_history}, by version, each
	 * with the file it came from (copies in src/test/resources/db/legacy, which SchemaTests migrates).
	 * PostgreSQL's V1 and V4 are today's scripts, unchanged.
	 */
	static final Map<String, Set<Integer>> LEGACY_CHECKSUMS = Map.of(
			"1", Set.of(1659968397), // db/migration/h2/V1__jalon.sql
			"4", Set.of(-1950492954), // db/migration/h2/V4__certificates.sql
			"8", Set.of(708494813, // db/migration/h2/V8__referential_version_locking.sql
					-1969337138)); // db/migration/postgresql/V8__referential_version_locking.sql

	private static final Logger log = LoggerFactory.getLogger(LegacyMigrations.class);

	@Bean
	FlywayMigrationStrategy migrationAfterLegacyChecksums() {
		return LegacyMigrations::migrate;
	}

	/** Realigns the legacy checksums (see the class), then migrates as Flyway does, validation included. */
	static void migrate(Flyway flyway) {
		for (MigrationInfo migration : flyway.info().applied()) {
			if (isLegacy(migration)) {
				realign(flyway.getConfiguration(), migration);
			}
		}
		flyway.migrate();
	}

	private static boolean isLegacy(MigrationInfo migration) {
		return migration.getVersion() != null && migration.getResolvedChecksum() != null
				&& LEGACY_CHECKSUMS.getOrDefault(migration.getVersion().getVersion(), Set.of())
					.contains(migration.getAppliedChecksum());
	}

	private static void realign(Configuration configuration, MigrationInfo migration) {
		try (Connection connection = configuration.getDataSource().getConnection()) {
			String schema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
					: configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : connection.getSchema();
			String history = quoted(schema) + "." + quoted(configuration.getTable());
			try (PreparedStatement update = connection.prepareStatement("update " + history
					+ " set \"checksum\" = ? where \"version\" = ? and \"checksum\" = ?")) {
				update.setInt(1, migration.getResolvedChecksum());
				update.setString(2, migration.getVersion().getVersion());
				update.setInt(3, migration.getAppliedChecksum());
				if (update.executeUpdate() > 0) {
					log.info("Schema version {} was recorded by the former per-vendor script (checksum {}): now the "
							+ "one script set's {} ({})", migration.getVersion(), migration.getAppliedChecksum(),
							migration.getScript(), migration.getResolvedChecksum());
				}
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			throw new FlywayException("Could not realign the checksum of schema version " + migration.getVersion(),
					ex);
		}
	}

	private static String quoted(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

}
