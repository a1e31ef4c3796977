package fr.jalon.workflow;

/** The process definitions, their messages and the few variables they carry. */
public final class ProcessKeys {

	public static final String ECOQUARTIER_LABEL = "ecoquartier-label";

	public static final String PVD_SELECTION = "pvd-selection";

	public static final String WITHDRAWAL_MESSAGE = "CandidacyWithdrawn";

	/** The common announcement of a campaign's results, awaited by each selected candidacy. */
	public static final String ANNOUNCEMENT_MESSAGE = "CampaignAnnounced";

	/** Whether a Petites villes de demain candidacy is eligible, set by {@code CheckEligibility}. */
	public static final String ELIGIBLE = "eligible";

	public static final String CAMPAIGN = "campaign";

	/** When the framework agreement is due, and when to remind the collectivité of it. */
	public static final String FRAMEWORK_FIRST_REMINDER_AT = "frameworkFirstReminderAt";

	public static final String FRAMEWORK_LAST_REMINDER_AT = "frameworkLastReminderAt";

	public static final String FRAMEWORK_DUE_AT = "frameworkDueAt";

	/** The outcome of the last completed task, read by the gateways. */
	public static final String DECISION = "decision";

	public static final String COLLECTIVITE = "collectivite";

	public static final String DEPARTEMENT = "departement";

	public static final String REGION = "region";

	/** ISO-8601 duration after which a collectivité's task is due. */
	public static final String DUE_DELAY = "dueDelay";

	/** ISO-8601 duration after which a collectivité is reminded of its task. */
	public static final String REMINDER_DELAY = "reminderDelay";

	private ProcessKeys() {
	}

}
