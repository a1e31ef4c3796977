package fr.jalon.system;

import static org.assertj.core.api.Assertions.assertThat;

import fr.jalon.system.PlainText.Kind;

import org.junit.jupiter.api.Test;

/** The one rule for text, character by character. */
class PlainTextTests {

	@Test
	void refusesControlCharactersButLineBreaksWhereLinesAreAllowed() {
		assertThat(PlainText.fault("a\u0000b", Kind.LINES, 100)).contains("caractère de contrôle refusé (U+0000)");
		assertThat(PlainText.fault("\u001b[31m", Kind.LINES, 100)).isPresent();
		assertThat(PlainText.fault("a\u0085", Kind.LINES, 100)).isPresent();
		assertThat(PlainText.fault("Ligne 1\r\n\tLigne 2", Kind.LINES, 100)).isEmpty();
		assertThat(PlainText.fault("Ligne 1\nLigne 2", Kind.LINE, 100)).contains("caractère de contrôle refusé (U+000A)");
	}

	@Test
	void refusesBrokenUnicodeEverywhere() {
		assertThat(PlainText.fault("a\ud800", Kind.LINES, 100)).contains("Unicode invalide (U+D800)");
		assertThat(PlainText.fault("a\uFFFE", Kind.LINES, 100)).contains("Unicode invalide (U+FFFE)");
		assertThat(PlainText.fault("\uFDD0", Kind.LINE, 100)).isPresent();
		assertThat(PlainText.fault(new String(Character.toChars(0x1FFFF)), Kind.LINE, 100)).isPresent();
		assertThat(PlainText.fault("Quartier 🌳 vert", Kind.NAME, 100)).isEmpty();
	}

	@Test
	void refusesInvisibleAndReversingCharactersInNamesOnly() {
		assertThat(PlainText.fault("\u200B", Kind.NAME, 100))
			.contains("caractère invisible ou de mise en forme refusé (U+200B)");
		assertThat(PlainText.fault("doc\u202Efdp.exe", Kind.NAME, 100)).contains(
				"caractère invisible ou de mise en forme refusé (U+202E)");
		assertThat(PlainText.fault("\u3000 ", Kind.NAME, 100)).contains("aucun caractère visible");
		assertThat(PlainText.fault("famille 👨\u200D👩\u200D👧", Kind.LINES, 100)).isEmpty();
	}

	@Test
	void boundsLengths() {
		assertThat(PlainText.fault("x".repeat(201), Kind.NAME, 200)).contains("200 caractères au plus");
		assertThat(PlainText.fault("x".repeat(200), Kind.NAME, 200)).isEmpty();
		assertThat(PlainText.fault(null, Kind.NAME, 0)).isEmpty();
	}

}
