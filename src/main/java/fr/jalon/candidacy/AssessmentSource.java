package fr.jalon.candidacy;

/** Who gave an assessment. */
public enum AssessmentSource {

	SELF, COORDINATING_EXPERT, SECOND_EXPERT

}
