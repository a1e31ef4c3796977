package fr.jalon.candidacy;

/** What a document of a dossier is now (the API's {@code status}); the pages' words are in {@code web/Labels}. */
public final class DocumentStatus {

	/** In the dossier, as deposited. */
	public static final String DEPOSITED = "DEPOSITED";

	/** A reviewer requested changes on the step it belongs to, since it was deposited: to replace. */
	public static final String CHANGES_REQUESTED = "CHANGES_REQUESTED";

	/** Replaced by a newer version, kept. */
	public static final String SUPERSEDED = "SUPERSEDED";

	/** Withdrawn from the dossier by its collectivité, kept. */
	public static final String WITHDRAWN = "WITHDRAWN";

	private DocumentStatus() {
	}

}
