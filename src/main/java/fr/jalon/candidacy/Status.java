package fr.jalon.candidacy;

/** A candidacy is in progress until it ends in one of the other states. */
public enum Status {

	IN_PROGRESS, ADJOURNED, WITHDRAWN, LABELLED, INELIGIBLE, NOT_SELECTED, ENGAGED;

	public boolean isClosed() {
		return this != IN_PROGRESS;
	}

}
