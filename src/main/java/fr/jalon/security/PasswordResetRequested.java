package fr.jalon.security;

import java.time.Duration;

/**
 * A password reset asked for an account: the mail that carries its link (fr.jalon.mail) is written in the same
 * transaction. The link holds the only copy of the token: it is never logged.
 */
public record PasswordResetRequested(String username, String email, String link, Duration validity) {

	@Override
	public String toString() {
		return "PasswordResetRequested[" + username + "]";
	}

}
