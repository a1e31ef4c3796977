package fr.jalon.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code ${startDeadline}} with field {@code deadline}: that deadline of the referential counts from now,
 * for the rest of the process (e.g. the framework agreement due 18 months after the countersignature).
 */
@Component("startDeadline")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE) // fields are injected per use
public class StartDeadlineDelegate implements JavaDelegate {

	private final DeadlineDates deadlines;

	private Expression deadline;

	StartDeadlineDelegate(DeadlineDates deadlines) {
		this.deadlines = deadlines;
	}

	public void setDeadline(Expression deadline) {
		this.deadline = deadline;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String name = (String) deadline.getValue(execution);
		deadlines.deadline(execution, name); // declared, or the step fails
		execution.setVariable(ProcessKeys.DEADLINE_START + name, ClockUtil.getCurrentTime());
	}

}
