package fr.jalon.workflow;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;

import fr.jalon.system.Conflict;

/**
 * The engine's concurrency failures (a lost optimistic lock, a database lock not obtained, a task claimed meanwhile),
 * met while a user's request drives the engine, become the domain's {@link Conflict}: the API answers 409 and the pages
 * their French conflict page, through their one mapping of conflicts, and nothing of the request is kept (its
 * transaction rolls back).
 */
public final class EngineConflicts {

	static final String DETAIL = "Quelqu'un a agi sur ce dossier en même temps ; rechargez-le et recommencez.";

	/** How many times a request that lost an optimistic lock is tried in all. */
	static final int ATTEMPTS = 3;

	/**
	 * The SQL states of a row lock not obtained: a deadlock or a serialization failure (40001; PostgreSQL's deadlock
	 * 40P01), a lock wait that timed out (H2's HYT00, PostgreSQL's 55P03). The engine wraps them in a plain
	 * {@link ProcessEngineException}: a concurrent change all the same, not an internal error.
	 */
	static final Set<String> LOCK_NOT_OBTAINED = Set.of("40001", "40P01", "HYT00", "55P03");

	private EngineConflicts() {
	}

	public static <T> T translate(Supplier<T> engineCall) {
		try {
			return engineCall.get();
		}
		catch (OptimisticLockingException e) {
			throw new LostLock();
		}
		catch (TaskAlreadyClaimedException e) {
			throw new Conflict(DETAIL);
		}
		catch (ProcessEngineException e) {
			if (lockNotObtained(e)) {
				throw new LostLock();
			}
			throw e;
		}
	}

	/** Whether the engine's failure is a database lock it did not obtain (its transaction is rolled back). */
	static boolean lockNotObtained(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					if (next.getSQLState() != null && LOCK_NOT_OBTAINED.contains(next.getSQLState())) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/**
	 * A user's request that drives the engine in a transaction of its own ({@code transactional} is the call of a
	 * transactional service, made outside any transaction), tried again as a whole when it lost an optimistic lock to
	 * a concurrent transaction: the job executor ending a parallel branch of the same process (the charter recognition
	 * while the collectivité submits its contract), another reviewer's step. Its transaction rolled back, nothing of it
	 * was kept, and the next try reads everything anew: a task completed meanwhile by someone else is then "no longer
	 * open" (409). After {@link #ATTEMPTS} lost locks, the conflict reaches the user.
	 */
	public static <T> T retried(Supplier<T> transactional) {
		for (int attempt = 1;; attempt++) {
			try {
				return transactional.get();
			}
			catch (LostLock lost) {
				if (attempt >= ATTEMPTS) {
					throw lost;
				}
			}
		}
	}

	/** A lost optimistic lock: a conflict (409, nothing kept) that the whole request may be tried again for. */
	static final class LostLock extends Conflict {

		LostLock() {
			super(DETAIL);
		}

	}

	public static void translate(Runnable engineCall) {
		translate(() -> {
			engineCall.run();
			return null;
		});
	}

}
