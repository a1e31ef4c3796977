package fr.jalon.workflow;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** {@code ${setTaskDeadline}}: a collectivité's task is due {@code dueDelay} after it opens, like its timer. */
@Component("setTaskDeadline")
class SetTaskDeadlineListener implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		Duration due = Duration.parse((String) task.getVariable(ProcessKeys.DUE_DELAY));
		task.setDueDate(Date.from(ClockUtil.getCurrentTime().toInstant().plus(due)));
	}

}
