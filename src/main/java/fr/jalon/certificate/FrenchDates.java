package fr.jalon.certificate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as a French official document writes them: « 1er juin 2025 », « 12 juin 2025 », in Paris time. */
public final class FrenchDates {

	public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);

	private FrenchDates() {
	}

	public static String format(Instant instant) {
		ZonedDateTime date = instant.atZone(PARIS);
		int day = date.getDayOfMonth();
		return (day == 1 ? "1er" : String.valueOf(day)) + " " + MONTH_YEAR.format(date);
	}

}
