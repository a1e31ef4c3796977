package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar stopped with SIGTERM in the middle of a stream of charter approvals, whose recognitions the job
 * executor renders: the process ends within its shutdown timeout, and leaves no job locked behind it (a locked job
 * would wait for its lock time, a minute, before another node took it). Started again, it issues every recognition.
 */
class ShutdownIT extends InstalledJar {

	/** 128 + 15: the exit value of a JVM that ended on SIGTERM. */
	private static final int ENDED_BY_SIGTERM = 143;

	/** spring.lifecycle.timeout-per-shutdown-phase, with the JVM's own start and end around it. */
	private static final Duration STOP_DEADLINE = Duration.ofSeconds(20 + 25);

	private static final int BURST = 10;

	@Test
	void leavesNoJobLockedWhenStoppedMidStream() throws Exception {
		jalon.start();
		JalonProcess.Account albi = jalon.as("mairie-albi");
		JalonProcess.Account ddt = jalon.as("ddt-81");
		Map<String, String> verifications = new LinkedHashMap<>();
		for (int i = 0; i < BURST; i++) {
			String id = CrashRecoveryIT.charterSubmitted(albi, "Arrêt " + i);
			verifications.put(id, ddt.task(id, "VerifyCharter"));
		}
		// Charters approved one after the other, one request each (Basic sign-ins of one account at once contend on
		// its failed-login row), each approval starting a recognition's job: the SIGTERM lands while one is under way.
		List<String> approved = new CopyOnWriteArrayList<>();
		Thread stream = new Thread(() -> {
			try {
				verifications.forEach((id, task) -> {
					ddt.complete(task, Map.of("outcome", "APPROVE"));
					approved.add(id);
				});
			}
			catch (Throwable stopped) {
				// the node stops: its answer is a 503, or none
			}
		});
		stream.start();
		Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> approved.size() >= 3 || !stream.isAlive());

		long stopping = System.nanoTime();
		assertThat(jalon.terminate(STOP_DEADLINE)).isEqualTo(ENDED_BY_SIGTERM);
		long stopMillis = Duration.ofNanos(System.nanoTime() - stopping).toMillis();
		int[] jobs = jobs();
		stream.join(Duration.ofMinutes(1).toMillis());
		System.out.printf("ShutdownIT: %d of %d charters approved; stopped %d ms after SIGTERM; %d jobs left for the "
				+ "next start, %d of them locked; log: %s%n", approved.size(), BURST, stopMillis, jobs[0], jobs[1], jalon.logTail(400)
					.lines()
					.filter(line -> line.contains("JobsOnShutdown"))
					.map(line -> line.replaceFirst(".*JobsOnShutdown\\s*:\\s*", ""))
					.toList());
		assertThat(jobs[1]).as("jobs left locked by the stopped node").isZero();

		jalon.start();
		long restarted = System.nanoTime();
		for (String id : approved) {
			CrashRecoveryIT.awaitCertificate(albi, id);
		}
		System.out.printf("ShutdownIT: the %d recognitions issued %d ms after the restart%n", approved.size(),
				Duration.ofNanos(System.nanoTime() - restarted).toMillis());
	}

	/**
	 * The engine's jobs in the stopped node's database: how many asynchronous continuations wait, and how many jobs of
	 * any kind are still locked by a node.
	 */
	private int[] jobs() throws Exception {
		try (Connection db = DriverManager.getConnection(
				"jdbc:h2:file:" + emptyDir.resolve("data/jalon").toAbsolutePath(), "jalon", "jalon");
				ResultSet jobs = db.createStatement()
					.executeQuery("select (select count(*) from ACT_RU_JOB where TYPE_ = 'message'), "
							+ "(select count(*) from ACT_RU_JOB where LOCK_OWNER_ is not null)")) {
			jobs.next();
			return new int[] { jobs.getInt(1), jobs.getInt(2) };
		}
	}

}
