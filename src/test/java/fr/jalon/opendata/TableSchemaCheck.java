package fr.jalon.opendata;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A small, strict checker of a CSV file against a frictionless Table Schema (version 1.0), for the types and
 * constraints the open data's schema uses: the header must be the fields' names in order; each cell is read as its
 * field's type ({@code string} with formats {@code default} and {@code uri}, {@code integer}, {@code date} in its
 * default ISO form), after {@code missingValues}; and checked against {@code required}, {@code unique},
 * {@code enum}, {@code pattern} (whole value), {@code minLength}, {@code maxLength}, {@code minimum},
 * {@code maximum}; the {@code primaryKey} is unique and present. A type, format or constraint it does not know is
 * itself an error: nothing passes unchecked. The CSV is read as RFC 4180 (comma, double quotes, CRLF or LF).
 */
final class TableSchemaCheck {

	private TableSchemaCheck() {
	}

	/** Every error, as « line n, field: what »; none for a valid file. */
	static List<String> errors(JsonNode schema, String csv) {
		List<String> errors = new ArrayList<>();
		List<List<String>> records;
		try {
			records = rfc4180(csv);
		}
		catch (IllegalArgumentException ex) {
			return List.of(ex.getMessage());
		}
		List<JsonNode> fields = new ArrayList<>();
		schema.path("fields").forEach(fields::add);
		List<String> names = fields.stream().map(field -> field.path("name").asText()).toList();
		if (records.isEmpty() || !records.get(0).equals(names)) {
			errors.add("header: " + (records.isEmpty() ? "none" : records.get(0)) + " is not " + names);
			return errors;
		}
		Set<String> missing = new HashSet<>();
		schema.path("missingValues").forEach(value -> missing.add(value.asText()));
		if (!schema.has("missingValues")) {
			missing.add("");
		}
		Map<String, Set<String>> seen = new HashMap<>();
		List<String> key = primaryKey(schema);
		Set<List<String>> keys = new HashSet<>();
		for (int line = 1; line < records.size(); line++) {
			List<String> record = records.get(line);
			if (record.size() != fields.size()) {
				errors.add("line " + (line + 1) + ": " + record.size() + " cells, " + fields.size() + " fields");
				continue;
			}
			List<String> keyValues = new ArrayList<>();
			for (int i = 0; i < fields.size(); i++) {
				JsonNode field = fields.get(i);
				String name = names.get(i);
				String raw = record.get(i);
				String value = missing.contains(raw) ? null : raw;
				String where = "line " + (line + 1) + ", " + name + " « " + raw + " »";
				check(field, value, where, errors, seen.computeIfAbsent(name, any -> new HashSet<>()));
				if (key.contains(name)) {
					keyValues.add(value);
					if (value == null) {
						errors.add(where + ": primary key missing");
					}
				}
			}
			if (!keys.add(keyValues)) {
				errors.add("line " + (line + 1) + ": primary key " + keyValues + " repeated");
			}
		}
		return errors;
	}

	private static List<String> primaryKey(JsonNode schema) {
		JsonNode key = schema.path("primaryKey");
		List<String> names = new ArrayList<>();
		if (key.isTextual()) {
			names.add(key.asText());
		}
		key.forEach(name -> names.add(name.asText()));
		return names;
	}

	private static void check(JsonNode field, String value, String where, List<String> errors, Set<String> seen) {
		String type = field.path("type").asText("string");
		String format = field.path("format").asText("default");
		JsonNode constraints = field.path("constraints");
		for (Iterator<String> names = constraints.fieldNames(); names.hasNext();) {
			String constraint = names.next();
			if (!Set.of("required", "unique", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum")
				.contains(constraint)) {
				errors.add(where + ": constraint « " + constraint + " » unknown to this checker");
			}
		}
		if (value == null) {
			if (constraints.path("required").asBoolean(false)) {
				errors.add(where + ": required");
			}
			return;
		}
		Comparable<?> typed = switch (type) {
			case "string" -> string(value, format, where, errors);
			case "integer" -> integer(value, format, where, errors);
			case "date" -> date(value, format, where, errors);
			default -> {
				errors.add(where + ": type « " + type + " » unknown to this checker");
				yield null;
			}
		};
		if (typed == null) {
			return;
		}
		if (constraints.path("unique").asBoolean(false) && !seen.add(value)) {
			errors.add(where + ": not unique");
		}
		if (constraints.has("enum")) {
			boolean listed = false;
			for (JsonNode allowed : constraints.get("enum")) {
				listed |= allowed.asText().equals(value);
			}
			if (!listed) {
				errors.add(where + ": not in " + constraints.get("enum"));
			}
		}
		if (constraints.has("pattern") && !value.matches(constraints.get("pattern").asText())) {
			errors.add(where + ": does not match " + constraints.get("pattern").asText());
		}
		if (constraints.has("minLength") && value.length() < constraints.get("minLength").asInt()) {
			errors.add(where + ": shorter than " + constraints.get("minLength").asInt());
		}
		if (constraints.has("maxLength") && value.length() > constraints.get("maxLength").asInt()) {
			errors.add(where + ": longer than " + constraints.get("maxLength").asInt());
		}
		if (constraints.has("minimum") && compare(typed, constraints.get("minimum"), type) < 0) {
			errors.add(where + ": below " + constraints.get("minimum"));
		}
		if (constraints.has("maximum") && compare(typed, constraints.get("maximum"), type) > 0) {
			errors.add(where + ": above " + constraints.get("maximum"));
		}
	}

	private static String string(String value, String format, String where, List<String> errors) {
		switch (format) {
			case "default" -> {
				return value;
			}
			case "uri" -> {
				try {
					URI uri = new URI(value);
					if (!uri.isAbsolute()) {
						errors.add(where + ": not an absolute URI");
						return null;
					}
					return value;
				}
				catch (URISyntaxException ex) {
					errors.add(where + ": not a URI");
					return null;
				}
			}
			default -> {
				errors.add(where + ": string format « " + format + " » unknown to this checker");
				return null;
			}
		}
	}

	private static BigInteger integer(String value, String format, String where, List<String> errors) {
		if (!"default".equals(format) || !value.matches("[+-]?[0-9]+")) {
			errors.add(where + ": not an integer");
			return null;
		}
		return new BigInteger(value);
	}

	private static LocalDate date(String value, String format, String where, List<String> errors) {
		if (!"default".equals(format)) {
			errors.add(where + ": date format « " + format + " » unknown to this checker");
			return null;
		}
		try {
			if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
				throw new DateTimeParseException("not YYYY-MM-DD", value, 0);
			}
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			errors.add(where + ": not a date (YYYY-MM-DD)");
			return null;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static int compare(Comparable typed, JsonNode bound, String type) {
		Comparable limit = switch (type) {
			case "integer" -> new BigInteger(bound.asText());
			case "date" -> LocalDate.parse(bound.asText());
			default -> bound.asText();
		};
		return typed.compareTo(limit);
	}

	/** The records of an RFC 4180 text: fields split on commas, double-quoted fields with doubled quotes inside. */
	static List<List<String>> rfc4180(String csv) {
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		int i = 0;
		while (i < csv.length()) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					cell.append('"');
					i += 2;
					continue;
				}
				if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
				i++;
				continue;
			}
			if (c == '"') {
				if (cell.length() > 0 || wasQuoted) {
					throw new IllegalArgumentException("record " + (records.size() + 1) + ": a quote inside an unquoted cell");
				}
				quoted = true;
				wasQuoted = true;
			}
			else if (c == ',') {
				record.add(cell.toString());
				cell.setLength(0);
				wasQuoted = false;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && (i + 1 >= csv.length() || csv.charAt(i + 1) != '\n')) {
					throw new IllegalArgumentException("record " + (records.size() + 1) + ": a bare carriage return");
				}
				record.add(cell.toString());
				records.add(record);
				record = new ArrayList<>();
				cell.setLength(0);
				wasQuoted = false;
				i += c == '\r' ? 2 : 1;
				continue;
			}
			else {
				if (wasQuoted) {
					throw new IllegalArgumentException("record " + (records.size() + 1) + ": text after a closing quote");
				}
				cell.append(c);
			}
			i++;
		}
		if (quoted) {
			throw new IllegalArgumentException("an unclosed quote");
		}
		if (cell.length() > 0 || !record.isEmpty() || wasQuoted) {
			record.add(cell.toString());
			records.add(record);
		}
		return records;
	}

}
