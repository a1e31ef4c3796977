package fr.jalon.review;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.jalon.candidacy.Evaluation;

/**
 * A human task as the API shows it; {@code assessmentSource} and {@code indicatorField} tell what
 * the step records (criteria levels under that source, indicator targets or values).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(String id, String key, String name, String candidacyId, String programme, String stage,
		String collectivite, String candidacyTitle, String actor, String assignee, Instant created, Instant due,
		List<String> outcomes, String assessmentSource, String indicatorField, Evaluation evaluation) {

	TaskView withEvaluation(Evaluation evaluation) {
		return new TaskView(id, key, name, candidacyId, programme, stage, collectivite, candidacyTitle, actor, assignee,
				created, due, outcomes, assessmentSource, indicatorField, evaluation);
	}

}
