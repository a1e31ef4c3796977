package fr.jalon.workflow;

import fr.jalon.candidacy.CandidacyService;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/** {@code ${enterStage}} with field {@code stage}: the candidacy enters that stage. */
@Component("enterStage")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE) // fields are injected per use
public class EnterStageListener implements ExecutionListener {

	private final CandidacyService candidacies;

	private Expression stage;

	EnterStageListener(CandidacyService candidacies) {
		this.candidacies = candidacies;
	}

	public void setStage(Expression stage) {
		this.stage = stage;
	}

	@Override
	public void notify(DelegateExecution execution) {
		candidacies.enterStage(execution.getProcessBusinessKey(), (String) stage.getValue(execution));
	}

}
