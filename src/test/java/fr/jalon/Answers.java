package fr.jalon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task's answers built from a referential as the API gives it ({@code GET /api/referentials/{programme}}): the same
 * level and comment for every criterion, the same figure for every indicator.
 */
public final class Answers {

	private Answers() {
	}

	/** The ids of every entry of that field (criteria, indicators) anywhere in the referential. */
	public static List<String> ids(JsonNode referential, String field) {
		return referential.findValues(field)
			.stream()
			.flatMap(list -> StreamSupport.stream(list.spliterator(), false))
			.map(node -> node.get("id").asText())
			.toList();
	}

	/** Every criterion at that level, with a comment. */
	public static Map<String, Object> assessment(JsonNode referential, String level) {
		Map<String, Object> assessment = new LinkedHashMap<>();
		ids(referential, "criteria")
			.forEach(criterion -> assessment.put(criterion, Map.of("level", level, "comment", "Réponse.")));
		return assessment;
	}

	/** Every indicator with that field ({@code target} or {@code value}) set to that figure. */
	public static Map<String, Object> indicators(JsonNode referential, String field, double value) {
		Map<String, Object> indicators = new LinkedHashMap<>();
		ids(referential, "indicators").forEach(indicator -> indicators.put(indicator, Map.of(field, value)));
		return indicators;
	}

}
