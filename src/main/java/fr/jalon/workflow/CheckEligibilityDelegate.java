package fr.jalon.workflow;

import fr.jalon.candidacy.CandidacyService;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${checkEligibility}}: the candidacy's communes against the referential's eligibility rules. */
@Component("checkEligibility")
class CheckEligibilityDelegate implements JavaDelegate {

	private final CandidacyService candidacies;

	CheckEligibilityDelegate(CandidacyService candidacies) {
		this.candidacies = candidacies;
	}

	@Override
	public void execute(DelegateExecution execution) {
		execution.setVariable(ProcessKeys.ELIGIBLE, candidacies.checkEligibility(execution.getProcessBusinessKey()));
	}

}
