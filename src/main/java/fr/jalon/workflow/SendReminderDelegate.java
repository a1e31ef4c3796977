package fr.jalon.workflow;

import fr.jalon.candidacy.CandidacyService;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${sendReminder}}: a collectivité's task is due soon; the reminder goes into its history. */
@Component("sendReminder")
class SendReminderDelegate implements JavaDelegate {

	private final CandidacyService candidacies;

	SendReminderDelegate(CandidacyService candidacies) {
		this.candidacies = candidacies;
	}

	@Override
	public void execute(DelegateExecution execution) {
		candidacies.recordEvent(execution.getProcessBusinessKey(), "REMINDER_SENT", "system",
				"Relance : une tâche de la collectivité arrive à échéance.");
	}

}
