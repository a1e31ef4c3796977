package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The README's backup of the embedded H2 database: Jalon stopped, its data folder (the database and the generated
 * signing keystore) archived with {@code tar}; restored by unpacking the archive into an empty working directory.
 */
class BackupRestoreIT extends BackupRestore {

	@Override
	JalonProcess node(Path workDir) throws IOException {
		return new JalonProcess(Path.of(System.getProperty("jalon.jar")), workDir);
	}

	@Override
	void backUp(JalonProcess node, Path workDir, Path backups) throws Exception {
		node.shutDown();
		run(workDir, Map.of(), "tar", "-czf", backups.resolve("jalon.tar.gz").toString(), "data");
	}

	@Override
	void wipe(Path workDir) throws Exception {
		deleteRecursively(workDir.resolve("data"));
	}

	@Override
	void restore(Path backups, Path workDir) throws Exception {
		assertThat(workDir).isEmptyDirectory();
		run(workDir, Map.of(), "tar", "-xzf", backups.resolve("jalon.tar.gz").toString());
	}

	@Override
	String database() {
		return "H2";
	}

}
