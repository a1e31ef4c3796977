package fr.jalon.review;

import java.util.List;

/**
 * What the process model says of one human step: the role that acts (its candidate group's), and from
 * its user task's extension properties the outcomes it accepts, what it records, and whether its page
 * shows the dossier's evaluation.
 */
record Step(String key, String name, List<String> outcomes, String actor, String assessmentSource,
		String indicatorField, String distinctFrom, String recordsActorAs, boolean showsEvaluation, List<String> shows,
		List<String> documentsOf, boolean requiresComment) {

	/** Outcomes that hand something in, and so must meet the referential's rules for the step. */
	static boolean handsIn(String outcome) {
		return "SUBMIT".equals(outcome) || "APPROVE".equals(outcome);
	}

	/** Outcomes that send back or stop, and so need a motivation. */
	static boolean needsComment(String outcome) {
		return "REQUEST_CHANGES".equals(outcome) || ends(outcome);
	}

	/** Outcomes that stop the candidacy for good (the process ends it with a status that is not a success). */
	static boolean ends(String outcome) {
		return "ADJOURN".equals(outcome) || "REJECT".equals(outcome);
	}

	/**
	 * Whether this comment leaves the decision without the comment it needs: a motivation for an outcome that
	 * sends back or stops ({@link #needsComment}), or the step's own synthesis when it {@code requiresComment},
	 * whatever the outcome. Blank or only spaces (non-breaking ones too) is no comment.
	 */
	boolean lacksComment(String outcome, String comment) {
		boolean blank = comment == null || comment.replace('\u00a0', ' ').replace('\u202f', ' ').isBlank();
		return blank && (requiresComment || needsComment(outcome));
	}

}
