package fr.jalon.system;

import java.util.List;

/** Malformed or invalid input: answered 400 with every fault in {@code errors}. */
public class InvalidInput extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidInput(String detail, List<FieldError> errors) {
		super(detail);
		this.errors = List.copyOf(errors);
	}

	public static InvalidInput of(String field, String message) {
		return new InvalidInput(message, List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return errors;
	}

	public record FieldError(String field, String message) {
	}

}
