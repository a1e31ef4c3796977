package fr.jalon.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import fr.jalon.system.InvalidInput.FieldError;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * No programme may take the id of the engine's certificate process: its deployment would become a version of that
 * process, and every certificate requested afterwards would run it.
 */
class ReservedProcessTests {

	@Test
	void refusesAProgrammeThatTakesTheCertificateProcesssId() {
		var validator = new ProcessValidator(new DefaultListableBeanFactory());
		var process = Bpmn.createExecutableProcess(CertificateRequests.PROCESS)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.endEvent()
			.done();

		assertThat(validator.check(process, null)).extracting(FieldError::field)
			.contains("process:" + CertificateRequests.PROCESS);
		assertThat(validator.check(Bpmn.createExecutableProcess("jardins")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.endEvent()
			.done(), null)).isEmpty();
	}

}
