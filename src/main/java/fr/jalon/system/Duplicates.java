package fr.jalon.system;

import java.sql.SQLException;
import java.util.function.Supplier;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * The database's word on a row that exists already: a unique or primary key violation, such as the insert
 * of a request that lost a race to another, is a {@link Conflict} (409, on the API as on the pages), never a
 * 500 nor an overwrite. The write is flushed inside the service, so that the violation surfaces here.
 */
public final class Duplicates {

	/** The SQLSTATE of a unique violation, on PostgreSQL as on H2 (SQL standard class 23). */
	static final String UNIQUE_VIOLATION = "23505";

	private Duplicates() {
	}

	/**
	 * Runs a write that must reach the database now (a {@code saveAndFlush}, a flush); a unique or primary
	 * key violation becomes the conflict given, and the transaction rolls back with nothing stored.
	 */
	public static <T> T asConflict(Supplier<T> write, Supplier<? extends Conflict> conflict) {
		try {
			return write.get();
		}
		catch (DataIntegrityViolationException e) {
			if (!isDuplicate(e)) {
				throw e;
			}
			Conflict refused = conflict.get();
			refused.initCause(e);
			throw refused;
		}
	}

	/** Whether the failure is, at its root, the database refusing a second row with the same unique key. */
	static boolean isDuplicate(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
