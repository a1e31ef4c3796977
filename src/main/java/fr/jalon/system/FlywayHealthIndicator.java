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
 * applied and none failed. A node whose jar is newer than its database's schema is not ready. Once UP, it stays so
 * without asking the database again: applied migrations are never undone, and the {@code db} check tells whether the
 * database answers (read each time, Flyway's history would make a probe wait for a connection while it is down).
 */
@Component
class FlywayHealthIndicator extends AbstractHealthIndicator {

	private final Flyway flyway;

	/** The details of the check that found every migration applied; null until one did. */
	private volatile java.util.Map<String, Object> migrated;

	FlywayHealthIndicator(Flyway flyway) {
		super("Flyway's migrations could not be read");
		this.flyway = flyway;
	}

	@Override
	protected void doHealthCheck(Health.Builder health) {
		java.util.Map<String, Object> applied = migrated;
		if (applied != null) {
			health.up().withDetails(applied);
			return;
		}
		MigrationInfoService info = flyway.info();
		MigrationInfo current = info.current();
		long pending = info.pending().length;
		long failed = Arrays.stream(info.all()).filter(migration -> migration.getState().isFailed()).count();
		java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
		details.put("version", current == null ? "none" : String.valueOf(current.getVersion()));
		details.put("pending", pending);
		details.put("failed", failed);
		if (pending == 0 && failed == 0) {
			migrated = details;
			health.up().withDetails(details);
		}
		else {
			health.down().withDetails(details);
		}
	}

}
