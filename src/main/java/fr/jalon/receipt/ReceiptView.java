package fr.jalon.receipt;

import java.time.Instant;
import java.util.List;

/**
 * A deposit receipt as the API lists it: its {@code number} within the candidacy, its {@code reference} (printed on
 * the PDF), the step handed in ({@code SUBMITTED} for the candidacy itself) and its French name, when, by whom, the
 * documents the dossier held then, and where its PDF is.
 */
public record ReceiptView(int number, String reference, String step, String stepName, String stage, Instant at,
		String actor, List<Line> documents, String pdf) {

	/** A document of the dossier at the time, with its SHA-256. */
	public record Line(String id, String type, String typeName, String filename, String sha256) {
	}

}
