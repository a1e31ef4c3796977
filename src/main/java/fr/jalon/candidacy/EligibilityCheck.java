package fr.jalon.candidacy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One eligibility rule of the referential applied to one commune of a candidacy (the collectivité or a partner):
 * the fact read ({@code field}, {@code value}; null when unknown) and whether the rule is met.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EligibilityCheck(String commune, String communeName, String rule, String title, String field,
		Object value, boolean passed) {
}
