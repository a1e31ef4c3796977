package fr.jalon.candidacy;

import java.util.Set;

import fr.jalon.security.JalonUser;

/**
 * What of a candidacy's marks a user may not see yet: an expert who is to give an assessment apart from another
 * (the twin expertise) sees neither the other's levels and comments nor its step's comment until submitting. The
 * review module, which knows the steps, decides it; the candidacy's views and evaluation apply it.
 */
public interface SealedMarks {

	Sealed of(JalonUser user, String candidacyId);

	/** The assessment sources and the steps (history events) whose marks and comments are hidden. */
	record Sealed(Set<String> sources, Set<String> steps) {

		public static final Sealed NONE = new Sealed(Set.of(), Set.of());

		public boolean isEmpty() {
			return sources.isEmpty() && steps.isEmpty();
		}

	}

}
