package fr.jalon.workflow;

import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.referential.Referential.Deadline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * {@code ${scheduleFrameworkAgreement}}: the membership agreement is countersigned; the framework
 * agreement falls due after the period of the candidacy's referential (18 months), with its reminders.
 */
@Component("scheduleFrameworkAgreement")
class ScheduleFrameworkAgreementDelegate implements JavaDelegate {

	static final String DEADLINE = "frameworkAgreement";

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final CandidacyService candidacies;

	ScheduleFrameworkAgreementDelegate(CandidacyService candidacies) {
		this.candidacies = candidacies;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Deadline deadline = candidacies.referentialOf(execution.getProcessBusinessKey()).deadlines().get(DEADLINE);
		if (deadline == null || deadline.reminders().size() != 2) {
			throw new IllegalStateException("The referential needs a deadline '" + DEADLINE + "' with two reminders");
		}
		ZonedDateTime signed = ZonedDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), PARIS);
		List<String> reminders = deadline.reminders();
		execution.setVariable(ProcessKeys.FRAMEWORK_FIRST_REMINDER_AT, after(signed, reminders.get(0)));
		execution.setVariable(ProcessKeys.FRAMEWORK_LAST_REMINDER_AT, after(signed, reminders.get(1)));
		execution.setVariable(ProcessKeys.FRAMEWORK_DUE_AT, after(signed, deadline.due()));
	}

	private static Date after(ZonedDateTime start, String period) {
		return Date.from(start.plus(Period.parse(period)).toInstant());
	}

}
