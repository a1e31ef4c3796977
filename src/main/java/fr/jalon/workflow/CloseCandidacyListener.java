package fr.jalon.workflow;

import fr.jalon.candidacy.CandidacyService;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/** {@code ${closeCandidacy}} with field {@code status}: the candidacy ends in that status. */
@Component("closeCandidacy")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE) // fields are injected per use
public class CloseCandidacyListener implements ExecutionListener {

	private final CandidacyService candidacies;

	private Expression status;

	CloseCandidacyListener(CandidacyService candidacies) {
		this.candidacies = candidacies;
	}

	public void setStatus(Expression status) {
		this.status = status;
	}

	@Override
	public void notify(DelegateExecution execution) {
		candidacies.close(execution.getProcessBusinessKey(), (String) status.getValue(execution));
	}

}
