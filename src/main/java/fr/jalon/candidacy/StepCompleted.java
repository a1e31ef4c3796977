package fr.jalon.candidacy;

/**
 * A person completed a step of a candidacy (a submission, an opinion, a decision, a request for changes),
 * published in the transaction that records it: listeners that write (the outbox, the message thread) write
 * in that transaction, and nothing of theirs survives a rollback.
 */
public record StepCompleted(String candidacyId, String programme, String step, String outcome, String comment,
		String actor) {

	/** A reviewer sent the dossier back to the collectivité for changes. */
	public boolean requestsChanges() {
		return "REQUEST_CHANGES".equals(outcome);
	}

}
