package fr.jalon.candidacy;

import java.util.Map;

import fr.jalon.system.MultiLine;
import fr.jalon.system.SingleLine;

/**
 * What a person hands in when completing a step: the outcome, a comment, and for some steps
 * assessments of criteria (recorded under {@code source}) and indicator targets or values
 * ({@code indicatorField}: {@code target} or {@code value}), and the data fields the step's rules name.
 */
public record Completion(String step, String actor, String outcome, String comment, String source,
		Map<String, LevelInput> assessment, String indicatorField, Map<String, IndicatorInput> indicators,
		Map<String, Object> data) {

	public Completion {
		assessment = assessment == null ? Map.of() : assessment;
		indicators = indicators == null ? Map.of() : indicators;
		data = data == null ? Map.of() : data;
	}

	public record LevelInput(@SingleLine String level, @MultiLine(max = 4000) String comment) {
	}

	public record IndicatorInput(Double target, Double value) {
	}

}
