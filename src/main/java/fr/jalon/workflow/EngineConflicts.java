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

	private EngineConflicts() {
	}

	public static <T> T translate(Supplier<T> engineCall) {
		try {
			return engineCall.get();
		}
		catch (OptimisticLockingException | TaskAlreadyClaimedException e) {
			throw new Conflict(DETAIL);
		}
	}

	public static void translate(Runnable engineCall) {
		translate(() -> {
			engineCall.run();
			return null;
		});
	}

}
