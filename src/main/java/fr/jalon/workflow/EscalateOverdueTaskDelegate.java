package fr.jalon.workflow;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referential.Deadline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code ${escalateOverdueTask}} with field {@code deadline}: the deadline has passed; the role it
 * escalates to (within the candidacy's département or region) is told, in the history.
 */
@Component("escalateOverdueTask")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE) // fields are injected per use
public class EscalateOverdueTaskDelegate implements JavaDelegate {

	private final CandidacyService candidacies;

	private final DeadlineDates deadlines;

	private final org.springframework.context.ApplicationEventPublisher events;

	private Expression deadline;

	EscalateOverdueTaskDelegate(CandidacyService candidacies, DeadlineDates deadlines,
			org.springframework.context.ApplicationEventPublisher events) {
		this.candidacies = candidacies;
		this.deadlines = deadlines;
		this.events = events;
	}

	public void setDeadline(Expression deadline) {
		this.deadline = deadline;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String name = (String) deadline.getValue(execution);
		Deadline overdue = deadlines.deadline(execution, name);
		Referential referential = candidacies.referentialOf(execution.getProcessBusinessKey());
		String recipient = overdue.escalateTo() == null ? "l'administration" : referential.role(overdue.escalateTo())
			.map(role -> role.label() + switch (role.scope()) {
				case DEPARTEMENT -> " (" + execution.getVariable(ProcessKeys.DEPARTEMENT) + ")";
				case REGION -> " (région " + execution.getVariable(ProcessKeys.REGION) + ")";
				case NATIONAL -> "";
			})
			.orElse(overdue.escalateTo());
		candidacies.recordEvent(execution.getProcessBusinessKey(), "TASK_ESCALATED", "system",
				"Échéance dépassée (« " + overdue.title() + " ») : signalée à " + recipient + ".");
		events.publishEvent(new DeadlineEscalated(execution.getProcessBusinessKey(), overdue.title(),
				overdue.escalateTo()));
	}

}
