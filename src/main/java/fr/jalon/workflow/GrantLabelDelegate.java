package fr.jalon.workflow;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.Status;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${grantLabel}}: the national commission validated; the candidacy is labelled. */
@Component("grantLabel")
class GrantLabelDelegate implements JavaDelegate {

	private final CandidacyService candidacies;

	GrantLabelDelegate(CandidacyService candidacies) {
		this.candidacies = candidacies;
	}

	@Override
	public void execute(DelegateExecution execution) {
		candidacies.close(execution.getProcessBusinessKey(), Status.LABELLED);
	}

}
