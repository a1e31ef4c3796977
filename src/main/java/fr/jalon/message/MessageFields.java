package fr.jalon.message;

import java.util.Map;

import fr.jalon.candidacy.AddedFields;
import fr.jalon.security.JalonUser;

import org.springframework.stereotype.Component;

/**
 * What this module adds to a candidacy's view in the API: {@code changesRequested} (the open request for changes,
 * {@code {at, comment}}, or null) and {@code openTasks} (who holds the dossier now).
 */
@Component
class MessageFields implements AddedFields {

	private final MessageService messages;

	MessageFields(MessageService messages) {
		this.messages = messages;
	}

	@Override
	public void add(JalonUser user, String candidacyId, Map<String, Object> fields) {
		fields.put("changesRequested", messages.changesRequested(user, candidacyId));
		fields.put("openTasks", messages.holders(user, candidacyId));
	}

}
