package fr.jalon.referential;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.jalon.referential.Referential.Criterion;
import fr.jalon.referential.Referential.Dimension;

/**
 * What changed from one version of a referential to another: for each kind of element, the ids
 * added, removed, and changed with each changed field's values before and after.
 */
public record ReferentialDiff(String programme, int from, int to, Changes scale, Changes dimensions,
		Changes criteria, Changes indicators, Changes stageRules, Changes eligibility, Changes subsidies) {

	public record Changes(List<String> added, List<String> removed, List<Changed> changed) {
	}

	public record Changed(String id, List<FieldChange> fields) {
	}

	public record FieldChange(String field, JsonNode from, JsonNode to) {
	}

	static ReferentialDiff between(Referential a, Referential b, ObjectMapper json) {
		return new ReferentialDiff(a.programme(), a.version(), b.version(),
				compare(a.scale(), b.scale(), Referential.Level::id, Set.of(), json),
				compare(a.dimensions(), b.dimensions(), Dimension::id, Set.of("criteria"), json),
				compare(a.criteria().toList(), b.criteria().toList(), Criterion::id, Set.of("indicators"), json),
				compare(a.indicators().toList(), b.indicators().toList(), Referential.Indicator::id, Set.of(), json),
				compare(a.stageRules(), b.stageRules(), Referential.StageRule::id, Set.of(), json),
				compare(a.eligibility(), b.eligibility(), Referential.EligibilityRule::id, Set.of(), json),
				compare(a.subsidies(), b.subsidies(), Referential.Subsidy::id, Set.of(), json));
	}

	/**
	 * Compares two lists of elements by id; nested lists named in {@code childIds} are compared by
	 * the ids they hold, since their elements are compared as a kind of their own.
	 */
	private static <T> Changes compare(List<T> before, List<T> after, Function<T, String> id, Set<String> childIds,
			ObjectMapper json) {
		Map<String, T> old = index(before, id);
		Map<String, T> current = index(after, id);
		List<String> added = current.keySet().stream().filter(key -> !old.containsKey(key)).toList();
		List<String> removed = old.keySet().stream().filter(key -> !current.containsKey(key)).toList();
		List<Changed> changed = new ArrayList<>();
		for (Map.Entry<String, T> entry : current.entrySet()) {
			T previous = old.get(entry.getKey());
			if (previous == null) {
				continue;
			}
			List<FieldChange> fields = fieldChanges(flatten(json.valueToTree(previous), childIds),
					flatten(json.valueToTree(entry.getValue()), childIds));
			if (!fields.isEmpty()) {
				changed.add(new Changed(entry.getKey(), fields));
			}
		}
		return new Changes(added, removed, changed);
	}

	private static <T> Map<String, T> index(List<T> elements, Function<T, String> id) {
		Map<String, T> index = new LinkedHashMap<>();
		elements.forEach(element -> index.put(id.apply(element), element));
		return index;
	}

	/** The element's fields, with each nested list of children replaced by their ids. */
	private static ObjectNode flatten(JsonNode node, Set<String> childIds) {
		ObjectNode copy = ((ObjectNode) node).deepCopy();
		for (String field : childIds) {
			JsonNode children = copy.get(field);
			if (children != null && children.isArray()) {
				var ids = copy.putArray(field);
				children.forEach(child -> ids.add(child.path("id").asText()));
			}
		}
		return copy;
	}

	private static List<FieldChange> fieldChanges(ObjectNode before, ObjectNode after) {
		List<FieldChange> changes = new ArrayList<>();
		Set<String> names = new java.util.LinkedHashSet<>();
		before.fieldNames().forEachRemaining(names::add);
		after.fieldNames().forEachRemaining(names::add);
		for (Iterator<String> it = names.iterator(); it.hasNext();) {
			String name = it.next();
			JsonNode from = before.get(name);
			JsonNode to = after.get(name);
			if (from == null ? to != null : !from.equals(to)) {
				changes.add(new FieldChange(name, from, to));
			}
		}
		return changes;
	}

}
