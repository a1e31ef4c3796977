package fr.jalon.referential;

import java.util.Set;

/** What a candidacy's dossier holds, as far as a step's rules are concerned. */
public record Dossier(Set<String> documentTypes, Set<String> assessedCriteria, Set<String> indicatorsWithTarget,
		Set<String> indicatorsWithValue) {

}
