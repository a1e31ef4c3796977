package fr.jalon.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password check of a login, remembered for a few minutes on this node: HTTP Basic sends the password with every
 * API call, and bcrypt, slow on purpose, cost about 80 ms of CPU on each. A password that bcrypt accepted for a stored
 * hash is accepted again for that same hash, without bcrypt, until {@link #REMEMBERED} has passed. What is kept is an
 * HMAC of the password under a key drawn at start and never written anywhere, never the password. A wrong password is
 * always checked by bcrypt (and counted by the throttle, which admits every attempt before this check). A changed
 * password has a new stored hash, so the one remembered for the old hash never matches again; a disabled account is
 * refused before its password is looked at.
 */
final class RecentlyVerifiedPasswords implements PasswordEncoder {

	static final Duration REMEMBERED = Duration.ofMinutes(5);

	/** More accounts than this at once in five minutes: everything is forgotten, then remembered again as it comes. */
	static final int MOST = 10_000;

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final SecretKeySpec key;

	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	RecentlyVerifiedPasswords(PasswordEncoder passwords, Clock clock) {
		this.passwords = passwords;
		this.clock = clock;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return passwords.matches(rawPassword, encodedPassword);
		}
		if (remembers(rawPassword, encodedPassword)) {
			return true;
		}
		boolean matches = passwords.matches(rawPassword, encodedPassword);
		if (matches) {
			remember(rawPassword, encodedPassword);
		}
		return matches;
	}

	/**
	 * Whether that password was remembered for that key (a stored hash, or another key of the caller's) less than
	 * {@link #REMEMBERED} ago; never runs bcrypt.
	 */
	boolean remembers(CharSequence rawPassword, String key) {
		Verified known = verified.get(key);
		return known != null && clock.instant().isBefore(known.until())
				&& MessageDigest.isEqual(known.mac(), mac(rawPassword));
	}

	/** Remembers that password, verified, for that key until {@link #REMEMBERED} has passed. */
	void remember(CharSequence rawPassword, String key) {
		if (verified.size() >= MOST) {
			verified.clear();
		}
		verified.put(key, new Verified(mac(rawPassword), clock.instant().plus(REMEMBERED)));
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return passwords.encode(rawPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return passwords.upgradeEncoding(encodedPassword);
	}

	private byte[] mac(CharSequence rawPassword) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(key);
			return hmac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Verified(byte[] mac, Instant until) {
	}

}
