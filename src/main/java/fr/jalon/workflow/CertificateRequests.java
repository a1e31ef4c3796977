package fr.jalon.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * A certificate issued apart from its candidacy's process: an instance of the engine's own process
 * {@value #PROCESS} (one per certificate requested, business key the candidacy, variable {@value #KIND}) renders it
 * in an asynchronous job. That job reads and writes only its own instance's executions, never the candidacy's: a
 * user who completes the candidacy's next task meanwhile cannot collide with it (both would update the candidacy's
 * process instance, and one would lose its optimistic lock). The request is made in the deciding transaction, with the
 * stage change; the job once it is committed; a failure is retried by the engine, then becomes an incident.
 */
@Component
public class CertificateRequests {

	/** The engine's certificate process: not a programme, deployed at start-up with the shipped programmes. */
	public static final String PROCESS = "jalon-certificate";

	/** The certificate's kind, the instance's one variable. */
	static final String KIND = "kind";

	private static final String RESOURCE = "workflow/" + PROCESS + ".bpmn";

	private final RepositoryService repository;

	private final RuntimeService runtime;

	CertificateRequests(RepositoryService repository, RuntimeService runtime) {
		this.repository = repository;
		this.runtime = runtime;
	}

	/**
	 * Deploys the certificate process, once per change of its text: an unchanged text (the same SHA-256 as the last
	 * deployment's) is not even handed to the engine, and answers false.
	 */
	boolean deploy() throws IOException {
		byte[] bpmn;
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			bpmn = in.readAllBytes();
		}
		if (DeployedBytes.sameAsLast(repository, PROCESS, null, PROCESS + ".bpmn", bpmn)) {
			return false;
		}
		repository.createDeployment()
			.name(PROCESS)
			.enableDuplicateFiltering(false)
			.addInputStream(PROCESS + ".bpmn", new java.io.ByteArrayInputStream(bpmn))
			.deploy();
		return true;
	}

	/** From the candidacy's process, in its transaction: the certificate of that kind is to be issued. */
	static void request(DelegateExecution candidacy, String kind) {
		candidacy.getProcessEngineServices()
			.getRuntimeService()
			.startProcessInstanceByKey(PROCESS, candidacy.getProcessBusinessKey(), Map.<String, Object>of(KIND, kind));
	}

	/** The candidacy is withdrawn: its certificates not issued yet never will be (its process is ended too). */
	void cancel(String candidacyId) {
		List<String> pending = runtime.createProcessInstanceQuery()
			.processDefinitionKey(PROCESS)
			.processInstanceBusinessKey(candidacyId)
			.list()
			.stream()
			.map(ProcessInstance::getId)
			.toList();
		if (!pending.isEmpty()) {
			runtime.deleteProcessInstances(pending, "candidacy withdrawn", true, true);
		}
	}

}
