package fr.jalon.referential;

import java.util.Map;
import java.util.Set;

/**
 * What a candidacy's dossier holds, as far as the referential's rules are concerned: the types of
 * its documents, the level each source (SELF, COORDINATING_EXPERT, SECOND_EXPERT) gave each
 * criterion, each indicator's target and measured value, and the data fields it holds.
 */
public record Dossier(Set<String> documentTypes, Map<String, Map<String, String>> levels,
		Map<String, Double> targets, Map<String, Double> values, Set<String> fields) {

	public Map<String, String> levelsOf(String source) {
		return levels.getOrDefault(source, Map.of());
	}

}
