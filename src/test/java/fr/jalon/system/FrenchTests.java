package fr.jalon.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** French as Jalon writes it: élision, typography, numbers, dates, in one formatter. */
class FrenchTests {

	@Test
	void elidesTheArticleBeforeANameAsFrenchDoes() {
		assertThat(French.de("Albi")).isEqualTo("d’Albi");
		assertThat(French.de("Évry")).isEqualTo("d’Évry");
		assertThat(French.de("Toulouse")).isEqualTo("de Toulouse");
		assertThat(French.de("Le Mans")).isEqualTo("du Mans");
		assertThat(French.de("Les Sables-d'Olonne")).isEqualTo("des Sables-d’Olonne");
		assertThat(French.de("La Rochelle")).isEqualTo("de La Rochelle");
		assertThat(French.de("L'Isle-Jourdain")).isEqualTo("de L’Isle-Jourdain");
		assertThat(French.de("Communauté de communes du Grand Albigeois"))
			.isEqualTo("de la Communauté de communes du Grand Albigeois");
		assertThat(French.de("Pays de Lunel")).isEqualTo("du Pays de Lunel");
		assertThat(French.que("Albi")).isEqualTo("qu’Albi");
		assertThat(French.que("Millau")).isEqualTo("que Millau");
		// A body named by a common noun takes its article, as « de » does.
		assertThat(French.que("Communauté de communes du Grand Figeac"))
			.isEqualTo("que la Communauté de communes du Grand Figeac");
		assertThat(French.que("Pays Midi-Quercy")).isEqualTo("que le Pays Midi-Quercy");
		assertThat(French.que("L'Isle-Jourdain")).isEqualTo("que L’Isle-Jourdain");
		assertThat(French.a("Albi")).isEqualTo("à Albi");
		assertThat(French.a("Le Mans")).isEqualTo("au Mans");
		assertThat(French.a("Les Sables-d’Olonne")).isEqualTo("aux Sables-d’Olonne");
	}

	@Test
	void setsFrenchTypography() {
		assertThat(French.typeset("Étape : charte")).isEqualTo("Étape\u00A0: charte");
		assertThat(French.typeset("Vraiment ? Oui ! Non ; peut-être")).isEqualTo("Vraiment\u202F? Oui\u202F! Non\u202F; peut-être");
		assertThat(French.typeset("Vraiment?")).isEqualTo("Vraiment\u202F?");
		assertThat(French.typeset("le « référentiel »")).isEqualTo("le «\u00A0référentiel\u00A0»");
		assertThat(French.typeset("l'étape d'Albi")).isEqualTo("l’étape d’Albi");
		// Text in a page arrives HTML-escaped: the escaped apostrophe is an apostrophe too.
		assertThat(French.typeset("l&#39;étape")).isEqualTo("l’étape");
		assertThat(French.typeset("l&apos;étape")).isEqualTo("l’étape");
		assertThat(French.typeset("l&#x27;étape")).isEqualTo("l’étape");
	}

	@Test
	void typographyIsIdempotent() {
		for (String text : new String[] { "Étape : charte", "Vraiment ? Oui ! Non ; peut-être", "le « référentiel »",
				"l'étape d'Albi", "Relance : « Dépôt » avant le 1er juin ?", "Voir : https://jalon.fr/a?b=1 !" }) {
			String once = French.typeset(text);
			assertThat(French.typeset(once)).as(text).isEqualTo(once);
		}
	}

	@Test
	void leavesAddressesHoursAndEntitiesAlone() {
		assertThat(French.typeset("https://jalon.gouv.fr/candidatures/C-1?page=2&tri=date"))
			.isEqualTo("https://jalon.gouv.fr/candidatures/C-1?page=2&tri=date");
		assertThat(French.typeset("Voir : https://jalon.gouv.fr/x"))
			.isEqualTo("Voir\u00A0: https://jalon.gouv.fr/x");
		assertThat(French.typeset("à 14:32")).isEqualTo("à 14:32");
		assertThat(French.typeset("mairie-albi@demo.jalon.fr")).isEqualTo("mairie-albi@demo.jalon.fr");
		assertThat(French.typeset("mailto:mairie-albi@demo.jalon.fr")).isEqualTo("mailto:mairie-albi@demo.jalon.fr");
		// An HTML entity's semicolon is no punctuation.
		assertThat(French.typeset("Eau &amp; énergie")).isEqualTo("Eau &amp; énergie");
		assertThat(French.typeset("&quot;Charte&quot; signée")).isEqualTo("&quot;Charte&quot; signée");
		assertThat(French.typeset("a &lt; b")).isEqualTo("a &lt; b");
		assertThat(French.typeset(":")).isEqualTo(":");
		assertThat(French.typeset(null)).isNull();
	}

	@Test
	void writesNumbersAmountsAndSizesTheFrenchWay() {
		assertThat(French.number(12345)).isEqualTo("12\u202F345");
		assertThat(French.number(1234567.891)).isEqualTo("1\u202F234\u202F567,89");
		assertThat(French.number(3.5)).isEqualTo("3,5");
		assertThat(French.number(45000.0)).isEqualTo("45\u202F000");
		assertThat(French.number(-1200)).isEqualTo("-1\u202F200");
		assertThat(French.number(null)).isEmpty();
		assertThat(French.euros(45000)).isEqualTo("45\u202F000\u00A0€");
		assertThat(French.size(512)).isEqualTo("512\u00A0o");
		assertThat(French.size(12 * 1024)).isEqualTo("12\u00A0Ko");
		assertThat(French.size((long) (3.4 * 1024 * 1024))).isEqualTo("3,4\u00A0Mo");
	}

	@Test
	void writesDatesAndHoursTheFrenchWayInParis() {
		assertThat(French.date(Instant.parse("2025-06-01T10:00:00Z"))).isEqualTo("1er\u00A0juin\u00A02025");
		assertThat(French.date(Instant.parse("2025-06-12T10:00:00Z"))).isEqualTo("12\u00A0juin\u00A02025");
		// Paris, not UTC: 23:30 UTC on 30 June is already 1 July there.
		assertThat(French.date(Instant.parse("2025-06-30T23:30:00Z"))).isEqualTo("1er\u00A0juillet\u00A02025");
		assertThat(French.time(Instant.parse("2025-06-12T12:32:00Z"))).isEqualTo("14\u00A0h\u00A032");
		assertThat(French.time(Instant.parse("2025-01-12T08:05:00Z"))).isEqualTo("9\u00A0h\u00A005");
		assertThat(French.dateTime(Instant.parse("2025-06-12T12:32:00Z")))
			.isEqualTo("12\u00A0juin\u00A02025 à 14\u00A0h\u00A032");
		assertThat(French.shortDate(Instant.parse("2025-06-01T10:00:00Z"))).isEqualTo("01/06/2025");
		assertThat(French.date(null)).isEmpty();
		assertThat(French.shortMonth(java.time.YearMonth.of(2026, 1))).isEqualTo("janv.\u00A026");
	}

}
