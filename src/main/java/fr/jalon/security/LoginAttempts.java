package fr.jalon.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed logins an account refuses
 * every login for a delay that doubles with each further failure, up to 15 minutes. A success
 * clears the count. Held in memory, per node.
 */
@Component
class LoginAttempts {

	static final int FREE_FAILURES = 5;

	static final Duration MAX_DELAY = Duration.ofMinutes(15);

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginAttempts(Clock clock) {
		this.clock = clock;
	}

	boolean isBlocked(String username) {
		Failures current = failures.get(key(username));
		return current != null && current.blockedUntil() != null && clock.instant().isBefore(current.blockedUntil());
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		String username = String.valueOf(event.getAuthentication().getPrincipal());
		failures.compute(key(username), (key, previous) -> {
			int count = previous == null ? 1 : previous.count() + 1;
			Instant blockedUntil = null;
			if (count >= FREE_FAILURES) {
				long seconds = Math.min(MAX_DELAY.toSeconds(), 1L << Math.min(30, count - FREE_FAILURES));
				blockedUntil = clock.instant().plusSeconds(seconds);
			}
			return new Failures(count, blockedUntil);
		});
		if (failures.size() > 100_000) {
			failures.clear();
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		failures.remove(key(event.getAuthentication().getName()));
	}

	private static String key(String username) {
		return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
	}

	private record Failures(int count, Instant blockedUntil) {
	}

}
