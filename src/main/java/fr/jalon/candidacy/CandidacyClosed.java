package fr.jalon.candidacy;

/** A candidacy ended in one of its programme's end statuses. */
public record CandidacyClosed(String candidacyId, String status) {

}
