package fr.jalon.candidacy;

/** The collectivité withdrew its candidacy: every open task of it closes, in the same transaction. */
public record CandidacyWithdrawn(String candidacyId) {

}
