package fr.jalon.system;

import java.util.regex.Pattern;

/**
 * What people may type in a title or a comment: any character but control characters (NUL,
 * terminal escapes, C1 controls) and halves of broken UTF-16 pairs, which some databases refuse or
 * silently replace. Comments and descriptions may hold tabs and line breaks; titles hold one line.
 */
public final class PlainText {

	/** One line of text (a title, a name); for {@code @Pattern}. */
	public static final String LINE = "[^\\p{Cc}\\p{Cs}]*";

	/** Lines of text (a comment, a description); for {@code @Pattern}. */
	public static final String LINES = "[\\t\\n\\r[^\\p{Cc}\\p{Cs}]]*";

	public static final String MESSAGE = "caractères de contrôle ou Unicode invalide";

	private static final Pattern ONE_LINE = Pattern.compile(LINE);

	private static final Pattern SEVERAL_LINES = Pattern.compile(LINES);

	private PlainText() {
	}

	public static boolean isLine(String text) {
		return text == null || ONE_LINE.matcher(text).matches();
	}

	public static boolean isLines(String text) {
		return text == null || SEVERAL_LINES.matcher(text).matches();
	}

	/** Some user input to quote back in a message: 60 characters at most, control characters shown as « ? ». */
	public static String excerpt(String text) {
		return excerpt(text, 60);
	}

	/** Some text to quote back, {@code max} characters at most, control characters shown as « ? ». */
	public static String excerpt(String text, int max) {
		if (text == null) {
			return "";
		}
		String shown = text.length() > max ? text.substring(0, max) + "…" : text;
		return shown.replaceAll("[\\p{Cc}\\p{Cs}]", "?");
	}

}
