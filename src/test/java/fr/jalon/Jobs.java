package fr.jalon;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** The job executor's work, done by hand: tests run with it off. */
public final class Jobs {

	private Jobs() {
	}

	/** Executes every due asynchronous continuation (timers are left to their time); a failure fails the test. */
	public static int runAll(ManagementService management) {
		int executed = 0;
		List<Job> due;
		while (!(due = management.createJobQuery().messages().executable().list()).isEmpty()) {
			for (Job job : due) {
				management.executeJob(job.getId());
				executed++;
			}
		}
		return executed;
	}

}
