package fr.jalon.review;

import java.util.List;

import fr.jalon.candidacy.AssessmentSource;

/**
 * What the process model says of one human step (its user task's extension properties): the
 * outcomes it accepts, who acts, and what it records.
 */
record Step(String key, String name, List<String> outcomes, String actor, AssessmentSource assessmentSource,
		String indicatorField, String distinctFrom, String recordsActorAs) {

	/** Outcomes that hand something in, and so must meet the referential's rules for the step. */
	static boolean handsIn(String outcome) {
		return "SUBMIT".equals(outcome) || "APPROVE".equals(outcome);
	}

	/** Outcomes that send back or stop, and so need a motivation. */
	static boolean needsComment(String outcome) {
		return "REQUEST_CHANGES".equals(outcome) || "ADJOURN".equals(outcome) || "REJECT".equals(outcome);
	}

}
