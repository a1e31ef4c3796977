package fr.jalon.certificate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Words to lines no wider than a width, for the PDFs Jalon draws (certificates, deposit receipts). */
public final class TextLines {

	/** The width of a text as drawn, in the units of {@code max}. */
	@FunctionalInterface
	public interface Width {

		float of(String text) throws IOException;

	}

	private TextLines() {
	}

	/**
	 * The words, in order, joined by single spaces into lines no wider than {@code max}; a word too long for a line
	 * (an address, a SHA-256) is cut. The last line is kept even when empty: a blank text is one blank line.
	 */
	public static List<String> wrap(String[] words, float max, Width width) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : words) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (width.of(candidate) <= max) {
				line.setLength(0);
				line.append(candidate);
				continue;
			}
			if (!line.isEmpty()) {
				lines.add(line.toString());
				line.setLength(0);
			}
			while (width.of(word) > max && word.length() > 1) {
				int cut = word.length() - 1;
				while (cut > 1 && width.of(word.substring(0, cut)) > max) {
					cut--;
				}
				lines.add(word.substring(0, cut));
				word = word.substring(cut);
			}
			line.append(word);
		}
		lines.add(line.toString());
		return lines;
	}

}
