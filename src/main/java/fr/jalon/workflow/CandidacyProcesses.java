package fr.jalon.workflow;

import java.util.Map;

import fr.jalon.candidacy.CandidacySubmitted;
import fr.jalon.candidacy.CandidacyWithdrawn;
import fr.jalon.candidacy.Programme;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts a candidacy's process when it is submitted and closes it when it is withdrawn, in the
 * transaction of the change itself.
 */
@Component
class CandidacyProcesses {

	private final RuntimeService runtime;

	private final Deadlines deadlines;

	CandidacyProcesses(RuntimeService runtime, Deadlines deadlines) {
		this.runtime = runtime;
		this.deadlines = deadlines;
	}

	@EventListener
	void on(CandidacySubmitted submitted) {
		if (submitted.programme() != Programme.ECOQUARTIER) {
			throw new IllegalStateException("No process for " + submitted.programme());
		}
		runtime.startProcessInstanceByKey(ProcessKeys.ECOQUARTIER_LABEL, submitted.candidacyId(),
				Map.of(ProcessKeys.COLLECTIVITE, submitted.collectivite(), ProcessKeys.DEPARTEMENT,
						submitted.departement(), ProcessKeys.REGION, submitted.region(), ProcessKeys.DUE_DELAY,
						deadlines.due().toString(), ProcessKeys.REMINDER_DELAY, deadlines.reminderAfter().toString()));
	}

	@EventListener
	void on(CandidacyWithdrawn withdrawn) {
		runtime.createMessageCorrelation(ProcessKeys.WITHDRAWAL_MESSAGE)
			.processInstanceBusinessKey(withdrawn.candidacyId())
			.correlateAll();
	}

}
