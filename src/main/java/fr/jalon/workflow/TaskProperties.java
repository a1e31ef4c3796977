package fr.jalon.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * A user task's extension properties ({@code outcomes}, {@code assessmentSource}…), read one way by the
 * deployment checks and by the steps the product shows: a property written twice keeps its last value, a
 * property without a value is empty.
 */
public final class TaskProperties {

	private TaskProperties() {
	}

	public static Map<String, String> of(UserTask task) {
		if (task.getExtensionElements() == null) {
			return Map.of();
		}
		return task.getExtensionElements()
			.getElementsQuery()
			.filterByType(CamundaProperties.class)
			.list()
			.stream()
			.flatMap(list -> list.getCamundaProperties().stream())
			.collect(Collectors.toMap(CamundaProperty::getCamundaName,
					property -> property.getCamundaValue() == null ? "" : property.getCamundaValue(), (a, b) -> b));
	}

	/** The outcomes the task accepts: its {@code outcomes} property, a comma list. */
	public static List<String> outcomes(Map<String, String> properties) {
		return list(properties, "outcomes");
	}

	/**
	 * What a reviewer's decision rests on, shown first on its page ({@code shows}, a comma list, in this order):
	 * the subsidies' amounts asked and computed, the eligibility rules with the values read, the population, the
	 * intercommunalité, the partners, the step's documents, the evaluation.
	 */
	public static final List<String> SHOWN = List.of("amounts", "eligibility", "population", "intercommunalite",
			"partners", "documents", "evaluation");

	/** The task's {@code shows} property: which of {@link #SHOWN}, in the order the programme gives. */
	public static List<String> shows(Map<String, String> properties) {
		return list(properties, "shows");
	}

	/** The steps whose stage rules' documents the task's page shows besides its own ({@code documentsOf}). */
	public static List<String> documentsOf(Map<String, String> properties) {
		return list(properties, "documentsOf");
	}

	/** Whether the step's comment (its synthesis, its motivation) is required whatever the outcome. */
	public static boolean requiresComment(Map<String, String> properties) {
		return "true".equals(properties.get("requiresComment"));
	}

	private static List<String> list(Map<String, String> properties, String name) {
		return Arrays.stream(properties.getOrDefault(name, "").split(","))
			.map(String::strip)
			.filter(item -> !item.isEmpty())
			.toList();
	}

}
