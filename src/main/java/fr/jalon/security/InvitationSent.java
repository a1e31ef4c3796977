package fr.jalon.security;

import java.time.Instant;

/**
 * An invitation to write to the invited person, in the transaction that records it: {@code link} carries the
 * single-use token, which is stored nowhere else but in this mail.
 */
public record InvitationSent(String email, String displayName, String inviterName, String link, Instant expiresAt) {

	@Override
	public String toString() {
		return "InvitationSent[" + email + "]";
	}

}
