package fr.jalon.mail;

import java.time.Instant;

/**
 * A mail of the outbox. {@code status}: {@code PENDING} (to send), {@code SENT}, {@code FAILED} (given up after
 * its attempts), {@code HELD} (waits for its recipient's daily digest), {@code DIGESTED} (went out in one).
 */
public record OutboxMail(long id, Instant createdAt, String recipient, String username, String subject, String body,
		String kind, String candidacyId, String attachmentRef, String status, int attempts, Instant nextAttemptAt,
		Instant sentAt, String lastError) {

	public static final String PENDING = "PENDING";

	public static final String SENT = "SENT";

	public static final String FAILED = "FAILED";

	public static final String HELD = "HELD";

	public static final String DIGESTED = "DIGESTED";

}
