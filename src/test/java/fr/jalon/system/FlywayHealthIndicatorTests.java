package fr.jalon.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The schema as readiness sees it: UP with every migration applied, DOWN with one the jar carries and not applied. */
class FlywayHealthIndicatorTests {

	private final DriverManagerDataSource database = new DriverManagerDataSource(
			"jdbc:h2:mem:flyway-health;DB_CLOSE_DELAY=-1", "sa", "");

	@Test
	void isDownWhileAMigrationIsPending() {
		Flyway.configure().dataSource(database).locations("classpath:db/health-test/applied").load().migrate();
		Flyway newerJar = Flyway.configure()
			.dataSource(database)
			.locations("classpath:db/health-test/applied", "classpath:db/health-test/pending")
			.load();

		Health pending = new FlywayHealthIndicator(newerJar).health();
		assertThat(pending.getStatus()).isEqualTo(Status.DOWN);
		assertThat(pending.getDetails()).containsEntry("pending", 1L).containsEntry("version", "1");

		newerJar.migrate();
		Health applied = new FlywayHealthIndicator(newerJar).health();
		assertThat(applied.getStatus()).isEqualTo(Status.UP);
		assertThat(applied.getDetails()).containsEntry("pending", 0L).containsEntry("failed", 0L)
			.containsEntry("version", "2");
	}

}
