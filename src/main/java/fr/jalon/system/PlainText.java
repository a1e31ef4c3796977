package fr.jalon.system;

import java.util.Optional;

/**
 * The one rule for what people may type, at every entry (API bodies, forms, query parameters, path
 * ids, file names), written once and applied through {@link SingleLine}, {@link Name} and
 * {@link MultiLine} on the services' parameters:
 * <ul>
 * <li>no control character (NUL, C0 and C1 controls, terminal escapes), except tabs and line breaks
 * in the texts that hold several lines (a comment, a description);</li>
 * <li>no broken Unicode: halves of surrogate pairs, non-characters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF),
 * which some databases refuse (PostgreSQL refuses NUL) or silently replace;</li>
 * <li>in a name (a title, a file name), no invisible format character either (zero-width spaces,
 * bidirectional overrides and isolates, soft hyphens: Unicode's category Cf), and something visible;</li>
 * <li>a bounded length, counted in UTF-16 units as Java and the database count it.</li>
 * </ul>
 */
public final class PlainText {

	/** What a text may hold. */
	public enum Kind {

		/** One line: an id, a code, a query parameter. */
		LINE,

		/** One visible line without format characters: a title, a name, a file name. */
		NAME,

		/** Lines, with tabs and line breaks: a comment, a description. */
		LINES

	}

	/** The message of a text that breaks the rule, where no more precise one is given. */
	public static final String MESSAGE = "caractères de contrôle ou Unicode invalide";

	private PlainText() {
	}

	/** Why the text breaks the rule for that kind of field, in French; empty when it does not (or is null). */
	public static Optional<String> fault(String text, Kind kind, int max) {
		if (text == null) {
			return Optional.empty();
		}
		if (text.length() > max) {
			return Optional.of(max + " caractères au plus");
		}
		boolean visible = false;
		for (int i = 0; i < text.length();) {
			int c = text.codePointAt(i);
			i += Character.charCount(c);
			if (Character.getType(c) == Character.CONTROL) {
				if (kind != Kind.LINES || (c != '\t' && c != '\n' && c != '\r')) {
					return Optional.of("caractère de contrôle refusé (" + codePoint(c) + ")");
				}
			}
			else if (Character.getType(c) == Character.SURROGATE || isNonCharacter(c)) {
				return Optional.of("Unicode invalide (" + codePoint(c) + ")");
			}
			else if (Character.getType(c) == Character.FORMAT && kind == Kind.NAME) {
				return Optional.of("caractère invisible ou de mise en forme refusé (" + codePoint(c) + ")");
			}
			else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
				visible = true;
			}
		}
		if (kind == Kind.NAME && !text.isEmpty() && !visible) {
			return Optional.of("aucun caractère visible");
		}
		return Optional.empty();
	}

	/** Whether the text holds lines under the rule (any length). */
	public static boolean isLines(String text) {
		return fault(text, Kind.LINES, Integer.MAX_VALUE).isEmpty();
	}

	/** Unicode's non-characters: U+FDD0 to U+FDEF, and the last two code points of every plane. */
	static boolean isNonCharacter(int c) {
		return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
	}

	private static String codePoint(int c) {
		return String.format("U+%04X", c);
	}

	/** Some user input to quote back in a message: 60 characters at most, control characters shown as « ? ». */
	public static String excerpt(String text) {
		return excerpt(text, 60);
	}

	/** Some text to quote back, {@code max} characters at most, control, format and broken characters shown as « ? ». */
	public static String excerpt(String text, int max) {
		if (text == null) {
			return "";
		}
		String shown = text.length() > max ? text.substring(0, max) + "…" : text;
		return shown.replaceAll("[\\p{Cc}\\p{Cs}\\p{Cf}\\x{FDD0}-\\x{FDEF}\\x{FFFE}\\x{FFFF}]", "?");
	}

}
