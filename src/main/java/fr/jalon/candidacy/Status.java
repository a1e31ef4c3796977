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

}
