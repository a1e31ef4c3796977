package fr.jalon.review;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import fr.jalon.candidacy.Evaluation;

/**
 * A human task as the API shows it; {@code assessmentSource} and {@code indicatorField} tell what
 * the step records (criteria levels under that source, indicator targets or values); {@code shows} what its
 * decision rests on (the step's {@code shows} property), {@code commentRequired} whether its comment (its
 * synthesis) is required whatever the outcome. {@code documentsOf}: the steps whose stage rules' documents its page
 * shows, besides its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(String id, String key, String name, String candidacyId, String programme, String stage,
		String collectivite, String candidacyTitle, String actor, String assignee, Instant created, Instant due,
		List<String> outcomes, String assessmentSource, String indicatorField, Evaluation evaluation,
		List<String> shows, @JsonIgnore List<String> documentsOf, Boolean commentRequired) {

	TaskView withEvaluation(Evaluation evaluation) {
		return new TaskView(id, key, name, candidacyId, programme, stage, collectivite, candidacyTitle, actor, assignee,
				created, due, outcomes, assessmentSource, indicatorField, evaluation, shows, documentsOf,
				commentRequired);
	}

	/** Whether this outcome, if one of the task's, ends the candidacy (the page confirms it before sending). */
	public boolean ends(String outcome) {
		return outcomes != null && outcomes.contains(outcome) && Step.ends(outcome);
	}

}
