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
		return Arrays.stream(properties.getOrDefault("outcomes", "").split(","))
			.map(String::strip)
			.filter(outcome -> !outcome.isEmpty())
			.toList();
	}

}
