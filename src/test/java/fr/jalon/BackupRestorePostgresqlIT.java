package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The README's backup of PostgreSQL: {@code pg_dump -Fc} while the node runs, and a copy of the signing keystore;
 * restored with {@code createdb} and {@code pg_restore} into an empty database, the keystore put back, the node
 * started on it. Run by {@code .ci/backup-restore} only (not by {@code mvn verify}), which starts a throw-away server
 * and names it the way PostgreSQL's own tools read it: {@code PGHOST}, {@code PGPORT}, {@code PGUSER} (a role that
 * may create databases), the database {@code jalon}.
 */
class BackupRestorePostgresqlIT extends BackupRestore {

	private static final String DATABASE = "jalon";

	private static final String KEYSTORE = "etc/certificate-signing.p12";

	private static final String PASSWORD = "sauvegarde-du-magasin";

	private static final Map<String, String> SERVER = server();

	private static Map<String, String> server() {
		Map<String, String> server = new java.util.HashMap<>();
		for (String name : List.of("PGHOST", "PGPORT", "PGUSER")) {
			String value = System.getenv(name);
			assertThat(value).as("%s (run by .ci/backup-restore, which starts a PostgreSQL server)", name).isNotBlank();
			server.put(name, value);
		}
		return Map.copyOf(server);
	}

	/** The signing keystore of a production installation, made with the JDK's keytool. */
	@Override
	void install(Path workDir) throws Exception {
		Files.createDirectories(workDir.resolve(KEYSTORE).getParent());
		run(workDir, Map.of(), Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
				"-alias", "jalon", "-keyalg", "RSA", "-keysize", "3072", "-validity", "3653", "-dname",
				"CN=Jalon, O=Jalon, C=FR", "-storetype", "PKCS12", "-keystore", KEYSTORE, "-storepass", PASSWORD);
	}

	@Override
	JalonProcess node(Path workDir) throws IOException {
		return new JalonProcess(Path.of(System.getProperty("jalon.jar")), workDir,
				List.of("--spring.profiles.active=postgresql",
						"--jalon.certificates.keystore=" + workDir.resolve(KEYSTORE).toAbsolutePath(),
						"--jalon.certificates.keystore-password=" + PASSWORD),
				Map.of("JALON_DB_URL",
						"jdbc:postgresql://" + SERVER.get("PGHOST") + ":" + SERVER.get("PGPORT") + "/" + DATABASE,
						"JALON_DB_USER", SERVER.get("PGUSER"), "JALON_DB_PASSWORD", "jalon"));
	}

	/** The dump is taken while the node runs: one consistent snapshot of Jalon's tables and the engine's. */
	@Override
	void backUp(JalonProcess node, Path workDir, Path backups) throws Exception {
		assertThat(node.isRunning()).isTrue();
		run(backups, SERVER, "pg_dump", "-Fc", "-f", "jalon.dump", DATABASE);
		Files.copy(workDir.resolve(KEYSTORE), backups.resolve("certificate-signing.p12"));
	}

	@Override
	void wipe(Path workDir) throws Exception {
		run(workDir, SERVER, "dropdb", DATABASE);
		deleteRecursively(workDir.resolve(KEYSTORE).getParent());
	}

	@Override
	void restore(Path backups, Path workDir) throws Exception {
		run(backups, SERVER, "createdb", "-O", SERVER.get("PGUSER"), DATABASE);
		run(backups, SERVER, "pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "-d", DATABASE,
				"jalon.dump");
		Files.createDirectories(workDir.resolve(KEYSTORE).getParent());
		Files.copy(backups.resolve("certificate-signing.p12"), workDir.resolve(KEYSTORE));
	}

	@Override
	String database() {
		return "PostgreSQL";
	}

}
