package fr.jalon.review;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.jalon.candidacy.Stage;

/** A human task as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TaskView(String id, String key, String name, String candidacyId, String programme, Stage stage,
		String collectivite, String candidacyTitle, String actor, String assignee, Instant created, Instant due,
		List<String> outcomes) {

}
