package fr.jalon.system;

import java.util.List;

import fr.jalon.system.InvalidInput.FieldError;

/** The object's state forbids the operation: task already completed, candidacy closed, concurrent change. */
public class Conflict extends RuntimeException {

	public Conflict(String detail) {
		super(detail);
	}

	/** The fields the conflict is about, located as input errors are; none by default. */
	public List<FieldError> errors() {
		return List.of();
	}

}
