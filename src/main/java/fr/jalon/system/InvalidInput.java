package fr.jalon.system;

import java.util.List;

/** Malformed or invalid input: answered 400 with every fault in {@code errors}. */
public class InvalidInput extends RuntimeException {

	static final int MAX_ERRORS = 50;

	private final List<FieldError> errors;

	public InvalidInput(String detail, List<FieldError> errors) {
		super(detail);
		this.errors = List.copyOf(errors);
	}

	public static InvalidInput of(String field, String message) {
		return new InvalidInput(message, List.of(new FieldError(field, message)));
	}

	/** The first {@value #MAX_ERRORS} faults, then one saying how many more there are: an answer stays small. */
	public static List<FieldError> firstOf(List<FieldError> errors) {
		if (errors.size() <= MAX_ERRORS) {
			return errors;
		}
		List<FieldError> first = new java.util.ArrayList<>(errors.subList(0, MAX_ERRORS));
		first.add(new FieldError("…", (errors.size() - MAX_ERRORS) + " autre(s) erreur(s) du même genre"));
		return first;
	}

	public List<FieldError> errors() {
		return errors;
	}

	public record FieldError(String field, String message) {
	}

}
