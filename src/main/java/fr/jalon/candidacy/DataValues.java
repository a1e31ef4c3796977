package fr.jalon.candidacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import fr.jalon.referential.Referential;
import fr.jalon.referential.Referential.Field;
import fr.jalon.system.PlainText;

/** The data fields of a dossier: typed as their programme declares them, stored as text. */
final class DataValues {

	static final int MAX_TEXT = 4000;

	private DataValues() {
	}

	/** The value as stored, or empty with the reason (in French) when it is not of the field's type. */
	static Result write(Field field, Object value) {
		return switch (field.type()) {
			case NUMBER -> value instanceof Number number && Double.isFinite(number.doubleValue())
					&& Math.abs(number.doubleValue()) < 1e12 ? Result.of(String.valueOf(number.doubleValue()))
							: Result.error("un nombre est attendu");
			case BOOLEAN -> value instanceof Boolean bool ? Result.of(bool.toString()) : Result.error("true ou false");
			case TEXT -> value instanceof String text && text.length() <= MAX_TEXT && PlainText.isLines(text)
					? Result.of(text) : Result.error("un texte de " + MAX_TEXT + " caractères au plus");
		};
	}

	static Object read(Field field, String text) {
		return switch (field.type()) {
			case NUMBER -> Double.valueOf(text);
			case BOOLEAN -> Boolean.valueOf(text);
			case TEXT -> text;
		};
	}

	/** The dossier's data, typed by the referential version the candidacy keeps; undeclared fields are left out. */
	static Map<String, Object> typed(Map<String, String> stored, Referential referential) {
		Map<String, Object> typed = new LinkedHashMap<>();
		referential.fields().forEach(field -> {
			String text = stored.get(field.id());
			if (text != null) {
				typed.put(field.id(), read(field, text));
			}
		});
		return typed;
	}

	record Result(Optional<String> value, String error) {

		static Result of(String value) {
			return new Result(Optional.of(value), null);
		}

		static Result error(String error) {
			return new Result(Optional.empty(), error);
		}

	}

}
