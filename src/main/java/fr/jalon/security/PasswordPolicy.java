package fr.jalon.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import fr.jalon.system.InvalidInput;

import org.springframework.stereotype.Component;

/**
 * What a password must be, for every account however it is made (created, changed, reset, the first
 * administrator of a production start): {@value #MIN_CHARACTERS} characters at least,
 * {@value #MAX_BYTES} bytes at most in UTF-8 (bcrypt reads no further), neither one character
 * repeated, nor the account's own name, nor one of the common passwords of
 * {@code security/common-passwords.txt} (source and licence in {@code common-passwords.NOTICE}),
 * case ignored. The demo accounts' seeded {@code demo} is no exception to it: it is never set through it.
 */
@Component
class PasswordPolicy {

	static final int MIN_CHARACTERS = 12;

	static final int MAX_BYTES = 72;

	private static final String COMMON = "security/common-passwords.txt";

	private final Set<String> common;

	PasswordPolicy() {
		this.common = read(COMMON);
	}

	/** Refuses, as a 400 naming {@code password}, a password that account may not have. */
	void check(String username, String password) {
		fault(username, password).ifPresent(fault -> {
			throw InvalidInput.of("password", fault);
		});
	}

	/** Why that account may not have that password, in French; empty when it may. */
	Optional<String> fault(String username, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
			return Optional.of("Le mot de passe compte au moins " + MIN_CHARACTERS + " caractères.");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("Le mot de passe compte au plus " + MAX_BYTES
					+ " octets en UTF-8 : 72 caractères sans accents, moins avec des lettres accentuées ou d'autres écritures.");
		}
		if (password.codePoints().distinct().count() == 1) {
			return Optional.of("Le mot de passe ne peut pas répéter un seul caractère.");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("Le mot de passe ne peut pas être l'identifiant du compte.");
		}
		if (common.contains(lower)) {
			return Optional.of("Ce mot de passe figure parmi les plus courants, les premiers qu'essaie un attaquant : "
					+ "choisissez-en un autre.");
		}
		return Optional.empty();
	}

	private static Set<String> read(String resource) {
		InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(resource);
		if (in == null) {
			throw new IllegalStateException("Missing " + resource);
		}
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			return reader.lines()
				.filter(line -> !line.isEmpty())
				.map(line -> line.toLowerCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
