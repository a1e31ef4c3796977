package fr.jalon.referential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpression;

import fr.jalon.referential.ReferentialValidator.Fault;
import fr.jalon.system.PlainText;

/**
 * {@code criteria/referential.schema.json}, the one description of a referential's shape, applied by
 * networknt's JSON Schema validator; each fault it finds becomes a JSON Pointer into the document and a
 * short French message. An unknown key is pointed at itself ({@code /stageRules/0/minimumLevel}), and so is
 * a missing one ({@code /dimensions/1/id}).
 */
final class ReferentialSchema {

	static final String LOCATION = "criteria/referential.schema.json";

	private static final JsonSchema SCHEMA = load();

	private static final String ID_FORM = "A-Z, a-z, 0-9, _ . -, 64 au plus";

	private ReferentialSchema() {
	}

	/** Every fault the schema finds in that document, in the library's order. */
	static List<Fault> faults(JsonNode document) {
		List<Fault> faults = new ArrayList<>();
		Map<String, List<ValidationMessage>> alternatives = new LinkedHashMap<>();
		for (ValidationMessage message : SCHEMA.validate(document)) {
			String path = message.getEvaluationPath().toString();
			int anyOf = path.indexOf("/anyOf/");
			if (anyOf >= 0) {
				// One fault for the whole anyOf, not one per branch.
				alternatives.computeIfAbsent(message.getInstanceLocation() + " " + path.substring(0, anyOf),
						key -> new ArrayList<>())
					.add(message);
			}
			else {
				faults.add(fault(message));
			}
		}
		alternatives.values().forEach(branches -> faults.add(noneOf(branches)));
		return faults;
	}

	private static Fault fault(ValidationMessage message) {
		String at = message.getInstanceLocation().toString();
		JsonNode value = message.getInstanceNode();
		Object[] arguments = message.getArguments();
		return switch (message.getType()) {
			case "required" -> new Fault(child(at, message.getProperty()), "obligatoire");
			case "additionalProperties" -> new Fault(child(at, message.getProperty()), "champ inconnu");
			case "propertyNames" -> new Fault(child(at, message.getProperty()),
					"nom invalide « " + message.getProperty() + " » (" + ID_FORM + ")");
			case "type" -> new Fault(at, type(String.valueOf(arguments[1])) + " attendu, "
					+ type(String.valueOf(arguments[0])) + " reçu");
			case "enum" -> new Fault(at, "valeur " + quoted(value) + " non admise : "
					+ String.valueOf(arguments[0]).replaceAll("[\\[\\]\"]", ""));
			case "const" -> new Fault(at, "valeur " + quoted(value) + " non admise : seule « " + arguments[0]
					+ " » l'est");
			case "pattern" -> new Fault(at, pattern(definition(message), value));
			case "minItems" -> new Fault(at, "1".equals(String.valueOf(arguments[0])) ? "liste vide : au moins un élément"
					: "au moins " + arguments[0] + " éléments");
			case "maxLength" -> new Fault(at, arguments[0] + " caractères au plus");
			case "minimum" -> new Fault(at, "au moins " + arguments[0] + " (reçu " + value + ")");
			case "exclusiveMinimum" -> new Fault(at, "plus de " + arguments[0] + " (reçu " + value + ")");
			case "maximum" -> new Fault(at, "au plus " + arguments[0] + " (reçu " + value + ")");
			default -> new Fault(at, "forme invalide (" + message.getType() + ")");
		};
	}

	/** The anyOf of an eligibility rule: none of its branches holds. */
	private static Fault noneOf(List<ValidationMessage> branches) {
		List<String> required = branches.stream()
			.filter(branch -> "required".equals(branch.getType()))
			.map(ValidationMessage::getProperty)
			.toList();
		String at = branches.get(0).getInstanceLocation().toString();
		if (required.size() < 2 || required.size() != branches.size()) {
			return new Fault(at, "ne correspond à aucune des formes admises");
		}
		return new Fault(at, "au moins l'un de " + String.join(", ", required.subList(0, required.size() - 1))
				+ " ou " + required.get(required.size() - 1) + " : la condition n'exige rien");
	}

	/** The message of a pattern, by the definition that holds it ({@code #/$defs/id/pattern}). */
	private static String pattern(String definition, JsonNode value) {
		return switch (definition) {
			case "id" -> "identifiant invalide " + quoted(value) + " (" + ID_FORM + ")";
			case "documentTypeId" -> "type de document invalide " + quoted(value) + " (a-z, 0-9, -, 64 au plus)";
			case "fieldId" -> "nom de donnée invalide " + quoted(value) + " (une lettre, puis lettres et chiffres)";
			case "text" -> "texte vide";
			case "line", "lines" -> PlainText.MESSAGE;
			case "period" -> "durée ISO-8601 invalide " + quoted(value) + " (durée positive, ex. P18M, P30D)";
			default -> "forme invalide " + quoted(value);
		};
	}

	private static String definition(ValidationMessage message) {
		String fragment = String.valueOf(message.getSchemaLocation().getFragment());
		return fragment.startsWith("/$defs/") ? fragment.substring("/$defs/".length()).split("/")[0] : "";
	}

	private static String type(String jsonType) {
		return switch (jsonType) {
			case "string" -> "texte";
			case "integer" -> "nombre entier";
			case "number" -> "nombre";
			case "boolean" -> "true ou false";
			case "object" -> "objet";
			case "array" -> "liste";
			case "null" -> "valeur vide";
			default -> jsonType;
		};
	}

	private static String quoted(JsonNode value) {
		return "« " + (value == null ? "" : value.isTextual() ? value.asText() : value.toString()) + " »";
	}

	private static String child(String pointer, String key) {
		return pointer + "/" + ReferentialValidator.escape(key);
	}

	private static JsonSchema load() {
		try (InputStream in = ReferentialSchema.class.getClassLoader().getResourceAsStream(LOCATION)) {
			if (in == null) {
				throw new IllegalStateException(LOCATION + " is not on the class path");
			}
			JsonNode schema = new ObjectMapper().readTree(in);
			SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
				.pathType(PathType.JSON_POINTER)
				.regularExpressionFactory(ReferentialSchema::ecmaScript)
				.build();
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Unreadable " + LOCATION, e);
		}
	}

	/**
	 * A schema's pattern is an ECMA-262 regular expression, where {@code $} ends the text; in
	 * {@code java.util.regex} it would also match before a final line break, and let {@code "E01\n"} pass
	 * as an id. So {@code $} outside a character class is read as {@code \z}; the rest is the same in both.
	 */
	static RegularExpression ecmaScript(String regex) {
		StringBuilder java = new StringBuilder();
		boolean inClass = false;
		for (int i = 0; i < regex.length(); i++) {
			char c = regex.charAt(i);
			if (c == '\\' && i + 1 < regex.length()) {
				java.append(c).append(regex.charAt(++i));
				continue;
			}
			if (c == '[') {
				inClass = true;
			}
			else if (c == ']') {
				inClass = false;
			}
			java.append(c == '$' && !inClass ? "\\z" : String.valueOf(c));
		}
		Pattern pattern = Pattern.compile(java.toString());
		return value -> pattern.matcher(value).find();
	}

}
