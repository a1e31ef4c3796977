package fr.jalon.referential;

import java.util.List;

import fr.jalon.system.Conflict;
import fr.jalon.system.InvalidInput.FieldError;

/** A version number that the programme already has, with another content: nothing stored. */
public class VersionTaken extends Conflict {

	private final FieldError error;

	private VersionTaken(String detail, FieldError error) {
		super(detail);
		this.error = error;
	}

	/** The number is stored with another content. */
	static VersionTaken withOtherContent(String programme, int version) {
		return new VersionTaken("La version " + version + " du référentiel « " + programme
				+ " » existe déjà, avec un autre contenu ; rien n'a été enregistré. Donnez un nouveau numéro de version.",
				new FieldError("/version", "la version " + version + " existe déjà, avec un autre contenu"));
	}

	/** Another request stored that number while this one was being checked (the database's unique key). */
	static VersionTaken concurrently(String programme, int version) {
		return new VersionTaken("La version " + version + " du référentiel « " + programme
				+ " » vient d'être enregistrée par une autre requête ; rien n'a été enregistré. Rechargez les versions"
				+ " avant de recommencer.",
				new FieldError("/version", "la version " + version + " vient d'être enregistrée par une autre requête"));
	}

	/** The fault, located as the validator's are: {@code /version}. */
	@Override
	public List<FieldError> errors() {
		return List.of(error);
	}

}
