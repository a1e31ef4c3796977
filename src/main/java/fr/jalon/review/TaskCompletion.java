package fr.jalon.review;

import java.util.Map;

import fr.jalon.candidacy.Completion.IndicatorInput;
import fr.jalon.candidacy.Completion.LevelInput;
import fr.jalon.system.MultiLine;
import fr.jalon.system.SingleLine;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/** {@code POST /api/tasks/{id}/complete}, and the tasks' forms. */
public record TaskCompletion(@NotBlank(message = "obligatoire") @SingleLine String outcome,
		@MultiLine(max = 4000) String comment, Map<@SingleLine String, @Valid LevelInput> assessment,
		Map<@SingleLine String, IndicatorInput> indicators, Map<@SingleLine String, Object> data) {

}
