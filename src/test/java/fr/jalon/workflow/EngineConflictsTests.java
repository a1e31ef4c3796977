package fr.jalon.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import fr.jalon.system.Conflict;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.junit.jupiter.api.Test;

/**
 * A request that lost an optimistic lock to a concurrent transaction (seen: the charter recognition's job ending its
 * branch while the collectivité submitted its contract answered 409) is tried again as a whole; a claim lost to
 * someone else, or a lock lost three times, reaches the user as a conflict.
 */
class EngineConflictsTests {

	private final AtomicInteger tries = new AtomicInteger();

	@Test
	void triesARequestAgainWhenItLostALockToAConcurrentTransaction() {
		String answer = EngineConflicts.retried(() -> EngineConflicts.translate(() -> {
			if (tries.incrementAndGet() == 1) {
				throw new OptimisticLockingException("ACT_RU_EXECUTION updated by another transaction");
			}
			return "completed";
		}));
		assertThat(answer).isEqualTo("completed");
		assertThat(tries).hasValue(2);
	}

	@Test
	void givesUpAfterThreeLostLocks() {
		assertThatThrownBy(() -> EngineConflicts.retried(() -> EngineConflicts.translate(() -> {
			tries.incrementAndGet();
			throw new OptimisticLockingException("always");
		}))).isInstanceOf(Conflict.class).hasMessage(EngineConflicts.DETAIL);
		assertThat(tries).hasValue(EngineConflicts.ATTEMPTS);
	}

	@Test
	void neverTriesAgainATaskSomeoneElseClaimed() {
		assertThatThrownBy(() -> EngineConflicts.retried(() -> EngineConflicts.translate(() -> {
			tries.incrementAndGet();
			throw new TaskAlreadyClaimedException("task", "expert-2");
		}))).isInstanceOf(Conflict.class);
		assertThat(tries).hasValue(1);
	}

}
