package fr.jalon.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code ${requestCertificate}} with field {@code kind}: a synchronous step of the candidacy's process that asks for
 * the certificate of that kind; {@link CertificateRequests} issues it in an instance of its own. The step for a
 * certificate due while a user task of the candidacy is open (the charter recognition of EcoQuartier): its job and the
 * user's completion then never touch the same executions.
 */
@Component("requestCertificate")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE) // fields are injected per use
public class RequestCertificateDelegate implements JavaDelegate {

	private Expression kind;

	public void setKind(Expression kind) {
		this.kind = kind;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CertificateRequests.request(execution, (String) kind.getValue(execution));
	}

}
