package fr.jalon.candidacy;

/** Where a candidacy stands in its programme's path. */
public enum Stage {

	// EcoQuartier
	CHARTER, CONTRACT, PILOT_TEST, VALIDATION,
	// Petites villes de demain
	CANDIDACY, DEPARTMENT_REVIEW, REGIONAL_SELECTION, ANNOUNCEMENT, MEMBERSHIP_AGREEMENT, PROJECT_MANAGER,
	FRAMEWORK_AGREEMENT

}
