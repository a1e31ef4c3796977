package fr.jalon.system;

import java.util.Arrays;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The schema, as readiness sees it ({@code flyway} in the health groups): UP when every migration the jar carries is
 * applied and none failed. A node whose jar is newer than its database's schema is not ready.
 */
@Component
class FlywayHealthIndicator extends AbstractHealthIndicator {

	private final Flyway flyway;

	FlywayHealthIndicator(Flyway flyway) {
		super("Flyway's migrations could not be read");
		this.flyway = flyway;
	}

	@Override
	protected void doHealthCheck(Health.Builder health) {
		MigrationInfoService info = flyway.info();
		MigrationInfo current = info.current();
		long pending = info.pending().length;
		long failed = Arrays.stream(info.all()).filter(migration -> migration.getState().isFailed()).count();
		(pending == 0 && failed == 0 ? health.up() : health.down())
			.withDetail("version", current == null ? "none" : String.valueOf(current.getVersion()))
			.withDetail("pending", pending)
			.withDetail("failed", failed);
	}

}
