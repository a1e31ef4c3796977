package fr.jalon.workflow;

import fr.jalon.certificate.Certificates;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * {@code ${issueCertificate}} with field {@code kind}: the candidacy's certificate of that kind is
 * rendered, signed and stored. An asynchronous step: a failure is retried, the decision stays.
 */
@Component("issueCertificate")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE) // fields are injected per use
public class IssueCertificateDelegate implements JavaDelegate {

	private final Certificates certificates;

	private Expression kind;

	IssueCertificateDelegate(Certificates certificates) {
		this.certificates = certificates;
	}

	public void setKind(Expression kind) {
		this.kind = kind;
	}

	@Override
	public void execute(DelegateExecution execution) {
		certificates.issue(execution.getProcessBusinessKey(), (String) kind.getValue(execution));
	}

}
