package fr.jalon.receipt;

/**
 * A deposit was acknowledged: receipt {@code number} of the candidacy, for {@code step} ({@code SUBMITTED} for the
 * candidacy itself), named {@code stepName} in French. Published in the deposit's transaction: the collectivité's mail,
 * with the receipt attached, is written there too.
 */
public record DepositReceiptRecorded(String candidacyId, int number, String step, String stepName, String reference) {

	public boolean ofTheCandidacy() {
		return DepositReceipts.CANDIDACY_SUBMITTED.equals(step);
	}

}
