package fr.jalon.workflow;

import fr.jalon.candidacy.CandidacyService;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/** {@code ${sendReminder}} with field {@code deadline}: a deadline of the collectivité's draws near; the reminder goes into its history. */
@Component("sendReminder")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE) // fields are injected per use
public class SendReminderDelegate implements JavaDelegate {

	private final CandidacyService candidacies;

	private final DeadlineDates deadlines;

	private final org.springframework.context.ApplicationEventPublisher events;

	private Expression deadline;

	SendReminderDelegate(CandidacyService candidacies, DeadlineDates deadlines,
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
		String title = deadlines.deadline(execution, name).title();
		candidacies.recordEvent(execution.getProcessBusinessKey(), "REMINDER_SENT", "system",
				"Relance : « " + title + " » arrive à échéance.");
		events.publishEvent(new DeadlineReminded(execution.getProcessBusinessKey(), title,
				deadlines.due(execution, name).toInstant()));
	}

}
