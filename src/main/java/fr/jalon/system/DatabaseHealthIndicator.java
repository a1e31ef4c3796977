package fr.jalon.system;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The database, as readiness sees it ({@code db}): a {@code select 1} that must answer within {@link #BOUND}. Spring
 * Boot's own check waits for a pooled connection as long as the pool does (30 s): with the database stopped, a probe
 * then hung past any load balancer's timeout instead of answering 503. One check at a time runs, on its own thread;
 * while one is still waiting, the next probe is answered DOWN at once.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator extends AbstractHealthIndicator {

	static final Duration BOUND = Duration.ofSeconds(3);

	private final JdbcTemplate jdbc;

	private final ThreadPoolExecutor checks = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new SynchronousQueue<>(),
			runnable -> {
				Thread thread = new Thread(runnable, "database-health");
				thread.setDaemon(true);
				return thread;
			});

	DatabaseHealthIndicator(JdbcTemplate jdbc) {
		super("The database did not answer");
		this.jdbc = jdbc;
		checks.allowCoreThreadTimeOut(true);
	}

	@Override
	protected void doHealthCheck(Health.Builder health) throws Exception {
		Future<Integer> answer;
		try {
			answer = checks.submit(() -> jdbc.queryForObject("select 1", Integer.class));
		}
		catch (RejectedExecutionException busy) {
			health.down().withDetail("error", "the previous check has not answered yet");
			return;
		}
		try {
			answer.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
			health.up();
		}
		catch (TimeoutException slow) {
			health.down().withDetail("error", "no answer within " + BOUND.toSeconds() + " s");
		}
	}

}
