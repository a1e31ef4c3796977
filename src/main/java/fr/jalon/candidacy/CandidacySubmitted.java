package fr.jalon.candidacy;

/** A collectivité submitted a candidacy: its process starts, in the same transaction. */
public record CandidacySubmitted(String candidacyId, String programme, String collectivite, String departement,
		String region, String campaign) {

}
