package fr.jalon.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database as readiness sees it: DOWN within a few seconds when no connection comes (a stopped database makes the
 * pool wait 30 s), not a probe that hangs; UP again once the database answers.
 */
class DatabaseHealthIndicatorTests {

	private final DriverManagerDataSource database = new DriverManagerDataSource(
			"jdbc:h2:mem:database-health;DB_CLOSE_DELAY=-1", "sa", "");

	/** A database that gives no connection until it is let go, as a pool does while the server is stopped. */
	private final CountDownLatch stopped = new CountDownLatch(1);

	private final DelegatingDataSource stalling = new DelegatingDataSource(database) {

		@Override
		public Connection getConnection() throws SQLException {
			try {
				stopped.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return super.getConnection();
		}

	};

	@Test
	void isUpWhenTheDatabaseAnswers() {
		assertThat(new DatabaseHealthIndicator(new JdbcTemplate(database)).health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void answersDownAtOnceWhileNoConnectionComes() {
		DatabaseHealthIndicator indicator = new DatabaseHealthIndicator(new JdbcTemplate(stalling));
		long started = System.nanoTime();
		Health first = indicator.health();
		Health second = indicator.health();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(first.getStatus()).isEqualTo(Status.DOWN);
		assertThat(first.getDetails()).containsEntry("error", "no answer within 3 s");
		assertThat(second.getStatus()).isEqualTo(Status.DOWN);
		assertThat(second.getDetails()).containsEntry("error", "the previous check has not answered yet");
		assertThat(took).as("both answers, while the first check still waits").isLessThan(Duration.ofSeconds(30));

		stopped.countDown();
		Awaitility.await("UP once the database answers").atMost(Duration.ofMinutes(1))
			.until(() -> indicator.health().getStatus().equals(Status.UP));
	}

}
