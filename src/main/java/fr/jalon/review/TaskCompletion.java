package fr.jalon.review;

import java.util.Map;

import fr.jalon.candidacy.Completion.IndicatorInput;
import fr.jalon.candidacy.Completion.LevelInput;

import fr.jalon.system.PlainText;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/tasks/{id}/complete}. */
public record TaskCompletion(@NotBlank(message = "obligatoire") String outcome,
		@Size(max = 4000, message = "4000 caractères au plus")
		@Pattern(regexp = PlainText.LINES, message = PlainText.MESSAGE) String comment, Map<String, LevelInput> assessment,
		Map<String, IndicatorInput> indicators, Map<String, Object> data) {

}
