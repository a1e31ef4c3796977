package fr.jalon.system;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * French as Jalon writes it to people, in pages, mails and PDFs alike: one formatter for dates, hours, numbers and
 * sizes, the élision of « de », « que », « à » before a name, and the typography of the Imprimerie nationale
 * (non-breaking spaces before « : ; ! ? » and inside « », typographic apostrophes). Nothing else formats these.
 */
public final class French {

	public static final Locale LOCALE = Locale.FRANCE;

	public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/** The non-breaking space, before « : » and inside « ». */
	public static final char NBSP = '\u00A0';

	/** The narrow non-breaking space, before « ; ! ? » and between groups of digits. */
	public static final char NNBSP = '\u202F';

	/** The typographic apostrophe. */
	public static final char APOSTROPHE = '\u2019';

	private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", LOCALE);

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("H' h 'mm", LOCALE);

	private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM yy", LOCALE);

	private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", LOCALE);

	/** Common nouns that open a body's name, and the article « de » takes before each. */
	private static final List<String[]> COMMON_NOUNS = List.of(new String[] { "Communauté ", "de la " },
			new String[] { "Métropole ", "de la " }, new String[] { "Région ", "de la " },
			new String[] { "Collectivité ", "de la " }, new String[] { "CC ", "de la " },
			new String[] { "CA ", "de la " }, new String[] { "CU ", "de la " }, new String[] { "Pays ", "du " },
			new String[] { "Parc ", "du " }, new String[] { "PETR ", "du " }, new String[] { "Pôle ", "du " },
			new String[] { "Département ", "du " }, new String[] { "Syndicat ", "du " },
			new String[] { "Établissement ", "de l’" }, new String[] { "Agglomération ", "de l’" },
			new String[] { "Eurométropole ", "de l’" });

	private static final Pattern VOWEL = Pattern.compile("^[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆaeiouyàâäéèêëîïôöùûüœæ]");

	private French() {
	}

	// Dates and hours, in Paris time.

	/** « 1er juin 2025 », « 12 juin 2025 ». */
	public static String date(Instant instant) {
		if (instant == null) {
			return "";
		}
		ZonedDateTime date = instant.atZone(PARIS);
		int day = date.getDayOfMonth();
		return (day == 1 ? "1er" : String.valueOf(day)) + NBSP + MONTH_YEAR.format(date).replace(' ', NBSP);
	}

	/** « 1er janvier 2020 »: a day, such as the date from which an official data set's facts hold. */
	public static String day(java.time.LocalDate day) {
		return day == null ? "" : date(day.atStartOfDay(PARIS).toInstant());
	}

	/** « 14 h 32 ». */
	public static String time(Instant instant) {
		return instant == null ? "" : HOUR.format(instant.atZone(PARIS)).replace(' ', NBSP);
	}

	/** « 12 juin 2025 à 14 h 32 ». */
	public static String dateTime(Instant instant) {
		return instant == null ? "" : date(instant) + " à " + time(instant);
	}

	/** « 12/06/2025 », for tables and exports. */
	public static String shortDate(Instant instant) {
		return instant == null ? "" : SHORT_DATE.format(instant.atZone(PARIS));
	}

	/** « janv. 26 », « juin 25 »: a month on a chart's axis. */
	public static String shortMonth(java.time.YearMonth month) {
		return month == null ? "" : SHORT_MONTH.format(month).replace(' ', NBSP);
	}

	// Numbers.

	/** « 12 345 », « 3,5 »: digits grouped by narrow non-breaking spaces, a decimal comma, no useless decimals. */
	public static String number(Number value) {
		if (value == null) {
			return "";
		}
		NumberFormat format = NumberFormat.getNumberInstance(LOCALE);
		format.setMaximumFractionDigits(2);
		return format.format(value).replace(NBSP, NNBSP).replace(' ', NNBSP);
	}

	/** « 45 000 € ». */
	public static String euros(Number value) {
		return value == null ? "" : number(value) + NBSP + "€";
	}

	/** A file size as people read it: « 512 o », « 12 Ko », « 3,4 Mo ». */
	public static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + "" + NBSP + "o";
		}
		if (bytes < 1024 * 1024) {
			return number(Math.round(bytes / 1024.0)) + NBSP + "Ko";
		}
		return number(Math.round(bytes / (1024.0 * 1024) * 10) / 10.0) + NBSP + "Mo";
	}

	// Names after a preposition.

	/** « de Toulouse », « d’Albi », « du Mans », « des Sables-d’Olonne », « de la Communauté… », « du Pays… ». */
	public static String de(String name) {
		if (name == null || name.isBlank()) {
			return "de " + name;
		}
		String typeset = typeset(name);
		if (typeset.startsWith("Le ")) {
			return "du " + typeset.substring(3);
		}
		if (typeset.startsWith("Les ")) {
			return "des " + typeset.substring(4);
		}
		for (String[] noun : COMMON_NOUNS) {
			if (typeset.startsWith(noun[0])) {
				return noun[1] + typeset;
			}
		}
		return elides(typeset) ? "d’" + typeset : "de " + typeset;
	}

	/** « qu’Albi », « que Toulouse », « que le Mans »: what « atteste que » is followed by. */
	public static String que(String name) {
		if (name == null || name.isBlank()) {
			return "que " + name;
		}
		String typeset = typeset(name);
		for (String[] noun : COMMON_NOUNS) {
			if (typeset.startsWith(noun[0])) {
				// « de la Communauté… » → « que la Communauté… », « du Pays… » → « que le Pays… ».
				String article = switch (noun[1]) {
					case "du " -> "le ";
					case "de l’" -> "l’";
					default -> "la ";
				};
				return "que " + article + typeset;
			}
		}
		return elides(typeset) ? "qu’" + typeset : "que " + typeset;
	}

	/** « à Albi », « au Mans », « aux Sables-d’Olonne ». */
	public static String a(String name) {
		if (name == null || name.isBlank()) {
			return "à " + name;
		}
		String typeset = typeset(name);
		if (typeset.startsWith("Le ")) {
			return "au " + typeset.substring(3);
		}
		if (typeset.startsWith("Les ")) {
			return "aux " + typeset.substring(4);
		}
		return "à " + typeset;
	}

	/**
	 * Whether a word elides the article before it: it opens with a vowel (a silent h is not guessed). A name that
	 * opens with its own elided article (« L’Isle-Jourdain ») does not: « de L’Isle-Jourdain ».
	 */
	static boolean elides(String word) {
		return VOWEL.matcher(word).find();
	}

	// Typography.

	private static final Pattern SPACE_BEFORE_COLON = Pattern.compile("[ \u00A0\u202F]*:(?=\\s|$)");

	/** Before « ; ! ? », but not the semicolon that ends an HTML entity (« &amp; », « &#39; »). */
	private static final Pattern SPACE_BEFORE_HIGH = Pattern.compile(
			"(?<=\\S)[ \u00A0\u202F]*(?<!&(?:#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31}))([;!?])(?=\\s|$|[»)\"])");

	private static final Pattern OPENING_GUILLEMET = Pattern.compile("«[ \u00A0\u202F]*");

	private static final Pattern CLOSING_GUILLEMET = Pattern.compile("[ \u00A0\u202F]*»");

	/** A straight apostrophe between letters, as typed or as HTML escapes it (text reaching a page is escaped). */
	private static final Pattern STRAIGHT_APOSTROPHE = Pattern
		.compile("(?<=\\p{L})(?:'|&#0*39;|&#[xX]0*27;|&apos;)(?=\\p{L})");

	/**
	 * Text as French typography sets it: a non-breaking space before « : » and inside « », a narrow one before
	 * « ; ! ? », typographic apostrophes between letters. Idempotent; leaves a colon inside a word or an address
	 * (« 14:32 », « https:// ») alone.
	 */
	public static String typeset(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String result = text.indexOf('\'') >= 0 || text.indexOf('&') >= 0
				? STRAIGHT_APOSTROPHE.matcher(text).replaceAll(String.valueOf(APOSTROPHE)) : text;
		if (result.indexOf(':') >= 0) {
			result = replaceAfterWord(result, SPACE_BEFORE_COLON, NBSP + ":");
		}
		if (result.indexOf(';') >= 0 || result.indexOf('!') >= 0 || result.indexOf('?') >= 0) {
			result = SPACE_BEFORE_HIGH.matcher(result).replaceAll(NNBSP + "$1");
		}
		if (result.indexOf('«') >= 0) {
			result = OPENING_GUILLEMET.matcher(result).replaceAll("«" + NBSP);
			result = CLOSING_GUILLEMET.matcher(result).replaceAll(NBSP + "»");
		}
		return result;
	}

	/** Replaces the pattern only where it follows a word (not at the start of the text, nor after a line break). */
	private static String replaceAfterWord(String text, Pattern pattern, String replacement) {
		Matcher matcher = pattern.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			boolean afterWord = matcher.start() > 0 && !Character.isWhitespace(text.charAt(matcher.start() - 1));
			matcher.appendReplacement(out, Matcher.quoteReplacement(afterWord ? replacement : matcher.group()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
