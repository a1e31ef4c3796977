package fr.jalon.workflow;

/** The process definitions, their messages and the few variables they carry. */
public final class ProcessKeys {

	public static final String ECOQUARTIER_LABEL = "ecoquartier-label";

	public static final String WITHDRAWAL_MESSAGE = "CandidacyWithdrawn";

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
