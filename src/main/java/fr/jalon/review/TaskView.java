package fr.jalon.review;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.jalon.candidacy.AssessmentSource;
import fr.jalon.candidacy.Evaluation;
import fr.jalon.candidacy.Stage;

/**
 * A human task as the API shows it; {@code assessmentSource} and {@code indicatorField} tell what
 * the step records (criteria levels under that source, indicator targets or values).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(String id, String key, String name, String candidacyId, String programme, Stage stage,
		String collectivite, String candidacyTitle, String actor, String assignee, Instant created, Instant due,
		List<String> outcomes, AssessmentSource assessmentSource, String indicatorField,
		Evaluation evaluation) {

	/** The commissions decide with the dossier's evaluation before them. */
	static boolean showsEvaluation(String actor) {
		return "REGIONAL_COMMISSION".equals(actor) || "NATIONAL_COMMISSION".equals(actor);
	}

	TaskView withEvaluation(Evaluation evaluation) {
		return new TaskView(id, key, name, candidacyId, programme, stage, collectivite, candidacyTitle, actor, assignee,
				created, due, outcomes, assessmentSource, indicatorField, evaluation);
	}

}
