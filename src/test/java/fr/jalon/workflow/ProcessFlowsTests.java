package fr.jalon.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import fr.jalon.FlowReferences;
import fr.jalon.Jardins;
import fr.jalon.system.InvalidInput.FieldError;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * What bpmn.io's tools read of a process's flows, checked at deployment as bpmnlint's recommended rules do:
 * each flow node's {@code incoming} and {@code outgoing} references, no isolated element, no flow without a
 * condition beside conditional ones. The shipped processes pass; a process written without the references, as they
 * were before, does not.
 */
class ProcessFlowsTests {

	/** Every {@code incoming} and {@code outgoing} line, as in a process written for the engine alone. */
	static String withoutReferences(String xml) {
		return xml.replaceAll("\\s*<bpmn:(incoming|outgoing)>[^<]*</bpmn:(incoming|outgoing)>", "");
	}

	static List<FieldError> flows(String xml) {
		return ProcessValidator.flows(read(xml));
	}

	static BpmnModelInstance read(String xml) {
		return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	static List<Path> shipped() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
			return Stream.concat(files.filter(file -> file.toString().endsWith(".bpmn")).sorted(),
					Stream.of(Path.of("src/main/resources/workflow/" + CertificateRequests.PROCESS + ".bpmn")))
				.toList();
		}
	}

	@Test
	void theShippedProcessesCarryTheirReferences() throws IOException {
		assertThat(shipped()).hasSizeGreaterThanOrEqualTo(4);
		for (Path file : shipped()) {
			String xml = Files.readString(file);
			assertThat(flows(xml)).as("%s", file).isEmpty();
			assertThat(FlowReferences.added(xml)).as("%s: nothing left to add", file).isEqualTo(xml);
			assertThat(flows(withoutReferences(xml))).as("%s without its references", file).isNotEmpty();
		}
	}

	@Test
	void namesEachNodeWithoutItsReferencesAndTheFlowItMisses() {
		String process = Jardins.process("jardins");
		assertThat(flows(process)).isEmpty();

		assertThat(flows(process.replace("      <bpmn:incoming>F4</bpmn:incoming>\n", ""))).containsExactly(
				new FieldError("process:JuryDecision", "référence « incoming » manquante : le flux « F4 » mène à cet "
						+ "élément, qui doit le citer (<bpmn:incoming>F4</bpmn:incoming>)"));
		assertThat(flows(withoutReferences(process))).extracting(FieldError::field)
			.contains("process:Submitted", "process:SubmitDossier", "process:Decided", "process:Done");
	}

	@Test
	void aReferentialCheckedAgainstAProcessDeployedBeforeTheReferencesIgnoresThem() {
		var validator = new ProcessValidator(new DefaultListableBeanFactory());
		BpmnModelInstance deployedBefore = read(withoutReferences(Jardins.process("jardins")));
		assertThat(validator.check(deployedBefore, null)).extracting(FieldError::message)
			.noneMatch(message -> message.startsWith("référence"));
		assertThat(validator.checkForDeployment(deployedBefore, null)).extracting(FieldError::message)
			.anyMatch(message -> message.startsWith("référence « incoming » manquante"));
	}

	@Test
	void refusesReferencesThatContradictTheFlows() {
		String process = Jardins.process("jardins");
		assertThat(flows(process.replace("<bpmn:outgoing>F5</bpmn:outgoing>", "<bpmn:outgoing>F4</bpmn:outgoing>")))
			.containsExactlyInAnyOrder(
					new FieldError("process:JuryDecision", "référence « outgoing » manquante : le flux « F5 » part de "
							+ "cet élément, qui doit le citer (<bpmn:outgoing>F5</bpmn:outgoing>)"),
					new FieldError("process:JuryDecision",
							"référence « outgoing » en trop : le flux « F4 » ne part pas de cet élément"));
		assertThat(flows(process.replace("<bpmn:incoming>F9</bpmn:incoming>", "<bpmn:incoming>Nulle-part</bpmn:incoming>")))
			.contains(new FieldError("process:Done",
					"référence « incoming » à « Nulle-part » : aucun flux de séquence ne porte cet identifiant"));
		assertThat(flows(process.replace("<bpmn:incoming>F9</bpmn:incoming>", "<bpmn:incoming>IssueDiploma</bpmn:incoming>")))
			.extracting(FieldError::field)
			.contains("process:Done");
	}

	@Test
	void refusesAnIsolatedElementAndAFlowWithoutConditionAmongConditionalOnes() {
		String process = Jardins.process("jardins");
		assertThat(flows(process.replace("</bpmn:process>", "  <bpmn:endEvent id=\"Forgotten\" />\n  </bpmn:process>")))
			.containsExactly(new FieldError("process:Forgotten",
					"élément isolé : aucun flux de séquence n'y mène ni n'en part"));
		assertThat(flows(process.replace(
				"<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${decision == 'REJECT'}</bpmn:conditionExpression>",
				""))).extracting(FieldError::field).containsExactly("process:F7");
		assertThat(flows(process
			.replace("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${decision == 'REJECT'}</bpmn:conditionExpression>", "")
			.replace("<bpmn:exclusiveGateway id=\"Decided\">", "<bpmn:exclusiveGateway id=\"Decided\" default=\"F7\">")))
			.as("the default flow needs no condition")
			.isEmpty();
	}

}
