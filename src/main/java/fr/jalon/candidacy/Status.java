package fr.jalon.candidacy;

/**
 * The statuses every candidacy can have whatever its programme: in progress, or withdrawn by its
 * collectivité. How it ends otherwise is what its programme declares ({@code statuses}).
 */
public final class Status {

	public static final String IN_PROGRESS = "IN_PROGRESS";

	public static final String WITHDRAWN = "WITHDRAWN";

	private Status() {
	}

	public static boolean isClosed(String status) {
		return !IN_PROGRESS.equals(status);
	}

	/** The history event the process records when the candidacy enters a stage. */
	public static final String STAGE_ENTERED = "STAGE_ENTERED";

	/**
	 * Whether the candidacy's steps may be worked on: in progress, or, ended in a status of its programme, its
	 * process entered a stage since (a later step of a candidacy that reached a success, such as a confirmation
	 * some years after a label), until it is closed again. {@code events}: its history's event names, oldest first;
	 * the process records each end status under its own id.
	 */
	public static boolean workable(String status, java.util.List<String> events) {
		if (IN_PROGRESS.equals(status)) {
			return true;
		}
		return !WITHDRAWN.equals(status) && events.lastIndexOf(STAGE_ENTERED) > events.lastIndexOf(status);
	}

	/**
	 * Whether the candidacy took its status after it entered its current stage: what a stage ends in, or else (the
	 * stage entered after the status, then closed again without changing it) a later step that stopped there.
	 */
	public static boolean reachedInItsStage(String status, java.util.List<String> events) {
		int reached = events.indexOf(status);
		return reached >= 0 && reached > events.lastIndexOf(STAGE_ENTERED);
	}

}
