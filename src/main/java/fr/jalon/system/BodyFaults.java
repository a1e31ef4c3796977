package fr.jalon.system;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;

import fr.jalon.system.InvalidInput.FieldError;

/**
 * The field a body that could not be read is at fault for, and why, in French: an unknown field, a
 * key given twice, a value of the wrong type. The field is named by its path, {@code status},
 * {@code assessment.E01.level}, {@code partners[0]}; never the value itself, and a long name is cut.
 */
final class BodyFaults {

	/** Beyond this, a field name is cut: a caller's name of a megabyte is not sent back. */
	private static final int MAX_NAME = 60;

	private static final int MAX_PATH = 200;

	private BodyFaults() {
	}

	/** The fault of an unreadable body, when it lies in one field; empty when the body as a whole is. */
	static Optional<Fault> of(Throwable cause) {
		Optional<List<String>> duplicate = duplicateKey(cause);
		if (duplicate.isPresent()) {
			return field(duplicate.get(), "champ en double").map(error -> new Fault(error,
					"Le champ « " + error.field() + " » est donné deux fois ; rien n'a été enregistré."));
		}
		if (!(cause instanceof JsonMappingException mapping)) {
			return Optional.empty();
		}
		List<String> path = new ArrayList<>();
		for (JsonMappingException.Reference reference : mapping.getPath()) {
			if (reference.getFieldName() != null) {
				path.add(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				path.add("[" + reference.getIndex() + "]");
			}
		}
		String detail = mapping instanceof PropertyBindingException ? "n'est pas admis ici"
				: "n'a pas la forme attendue";
		return field(path, message(mapping)).map(error -> new Fault(error,
				"Le champ « " + error.field() + " » " + detail + " ; rien n'a été enregistré."));
	}

	/** A key given twice, where it is: the parser stops on it, whether the mapping wrapped its error or not. */
	private static Optional<List<String>> duplicateKey(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof StreamReadException read && read.getProcessor() != null
					&& String.valueOf(read.getOriginalMessage()).startsWith("Duplicate field '")) {
				return Optional.of(path(read.getProcessor()));
			}
		}
		return Optional.empty();
	}

	private static List<String> path(JsonParser parser) {
		List<String> path = new ArrayList<>();
		for (JsonStreamContext context = parser.getParsingContext(); context != null
				&& !context.inRoot(); context = context.getParent()) {
			if (context.inObject() && context.getCurrentName() != null) {
				path.add(0, context.getCurrentName());
			}
			else if (context.inArray() && context.getCurrentIndex() >= 0) {
				path.add(0, "[" + context.getCurrentIndex() + "]");
			}
		}
		return path;
	}

	private static Optional<FieldError> field(List<String> path, String message) {
		if (path.isEmpty()) {
			return Optional.empty();
		}
		StringBuilder field = new StringBuilder();
		for (String segment : path) {
			if (field.length() > 0 && !segment.startsWith("[")) {
				field.append('.');
			}
			field.append(segment.length() > MAX_NAME ? segment.substring(0, MAX_NAME) + "…" : segment);
		}
		String shown = field.length() > MAX_PATH ? "…" + field.substring(field.length() - MAX_PATH) : field.toString();
		return Optional.of(new FieldError(shown, message));
	}

	private static String message(JsonMappingException mapping) {
		if (mapping instanceof PropertyBindingException) {
			return "champ inconnu";
		}
		if (mapping.getCause() instanceof InputCoercionException) {
			return "nombre hors des limites admises";
		}
		if (mapping.getCause() instanceof StreamConstraintsException) {
			return "valeur trop longue ou trop imbriquée";
		}
		if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			Class<?> type = mismatch.getTargetType();
			if (type.isEnum()) {
				return "valeur non admise";
			}
			if (mapping instanceof InvalidFormatException format && format.getValue() instanceof String text
					&& !text.isEmpty() && type.getName().startsWith("java.time.")) {
				return "valeur de forme incorrecte : " + expected(type);
			}
			return "valeur de type incorrect : " + expected(type);
		}
		return "valeur invalide";
	}

	/** What was expected instead, in French. */
	static String expected(Class<?> type) {
		if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
			return "texte attendu";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true ou false attendu";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class || type == Byte.class || type == byte.class
				|| type == BigInteger.class) {
			return "nombre entier attendu";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "nombre attendu";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "liste attendue";
		}
		if (type == LocalDate.class) {
			return "date ISO 8601 attendue, comme 2031-06-30";
		}
		if (type == Duration.class || type == Period.class) {
			return "durée ISO 8601 attendue, comme P30D";
		}
		if (type == LocalTime.class || type == LocalDateTime.class) {
			return "texte ISO 8601 attendu";
		}
		if (type.getName().startsWith("java.time.")) {
			return "date et heure ISO 8601 avec décalage attendue, comme 2031-06-30T18:00:00+02:00";
		}
		if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
			return "objet attendu";
		}
		return "autre type attendu";
	}

	/** The field at fault, and the problem's detail. */
	record Fault(FieldError error, String detail) {
	}

}
