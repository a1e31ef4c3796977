package fr.jalon.referential;

import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Reads a candidate version of a referential, a raw document (JSON or YAML read as a tree), and reports
 * every fault, each located by a JSON Pointer (RFC 6901) into the document, e.g.
 * {@code /stageRules/1/minimumLevels/E21}, with a short French message. The shape is the schema's
 * ({@link ReferentialSchema}); this class checks only what a schema cannot: that ids are unique and that
 * each reference names something declared. Faults come in the document's order. A valid document is bound,
 * strictly, to a {@link Referential}. A pure function: no I/O, nothing stored.
 */
public final class ReferentialValidator {

	/** The status a withdrawn candidacy reaches, which every programme has. */
	static final String WITHDRAWN = "WITHDRAWN";

	/** One fault: where it is ({@code field}, a JSON Pointer) and what is wrong, in French. */
	public record Fault(String field, String message) {
	}

	/** Either the faults of the document, or the referential it holds (its {@code status} dropped). */
	public record Result(List<Fault> faults, Referential referential) {

		public boolean valid() {
			return faults.isEmpty();
		}

	}

	/** Unknown keys fail, as in the schema; after the schema passed, nothing else can. */
	private static final ObjectMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private final JsonNode document;

	private final List<Fault> faults = new ArrayList<>();

	/** Ids declared in the document, by kind. */
	private final Set<String> levels = new HashSet<>();

	private final Set<String> criteria = new HashSet<>();

	private final Set<String> statuses = new HashSet<>();

	private final Set<String> roles = new HashSet<>();

	private final Set<String> sources = new HashSet<>(Set.of(Referential.SELF));

	private final Set<String> documentTypes = new HashSet<>();

	/** Declared fields and their types. */
	private final Map<String, String> fields = new HashMap<>();

	private ReferentialValidator(JsonNode document) {
		this.document = document;
	}

	/**
	 * The faults of that document, or the referential it holds: its shape per the schema, its programme the
	 * expected one (any if null), its version number not among the existing ones, its stage rules naming
	 * known steps (any if none is known), and its references declared.
	 */
	public static Result read(JsonNode document, String expectedProgramme, Set<Integer> existingVersions,
			Set<String> knownSteps) {
		JsonNode candidate = document == null || document.isMissingNode() ? NullNode.getInstance() : document;
		List<Fault> faults = new ArrayList<>(ReferentialSchema.faults(candidate));
		if (candidate.isObject()) {
			Set<String> located = new HashSet<>();
			faults.forEach(fault -> located.add(fault.field()));
			ReferentialValidator validator = new ReferentialValidator(candidate);
			validator.check(expectedProgramme, existingVersions == null ? Set.of() : existingVersions,
					knownSteps == null ? Set.of() : knownSteps);
			// Where the schema already found a fault, it says enough.
			validator.faults.stream().filter(fault -> !located.contains(fault.field())).forEach(faults::add);
		}
		if (!faults.isEmpty()) {
			return new Result(inDocumentOrder(candidate, new ArrayList<>(new LinkedHashSet<>(faults))), null);
		}
		try {
			return new Result(List.of(), STRICT.treeToValue(candidate, Referential.class).withStatus(null));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("A referential that passed its schema does not bind: the schema and "
					+ Referential.class.getName() + " disagree", e);
		}
	}

	private void check(String expectedProgramme, Set<Integer> existingVersions, Set<String> knownSteps) {
		String programme = text(document, "programme");
		if (programme != null && expectedProgramme != null && !expectedProgramme.equals(programme)) {
			fault("/programme", "programme « " + programme + " » différent de « " + expectedProgramme + " »");
		}
		JsonNode version = document.path("version");
		if (version.isIntegralNumber() && existingVersions.contains(version.asInt())) {
			fault("/version", "la version " + version.asInt() + " existe déjà");
		}
		declarations();
		stageRules(knownSteps);
		certificates(knownSteps);
		deadlines();
		campaigns();
		subsidies();
		eligibility();
	}

	/** The ids each kind declares, each unique in its kind; criteria and indicators share one namespace. */
	private void declarations() {
		unique("/scale", "id", "niveau", levels);
		Map<String, String> dimensions = new HashMap<>();
		Map<String, String> criteriaAndIndicators = new HashMap<>();
		Map<String, String> notions = new HashMap<>();
		each("/dimensions", (dimension, at) -> {
			unique(dimension, at, "id", "dimension", dimensions);
			each(dimension, at + "/criteria", (criterion, criterionAt) -> {
				String id = unique(criterion, criterionAt, "id", "critère", criteriaAndIndicators);
				if (id != null) {
					criteria.add(id);
				}
				each(criterion, criterionAt + "/notions",
						(notion, notionAt) -> unique(notion, notionAt, "id", "notion", notions));
				each(criterion, criterionAt + "/indicators",
						(indicator, indicatorAt) -> unique(indicator, indicatorAt, "id", "indicateur", criteriaAndIndicators));
			});
		});
		unique("/stages", "id", "étape", new HashSet<>());
		unique("/statuses", "id", "statut", statuses);
		unique("/roles", "id", "rôle", roles);
		each("/statuses", (status, at) -> {
			String id = text(status, "id");
			if ("IN_PROGRESS".equals(id) || "WITHDRAWN".equals(id)) {
				fault(at + "/id", id + " est un état de la plateforme, pas une fin que déclare un programme");
			}
		});
		each("/roles", (role, at) -> {
			String id = text(role, "id");
			if (fr.jalon.security.Role.isPlatform(id)) {
				fault(at + "/id", id + " est un rôle de la plateforme, pas un rôle d'instruction");
			}
			else if (id != null && !id.matches("[A-Z][A-Z0-9_]{0,63}")) {
				fault(at + "/id", "identifiant de rôle « " + id + " » : majuscules, chiffres et _ (par exemple JURY_REGIONAL)");
			}
		});
		if (document.has("stages") && document.path("stages").isArray() && document.path("stages").isEmpty()) {
			fault("/stages", "au moins une étape");
		}
		each("/assessmentSources", (source, at) -> {
			String id = text(source, "id");
			if (Referential.SELF.equals(id)) {
				fault(at + "/id", "SELF, l'auto-évaluation de la collectivité, est déjà une source de tout programme");
			}
		});
		unique("/assessmentSources", "id", "source", sources);
		unique("/documentTypes", "id", "type de document", documentTypes);
		Map<String, String> fieldIds = new HashMap<>();
		each("/fields", (field, at) -> {
			String id = unique(field, at, "id", "donnée", fieldIds);
			if (id != null) {
				fields.putIfAbsent(id, text(field, "type"));
			}
		});
		unique("/certificates", "kind", "certificat", new HashSet<>());
		unique("/stageRules", "id", "règle", new HashSet<>());
		unique("/eligibility", "id", "condition", new HashSet<>());
		unique("/subsidies", "id", "aide", new HashSet<>());
	}

	private void stageRules(Set<String> knownSteps) {
		each("/stageRules", (rule, at) -> {
			String step = text(rule, "step");
			if (step != null && !knownSteps.isEmpty() && !knownSteps.contains(step)) {
				fault(at + "/step", "étape inconnue « " + step + " »");
			}
			eachText(rule, at + "/documents", (type, typeAt) -> {
				if (!documentTypes.contains(type)) {
					fault(typeAt, "type de document non déclaré « " + type + " » (documentTypes)");
				}
			});
			eachText(rule, at + "/fields", (field, fieldAt) -> {
				if (!fields.containsKey(field)) {
					fault(fieldAt, "donnée non déclarée « " + field + " » (fields)");
				}
			});
			String source = text(rule, "source");
			if (source != null && !sources.contains(source)) {
				fault(at + "/source", "source non déclarée « " + source + " » (SELF ou assessmentSources)");
			}
			Iterator<Map.Entry<String, JsonNode>> minimumLevels = rule.path("minimumLevels").fields();
			while (minimumLevels.hasNext()) {
				Map.Entry<String, JsonNode> minimum = minimumLevels.next();
				String levelAt = at + "/minimumLevels/" + escape(minimum.getKey());
				if (!criteria.contains(minimum.getKey())) {
					fault(levelAt, "critère inconnu « " + minimum.getKey() + " »");
				}
				if (minimum.getValue().isTextual() && !levels.contains(minimum.getValue().asText())) {
					fault(levelAt, "niveau « " + minimum.getValue().asText() + " » absent de l'échelle");
				}
			}
			String shareLevel = text(rule.path("minimumShare"), "level");
			if (shareLevel != null && !levels.contains(shareLevel)) {
				fault(at + "/minimumShare/level", "niveau « " + shareLevel + " » absent de l'échelle");
			}
		});
	}

	private void certificates(Set<String> knownSteps) {
		each("/certificates", (certificate, at) -> {
			String event = text(certificate.path("grantedBy"), "event");
			if (event != null && !statuses.contains(event) && !knownSteps.isEmpty() && !knownSteps.contains(event)) {
				fault(at + "/grantedBy/event", "ni statut déclaré ni étape du processus : « " + event + " »");
			}
			eachText(certificate, at + "/revokedBy", (status, statusAt) -> {
				if (!WITHDRAWN.equals(status) && !statuses.contains(status)) {
					fault(statusAt, "statut non déclaré « " + status + " » (WITHDRAWN ou statuses)");
				}
			});
		});
	}

	private void deadlines() {
		Iterator<Map.Entry<String, JsonNode>> deadlines = document.path("deadlines").fields();
		while (deadlines.hasNext()) {
			Map.Entry<String, JsonNode> deadline = deadlines.next();
			String at = "/deadlines/" + escape(deadline.getKey());
			role(deadline.getValue(), at, "escalateTo");
			Period due = period(text(deadline.getValue(), "due"));
			eachText(deadline.getValue(), at + "/reminders", (reminder, reminderAt) -> {
				Period early = period(reminder);
				if (due != null && early != null && months(early) >= months(due)) {
					fault(reminderAt, "relance « " + reminder + " » pas avant l'échéance « " + text(deadline.getValue(), "due")
							+ " »");
				}
			});
		}
	}

	private void campaigns() {
		role(document.path("campaigns"), "/campaigns", "announcedBy");
		String stage = text(document.path("campaigns"), "announcementStage");
		boolean declared = false;
		for (JsonNode declaredStage : document.path("stages")) {
			declared |= stage != null && stage.equals(text(declaredStage, "id"));
		}
		if (stage != null && !declared) {
			fault("/campaigns/announcementStage", "étape non déclarée « " + stage + " » (stages)");
		}
		if (document.path("campaigns").isObject() && stage == null) {
			fault("/campaigns/announcementStage", "obligatoire : l'étape où les candidatures retenues attendent l'annonce");
		}
	}

	private void subsidies() {
		each("/subsidies", (subsidy, at) -> {
			field(subsidy, at + "/cost", text(subsidy, "cost"), "number");
			JsonNode raised = subsidy.path("raisedCap");
			field(raised, at + "/raisedCap/when", text(raised, "when"), "boolean");
			JsonNode cap = subsidy.path("cap");
			JsonNode raisedCap = raised.path("cap");
			if (cap.isNumber() && raisedCap.isNumber() && raisedCap.doubleValue() < cap.doubleValue()) {
				fault(at + "/raisedCap/cap", "plafond relevé " + raisedCap.asText() + " inférieur au plafond " + cap.asText());
			}
		});
	}

	private void eligibility() {
		each("/eligibility", (rule, at) -> {
			JsonNode min = rule.path("min");
			JsonNode max = rule.path("max");
			if (min.isNumber() && max.isNumber() && min.doubleValue() > max.doubleValue()) {
				fault(at + "/min", "min " + min.asText() + " supérieur à max " + max.asText());
			}
		});
	}

	/** The role a key of that object names, which must be declared. */
	private void role(JsonNode node, String at, String key) {
		String role = text(node, key);
		if (role != null && !roles.contains(role)) {
			fault(at + "/" + key, "rôle non déclaré « " + role + " » (roles)");
		}
	}

	/** A field a subsidy computes from, which must be declared, of that type. */
	private void field(JsonNode node, String at, String field, String type) {
		if (field == null) {
			return;
		}
		if (!fields.containsKey(field)) {
			fault(at, "donnée non déclarée « " + field + " » (fields)");
		}
		else if (fields.get(field) != null && !type.equals(fields.get(field))) {
			fault(at, "donnée « " + field + " » de type " + fields.get(field) + " : type " + type + " attendu");
		}
	}

	private void unique(String array, String key, String kind, Set<String> ids) {
		Map<String, String> seen = new HashMap<>();
		each(array, (item, at) -> unique(item, at, key, kind, seen));
		ids.addAll(seen.keySet());
	}

	/** The item's id, if it has one; a fault if an earlier item of the same kind (in {@code seen}) has it. */
	private String unique(JsonNode item, String at, String key, String kind, Map<String, String> seen) {
		String id = text(item, key);
		if (id == null) {
			return null;
		}
		String first = seen.putIfAbsent(id, at);
		if (first != null) {
			fault(at + "/" + key, kind + " : identifiant « " + id + " » déjà utilisé en " + first);
		}
		return id;
	}

	private interface Item {

		void at(JsonNode node, String pointer);

	}

	private void each(String array, Item action) {
		each(document, array, action);
	}

	/** Each object of the array at that pointer (relative to {@code node}, whose own pointer it starts with). */
	private static void each(JsonNode node, String array, Item action) {
		JsonNode items = node.path(array.substring(array.lastIndexOf('/') + 1));
		for (int i = 0; i < items.size() && items.isArray(); i++) {
			if (items.get(i).isObject()) {
				action.at(items.get(i), array + "/" + i);
			}
		}
	}

	private interface Text {

		void at(String value, String pointer);

	}

	/** Each text of the array at that pointer. */
	private static void eachText(JsonNode node, String array, Text action) {
		JsonNode items = node.path(array.substring(array.lastIndexOf('/') + 1));
		for (int i = 0; i < items.size() && items.isArray(); i++) {
			if (items.get(i).isTextual()) {
				action.at(items.get(i).asText(), array + "/" + i);
			}
		}
	}

	private static String text(JsonNode node, String key) {
		JsonNode value = node.path(key);
		return value.isTextual() ? value.asText() : null;
	}

	private static Period period(String text) {
		try {
			return text == null ? null : Period.parse(text);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	private static double months(Period period) {
		return period.toTotalMonths() + period.getDays() / 30.0;
	}

	private void fault(String field, String message) {
		faults.add(new Fault(field, message));
	}

	/**
	 * The faults in the order of the document: each where its pointer starts, a missing key where its
	 * nearest present parent does; faults at the same place keep their order.
	 */
	private static List<Fault> inDocumentOrder(JsonNode document, List<Fault> faults) {
		Map<String, Integer> order = new HashMap<>();
		number(document, "", order);
		faults.sort(Comparator.comparingInt(fault -> position(fault.field(), order)));
		return List.copyOf(faults);
	}

	private static int position(String pointer, Map<String, Integer> order) {
		String path = pointer;
		while (!order.containsKey(path) && !path.isEmpty()) {
			path = path.substring(0, Math.max(0, path.lastIndexOf('/')));
		}
		return order.getOrDefault(path, 0);
	}

	private static void number(JsonNode node, String pointer, Map<String, Integer> order) {
		order.put(pointer, order.size());
		if (node.isObject()) {
			node.fields().forEachRemaining(entry -> number(entry.getValue(), pointer + "/" + escape(entry.getKey()), order));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				number(node.get(i), pointer + "/" + i, order);
			}
		}
	}

	/** RFC 6901: "~" becomes "~0" and "/" becomes "~1" in a reference token. */
	static String escape(String token) {
		return token == null ? "" : token.replace("~", "~0").replace("/", "~1");
	}

}
