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

	/**
	 * What is sealed from the user in each of these candidacies (those with nothing sealed left out): for a table of
	 * many candidacies, read at once rather than candidacy by candidacy.
	 */
	default java.util.Map<String, Sealed> of(JalonUser user, java.util.Collection<String> candidacyIds) {
		java.util.Map<String, Sealed> sealed = new java.util.HashMap<>();
		candidacyIds.forEach(id -> {
			Sealed marks = of(user, id);
			if (!marks.isEmpty()) {
				sealed.put(id, marks);
			}
		});
		return sealed;
	}

	/** The assessment sources and the steps (history events) whose marks and comments are hidden. */
	record Sealed(Set<String> sources, Set<String> steps) {

		public static final Sealed NONE = new Sealed(Set.of(), Set.of());

		public boolean isEmpty() {
			return sources.isEmpty() && steps.isEmpty();
		}

	}

}
