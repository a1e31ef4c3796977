package fr.jalon.workflow;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import fr.jalon.certificate.Certificates;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

/**
 * The engine's certificate delegate, failing for the candidacies a test names: a job that fails at each try until
 * the test lets it succeed. A test class {@code @Import(FailingCertificates.InContext.class)}, with
 * {@code spring.main.allow-bean-definition-overriding=true}.
 */
public final class FailingCertificates {

	/** The message of each failure, followed by the candidacy's id. */
	public static final String FAILURE = "Panne simulée du rendu du certificat de la candidature ";

	private static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

	private FailingCertificates() {
	}

	/** The candidacy's certificates fail until {@link #heal}. */
	public static void fail(String candidacyId) {
		FAILING.add(candidacyId);
	}

	public static void heal(String candidacyId) {
		FAILING.remove(candidacyId);
	}

	/** The candidacy's job at that activity, run until its tries are spent (each fails): the incident's id. */
	public static String runUntilIncident(RuntimeService runtime, ManagementService management, String candidacy,
			String activity) {
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(candidacy).singleResult().getId();
		Job job = management.createJobQuery().processInstanceId(instance).activityId(activity).singleResult();
		for (int tries = 0; tries < 10 && runtime.createIncidentQuery().processInstanceId(instance).count() == 0; tries++) {
			try {
				management.executeJob(job.getId());
			}
			catch (RuntimeException expected) {
				// each try fails, until the retries are spent
			}
		}
		return runtime.createIncidentQuery().processInstanceId(instance).singleResult().getId();
	}

	@TestConfiguration
	public static class InContext {

		@Bean("issueCertificate")
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		IssueCertificateDelegate issueCertificate(Certificates certificates) {
			return new IssueCertificateDelegate(certificates) {

				@Override
				public void execute(DelegateExecution execution) {
					if (FAILING.contains(execution.getProcessBusinessKey())) {
						throw new IllegalStateException(FAILURE + execution.getProcessBusinessKey());
					}
					super.execute(execution);
				}

			};
		}

	}

}
