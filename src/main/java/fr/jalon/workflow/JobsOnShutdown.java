package fr.jalon.workflow;

import java.time.Duration;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM, the job executor takes no new job and lets the running ones end, before anything else stops.
 * <p>
 * Left alone, the engine stops badly: Spring shuts the job threads' pool down as soon as the context closes
 * (refusing new work, then pausing what is queued and dropping it at the end), while the engine's acquisition thread
 * goes on locking jobs until the engine itself is closed, among the last beans. Every job acquired or queued in that
 * window stays locked by a node that no longer exists: no other node takes it before its lock time has passed
 * ({@code camunda.bpm.job-execution.lock-time-in-millis}). So, first of all: the engine's own shutdown of its job
 * executor (the acquisition thread ends; a job already handed to the pool but not started is then unlocked by its
 * thread instead of run, so that another node takes it at once), then a wait for the pool to be idle, within
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
@Component
class JobsOnShutdown {

	private static final Logger log = LoggerFactory.getLogger(JobsOnShutdown.class);

	private static final long POLL_MILLIS = 50;

	private final ObjectProvider<JobExecutor> jobExecutor;

	private final Duration timeout;

	JobsOnShutdown(ObjectProvider<JobExecutor> jobExecutor,
			@Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
		this.jobExecutor = jobExecutor;
		this.timeout = timeout;
	}

	/** Before the pool's own listener (which shuts it down on the same event) and before the web server stops. */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void stopTakingJobs(ContextClosedEvent closed) throws InterruptedException {
		JobExecutor executor = jobExecutor.getIfAvailable();
		if (executor == null || !executor.isActive()) {
			return;
		}
		long start = System.nanoTime();
		executor.shutdown();
		if (!(executor instanceof SpringJobExecutor spring && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool)) {
			return;
		}
		long deadline = start + timeout.toNanos();
		while ((pool.getActiveCount() > 0 || pool.getQueueSize() > 0) && System.nanoTime() < deadline) {
			Thread.sleep(POLL_MILLIS);
		}
		long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
		if (pool.getActiveCount() > 0 || pool.getQueueSize() > 0) {
			log.warn("Job executor stopped acquiring; {} job thread(s) still busy after {} ms: their jobs stay locked "
					+ "until their lock time has passed", pool.getActiveCount(), waited);
		}
		else {
			log.info("Job executor stopped: no new job acquired, the jobs under way ended ({} ms)", waited);
		}
	}

}
