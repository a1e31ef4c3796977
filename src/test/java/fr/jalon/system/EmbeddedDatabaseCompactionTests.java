package fr.jalon.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded H2 file, opened with the URL Jalon ships (application.yaml: every commit written at once), stays near
 * the size of its data under thousands of small commits when its chunks are rewritten as Jalon does it: some 4 MB,
 * where the same commits without it leave 28 MB (BENCHMARKS.md « Embedded database file »).
 * No timing: rounds are called every few hundred commits in place of the timer, and H2's retention time (how long a
 * chunk that fell empty is kept before its space is written again, 45 s) is set to 0 here, as if it had passed.
 */
class EmbeddedDatabaseCompactionTests {

	private static final int ROWS = 1500;

	private static final int UPDATES_PER_ROW = 10;

	/** Live data: 1,500 rows of 1.5 KB and 15,000 small ones; 4 MB with the rounds, 28 MB without. */
	private static final long BOUND = 12L * 1024 * 1024;

	@TempDir
	Path data;

	@Test
	void keepsTheFileSmallUnderManySmallCommits() throws Exception {
		DriverManagerDataSource database = new DriverManagerDataSource(shippedUrl(data) + ";RETENTION_TIME=0", "jalon",
				"jalon");
		EmbeddedDatabaseCompaction compaction = new EmbeddedDatabaseCompaction(database);
		Path file = data.resolve("jalon.mv.db");

		// One connection held open, as the pool does: the database stays open between rounds.
		try (Connection connection = database.getConnection()) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("create table row_state (id bigint primary key, step int, body varchar(2000))");
				ddl.execute(
						"create table row_history (id bigint auto_increment primary key, row_id bigint, event varchar(200))");
			}
			connection.setAutoCommit(false);
			String body = "x".repeat(1500);
			int commits = 0;
			try (PreparedStatement insert = connection.prepareStatement("insert into row_state values (?, 0, ?)");
					PreparedStatement update = connection
						.prepareStatement("update row_state set step = step + 1, body = ? where id = ?");
					PreparedStatement history = connection
						.prepareStatement("insert into row_history (row_id, event) values (?, ?)")) {
				for (int row = 0; row < ROWS; row++) {
					insert.setLong(1, row);
					insert.setString(2, body);
					insert.executeUpdate();
					connection.commit();
					for (int step = 0; step < UPDATES_PER_ROW; step++) {
						update.setString(1, body + step);
						update.setLong(2, row);
						update.executeUpdate();
						history.setLong(1, row);
						history.setString(2, "step " + step);
						history.executeUpdate();
						connection.commit();
						if (++commits % 500 == 0) {
							assertThat(compaction.compact()).as("an H2 file database, compacted").isTrue();
						}
					}
				}
			}
			assertThat(Files.size(file)).as("the file after %d commits, while open", commits).isLessThan(BOUND);
		}
		assertThat(Files.size(file)).as("the file once closed").isLessThan(BOUND);
	}

	@Test
	void leavesAnyOtherDatabaseAlone() {
		DriverManagerDataSource memory = new DriverManagerDataSource("jdbc:h2:mem:compaction;DB_CLOSE_DELAY=-1", "sa", "");

		assertThat(new EmbeddedDatabaseCompaction(memory).compact()).isFalse();
	}

	/** The datasource URL of application.yaml, its data folder here. */
	private static String shippedUrl(Path data) {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yaml"));
		Properties properties = yaml.getObject();
		String url = properties.getProperty("spring.datasource.url");
		assertThat(url).startsWith("jdbc:h2:file:${jalon.data-dir}/jalon;").contains("WRITE_DELAY=0");
		return url.replace("${jalon.data-dir}", data.toString());
	}

}
