package fr.jalon.web;

import java.util.List;

import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.system.NotFound;

/** A programme in use as the pages name it: its id and its French name. */
record ProgrammeName(String id, String label) {

	static ProgrammeName of(Referential definition) {
		return new ProgrammeName(definition.programme(), definition.name());
	}

	/** The programmes in use, in the order they were deployed. */
	static List<ProgrammeName> all(Referentials referentials) {
		return referentials.programmes()
			.stream()
			.flatMap(id -> referentials.definition(id).stream())
			.map(ProgrammeName::of)
			.toList();
	}

	/** The programme in use of that id; a 404 page otherwise. */
	static ProgrammeName known(Referentials referentials, String programme) {
		return referentials.definition(programme)
			.map(ProgrammeName::of)
			.orElseThrow(() -> new NotFound("Programme inconnu : « " + fr.jalon.system.PlainText.excerpt(programme) + " »."));
	}

}
