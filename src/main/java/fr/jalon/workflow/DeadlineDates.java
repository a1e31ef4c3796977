package fr.jalon.workflow;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.Date;
import java.util.List;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.referential.Referential.Deadline;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * {@code ${deadlines.due(execution, 'name')}} and {@code ${deadlines.reminder(execution, 'name', 1)}}: the
 * dates of a deadline that the candidacy's referential declares, for timers and task due dates. A
 * deadline counts from the moment {@code ${startDeadline}} started it, else from now (the task's opening).
 */
@Component("deadlines")
public class DeadlineDates {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final CandidacyService candidacies;

	DeadlineDates(CandidacyService candidacies) {
		this.candidacies = candidacies;
	}

	public Date due(VariableScope execution, String name) {
		return after(execution, name, deadline(execution, name).due());
	}

	/** The {@code n}th reminder, from 1. */
	public Date reminder(VariableScope execution, String name, int n) {
		List<String> reminders = deadline(execution, name).reminders();
		if (n < 1 || n > reminders.size()) {
			throw new IllegalStateException("Deadline '" + name + "' has no reminder " + n);
		}
		return after(execution, name, reminders.get(n - 1));
	}

	Deadline deadline(VariableScope execution, String name) {
		Deadline deadline = candidacies.referentialOf(businessKey(execution)).deadlines().get(name);
		if (deadline == null) {
			throw new IllegalStateException("The referential declares no deadline '" + name + "'");
		}
		return deadline;
	}

	private static Date after(VariableScope execution, String name, String period) {
		Object started = execution.getVariable(ProcessKeys.DEADLINE_START + name);
		Date start = started instanceof Date date ? date : ClockUtil.getCurrentTime();
		return Date.from(ZonedDateTime.ofInstant(start.toInstant(), PARIS).plus(amount(period)).toInstant());
	}

	/** An ISO-8601 period (P18M, P30D) or duration with a time part (PT12H). */
	static TemporalAmount amount(String text) {
		return text.contains("T") ? Duration.parse(text) : Period.parse(text);
	}

	static String businessKey(VariableScope scope) {
		if (scope instanceof org.camunda.bpm.engine.delegate.DelegateExecution execution) {
			return execution.getProcessBusinessKey();
		}
		if (scope instanceof org.camunda.bpm.engine.delegate.DelegateTask task) {
			return task.getExecution().getProcessBusinessKey();
		}
		throw new IllegalArgumentException("No process instance in " + scope);
	}

}
