package fr.jalon.referential;

import java.util.List;

import fr.jalon.system.Conflict;
import fr.jalon.system.InvalidInput.FieldError;

/** A version number that the programme already has, with another content: nothing stored. */
public class VersionTaken extends Conflict {

	private final int version;

	VersionTaken(String programme, int version) {
		super("La version " + version + " du référentiel « " + programme
				+ " » existe déjà, avec un autre contenu ; rien n'a été enregistré. Donnez un nouveau numéro de version.");
		this.version = version;
	}

	/** The fault, located as the validator's are. */
	public List<FieldError> errors() {
		return List.of(new FieldError("/version", "la version " + version + " existe déjà, avec un autre contenu"));
	}

}
