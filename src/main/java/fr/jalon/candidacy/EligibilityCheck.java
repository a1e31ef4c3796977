package fr.jalon.candidacy;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One eligibility rule of the referential applied to one commune of a candidacy (the collectivité or a partner):
 * the fact read ({@code field}, {@code value}; null when unknown) and whether the rule is met. For a fact of the
 * official data (the population), {@code readAt} is the date the rule reads it at (its {@code at}: the campaign's
 * opening, the submission or today) and {@code asOf} the date of the official data set in force then, which gave
 * the value (e.g. 1 January 2020); {@code current} is true when no fact is dated on or before {@code readAt} and the
 * body's current value was read instead (then {@code asOf} is absent), or when the rule reads today's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EligibilityCheck(String commune, String communeName, String rule, String title, String field,
		Object value, boolean passed, LocalDate readAt, LocalDate asOf, Boolean current) {

	/**
	 * When the value read holds, as a reviewer reads it after the value: « au 1er janvier 2020 » for a dated fact,
	 * « (valeur actuelle) » for the body's current one, nothing for the other facts.
	 */
	public String when() {
		if (asOf != null) {
			return "au " + fr.jalon.system.French.day(asOf);
		}
		return Boolean.TRUE.equals(current) ? "(valeur actuelle)" : "";
	}

}
