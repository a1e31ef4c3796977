package fr.jalon.candidacy;

/**
 * A candidacy ended in one of its programme's end statuses; {@code again}: in the status it already had (a later
 * step after a success that stopped without changing it, such as an adjourned confirmation).
 */
public record CandidacyClosed(String candidacyId, String status, boolean again) {

}
