package fr.jalon.certificate;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Certificate codes: 12 characters of Crockford's base 32 (60 random bits), grouped as
 * {@code JAL-XXXX-XXXX-XXXX}. Read back leniently, as a person types them: any case, with or without
 * the prefix, dashes or spaces, O for 0 and I or L for 1.
 */
final class CertificateCode {

	static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	private static final int LENGTH = 12;

	private CertificateCode() {
	}

	static String generate(SecureRandom random) {
		StringBuilder code = new StringBuilder("JAL");
		for (int i = 0; i < LENGTH; i++) {
			if (i % 4 == 0) {
				code.append('-');
			}
			code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/** The canonical form of a code as typed, or nothing if it cannot be one. */
	static Optional<String> normalize(String typed) {
		if (typed == null || typed.length() > 40) {
			return Optional.empty();
		}
		String compact = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-_.]", "");
		if (compact.startsWith("JAL")) {
			compact = compact.substring(3);
		}
		compact = compact.replace('O', '0').replace('I', '1').replace('L', '1');
		if (compact.length() != LENGTH || !compact.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
			return Optional.empty();
		}
		return Optional.of("JAL-" + compact.substring(0, 4) + "-" + compact.substring(4, 8) + "-" + compact.substring(8));
	}

}
