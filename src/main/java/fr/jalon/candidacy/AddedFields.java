package fr.jalon.candidacy;

import java.util.Map;

import fr.jalon.security.JalonUser;

/**
 * Fields another module adds to a candidacy's own view ({@code GET /api/candidacies/{id}}), as the user who reads
 * it may see them: the candidacy module shows them without knowing them (the message thread's
 * {@code changesRequested}, the open tasks' {@code openTasks}). Called only for a candidacy the user sees.
 */
public interface AddedFields {

	/** Puts this module's fields, by name, into {@code fields}. */
	void add(JalonUser user, String candidacyId, Map<String, Object> fields);

}
