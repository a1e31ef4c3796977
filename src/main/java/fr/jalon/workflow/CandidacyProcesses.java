package fr.jalon.workflow;

import java.util.HashMap;
import java.util.Map;

import fr.jalon.campaign.CampaignAnnounced;

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
		Map<String, Object> variables = new HashMap<>();
		variables.put(ProcessKeys.COLLECTIVITE, submitted.collectivite());
		variables.put(ProcessKeys.DEPARTEMENT, submitted.departement());
		variables.put(ProcessKeys.REGION, submitted.region());
		if (submitted.programme() == Programme.PVD) {
			variables.put(ProcessKeys.CAMPAIGN, submitted.campaign());
			runtime.startProcessInstanceByKey(ProcessKeys.PVD_SELECTION, submitted.candidacyId(), variables);
		}
		else {
			variables.put(ProcessKeys.DUE_DELAY, deadlines.due().toString());
			variables.put(ProcessKeys.REMINDER_DELAY, deadlines.reminderAfter().toString());
			runtime.startProcessInstanceByKey(ProcessKeys.ECOQUARTIER_LABEL, submitted.candidacyId(), variables);
		}
	}

	@EventListener
	void on(CampaignAnnounced announced) {
		announced.selectedCandidacyIds()
			.forEach(id -> runtime.createMessageCorrelation(ProcessKeys.ANNOUNCEMENT_MESSAGE)
				.processInstanceBusinessKey(id)
				.correlate());
	}

	@EventListener
	void on(CandidacyWithdrawn withdrawn) {
		runtime.createMessageCorrelation(ProcessKeys.WITHDRAWAL_MESSAGE)
			.processInstanceBusinessKey(withdrawn.candidacyId())
			.correlateAll();
	}

}
