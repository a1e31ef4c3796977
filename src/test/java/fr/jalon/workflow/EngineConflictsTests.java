package fr.jalon.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import fr.jalon.system.Conflict;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
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

	/**
	 * A row lock the engine did not obtain (H2's deadlock or lock timeout, PostgreSQL's deadlock) reaches the engine's
	 * caller as a plain ProcessEngineException: a conflict tried again, never a 500.
	 */
	@Test
	void triesARequestAgainWhenTheDatabaseDidNotGiveItALock() {
		for (String state : new String[] { "40001", "HYT00", "40P01", "55P03" }) {
			tries.set(0);
			String answer = EngineConflicts.retried(() -> EngineConflicts.translate(() -> {
				if (tries.incrementAndGet() == 1) {
					throw new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
							new PersistenceException(new SQLException("lock not obtained", state)));
				}
				return "completed";
			}));
			assertThat(answer).as(state).isEqualTo("completed");
			assertThat(tries).as(state).hasValue(2);
		}
	}

	@Test
	void letsAnyOtherEngineFailureThrough() {
		ProcessEngineException other = new ProcessEngineException("ENGINE-03004",
				new PersistenceException(new SQLException("value too long", "22001")));
		assertThatThrownBy(() -> EngineConflicts.retried(() -> EngineConflicts.translate(() -> {
			tries.incrementAndGet();
			throw other;
		}))).isSameAs(other);
		assertThat(tries).hasValue(1);
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
