package fr.jalon.security;

import java.time.Instant;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every login, HTTP Basic or the form: admitted by {@link LoginFailures} (refused while its account
 * name or source address is locked, counted otherwise), then checked by the password; a success
 * clears its account's count.
 */
final class ThrottledLogins implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final LoginFailures failures;

	ThrottledLogins(AuthenticationProvider passwords, LoginFailures failures) {
		this.passwords = passwords;
		this.failures = failures;
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		String username = attempt.getName();
		String address = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
		return failures.attempt(username, address, () -> {
			if (!LoginFailures.mayName(username)) {
				// No account has such a name: refused before the accounts are read.
				throw new BadCredentialsException("Bad credentials");
			}
			return passwords.authenticate(attempt);
		});
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** Too many failed logins for that name or from that address: refused until {@link #until()}. */
	static final class Locked extends LockedException {

		private final transient Instant until;

		Locked(Instant until) {
			super("Too many failed logins");
			this.until = until;
		}

		Instant until() {
			return until;
		}

	}

}
