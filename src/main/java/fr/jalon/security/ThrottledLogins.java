package fr.jalon.security;

import java.time.Instant;
import java.util.function.Supplier;

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
 * <p>
 * A name and password that succeeded on this node less than {@link RecentlyVerifiedPasswords#REMEMBERED} ago are no
 * guess: their login is checked without being counted first, and writes nothing when neither its name nor its address
 * has a failure on record ({@link LoginFailures#attemptKnown}). HTTP Basic sends them with every API call, which
 * otherwise wrote both rows twice per request. They are still checked every time (a changed password or a disabled
 * account is refused at once) and still refused while locked; a check that fails is counted as any other.
 */
final class ThrottledLogins implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final LoginFailures failures;

	private final RecentlyVerifiedPasswords succeeded;

	ThrottledLogins(AuthenticationProvider passwords, LoginFailures failures, RecentlyVerifiedPasswords succeeded) {
		this.passwords = passwords;
		this.failures = failures;
		this.succeeded = succeeded;
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		String username = attempt.getName();
		String address = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
		String password = attempt.getCredentials() == null ? null : attempt.getCredentials().toString();
		// Keyed apart from the stored hashes the same memory keeps (no hash starts with a space).
		String key = " login " + username;
		Supplier<Authentication> check = () -> {
			if (!LoginFailures.mayName(username)) {
				// No account has such a name: refused before the accounts are read.
				throw new BadCredentialsException("Bad credentials");
			}
			return passwords.authenticate(attempt);
		};
		if (password != null && succeeded.remembers(password, key)) {
			return failures.attemptKnown(username, address, check);
		}
		Authentication result = failures.attempt(username, address, check);
		if (password != null && result != null && result.isAuthenticated()) {
			succeeded.remember(password, key);
		}
		return result;
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
