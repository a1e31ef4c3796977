package fr.jalon.workflow;

import java.util.HashMap;
import java.util.Map;

import fr.jalon.campaign.CampaignAnnounced;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.CandidacySubmitted;
import fr.jalon.candidacy.CandidacyWithdrawn;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts a candidacy's process when it is submitted (the latest version of the process whose id is the
 * programme's) and closes it when it is withdrawn, with its certificates still to issue, in the transaction of the
 * change itself.
 */
@Component
class CandidacyProcesses {

	private final RuntimeService runtime;

	private final RepositoryService repository;

	private final CandidacyService candidacies;

	private final CertificateRequests certificates;

	CandidacyProcesses(RuntimeService runtime, RepositoryService repository, CandidacyService candidacies,
			CertificateRequests certificates) {
		this.runtime = runtime;
		this.repository = repository;
		this.candidacies = candidacies;
		this.certificates = certificates;
	}

	@EventListener
	void on(CandidacySubmitted submitted) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(ProcessKeys.COLLECTIVITE, submitted.collectivite());
		variables.put(ProcessKeys.DEPARTEMENT, submitted.departement());
		variables.put(ProcessKeys.REGION, submitted.region());
		if (submitted.campaign() != null) {
			variables.put(ProcessKeys.CAMPAIGN, submitted.campaign());
		}
		ProcessInstance instance = runtime.startProcessInstanceByKey(submitted.programme(), submitted.candidacyId(),
				variables);
		candidacies.startedWith(submitted.candidacyId(),
				repository.getProcessDefinition(instance.getProcessDefinitionId()).getVersion());
	}

	@EventListener
	void on(CampaignAnnounced announced) {
		announced.selectedCandidacyIds()
			.forEach(id -> runtime.createMessageCorrelation(ProcessKeys.ANNOUNCEMENT_MESSAGE)
				.processInstanceBusinessKey(id)
				.correlateAll());
	}

	@EventListener
	void on(CandidacyWithdrawn withdrawn) {
		EngineConflicts.translate(() -> {
			runtime.createMessageCorrelation(ProcessKeys.WITHDRAWAL_MESSAGE)
				.processInstanceBusinessKey(withdrawn.candidacyId())
				.correlateAll();
			certificates.cancel(withdrawn.candidacyId());
		});
	}

}
