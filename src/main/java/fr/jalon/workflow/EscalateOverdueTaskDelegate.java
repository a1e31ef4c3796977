package fr.jalon.workflow;

import fr.jalon.candidacy.CandidacyService;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/** {@code ${escalateOverdueTask}} with field {@code recipient}: a collectivité's task is overdue; its reviewer is told. */
@Component("escalateOverdueTask")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE) // fields are injected per use
public class EscalateOverdueTaskDelegate implements JavaDelegate {

	private final CandidacyService candidacies;

	private Expression recipient;

	EscalateOverdueTaskDelegate(CandidacyService candidacies) {
		this.candidacies = candidacies;
	}

	public void setRecipient(Expression recipient) {
		this.recipient = recipient;
	}

	@Override
	public void execute(DelegateExecution execution) {
		candidacies.recordEvent(execution.getProcessBusinessKey(), "TASK_ESCALATED", "system",
				"Échéance dépassée : signalée à " + recipient.getValue(execution) + ".");
	}

}
