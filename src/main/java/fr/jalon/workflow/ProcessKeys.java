package fr.jalon.workflow;

/** The messages every programme's process may wait for, and the few variables the engine reads or sets. */
public final class ProcessKeys {

	public static final String WITHDRAWAL_MESSAGE = "CandidacyWithdrawn";

	/** The common announcement of a campaign's results, awaited by each selected candidacy. */
	public static final String ANNOUNCEMENT_MESSAGE = "CampaignAnnounced";

	/** Whether a candidacy is eligible, set by {@code ${checkEligibility}}. */
	public static final String ELIGIBLE = "eligible";

	public static final String CAMPAIGN = "campaign";

	/** The outcome of the last completed task, read by the gateways. */
	public static final String DECISION = "decision";

	public static final String COLLECTIVITE = "collectivite";

	public static final String DEPARTEMENT = "departement";

	public static final String REGION = "region";

	/** Prefix of the variable that holds when a named deadline started, set by {@code ${startDeadline}}. */
	static final String DEADLINE_START = "deadlineStart_";

	private ProcessKeys() {
	}

}
