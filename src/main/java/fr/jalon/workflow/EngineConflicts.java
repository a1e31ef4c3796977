package fr.jalon.workflow;

import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;

import fr.jalon.system.Conflict;

/**
 * The engine's concurrency failures (a lost optimistic lock, a task claimed meanwhile), met while a user's request
 * drives the engine, become the domain's {@link Conflict}: the API answers 409 and the pages their French conflict
 * page, through their one mapping of conflicts, and nothing of the request is kept (its transaction rolls back).
 */
public final class EngineConflicts {

	static final String DETAIL = "Quelqu'un a agi sur ce dossier en même temps ; rechargez-le et recommencez.";

	/** How many times a request that lost an optimistic lock is tried in all. */
	static final int ATTEMPTS = 3;

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
