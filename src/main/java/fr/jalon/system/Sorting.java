package fr.jalon.system;

import java.util.List;
import java.util.Map;

/**
 * The order a list is asked in, the same way for every list: a {@code sort} parameter naming one of the list's keys,
 * prefixed with {@code -} for the descending order ({@code due}, {@code -submitted}). A key the list does not know is
 * an {@link InvalidInput} naming {@code sort}.
 */
public record Sorting(String key, boolean descending) {

	public static final String SORT = "sort";

	/** The order asked by the {@code sort} parameter among {@code keys}; {@code fallback} when it is absent or empty. */
	public static Sorting of(Map<String, String[]> parameters, List<String> keys, Sorting fallback) {
		String[] values = parameters.get(SORT);
		if (values == null || values.length == 0 || values.length == 1 && values[0].isBlank()) {
			return fallback;
		}
		if (values.length > 1) {
			throw InvalidInput.of(SORT, "Un seul ordre de tri à la fois.");
		}
		String value = values[0].strip();
		boolean descending = value.startsWith("-");
		String key = descending ? value.substring(1) : value;
		if (!keys.contains(key)) {
			throw InvalidInput.of(SORT, "Tri inconnu : « " + PlainText.excerpt(value, 40) + " » ; tris possibles : "
					+ String.join(", ", keys) + " (précédé de - pour l'ordre inverse).");
		}
		return new Sorting(key, descending);
	}

	/** The value of the {@code sort} parameter that asks for this order. */
	public String parameter() {
		return (descending ? "-" : "") + key;
	}

	/** The same key in the other direction: what a column header's link asks when the list is already in this order. */
	public Sorting reversed() {
		return new Sorting(key, !descending);
	}

}
