package fr.jalon.review;

import java.util.LinkedHashSet;
import java.util.Set;

import fr.jalon.referential.Referential;

/**
 * The names of a task's form fields, which the pages' form, its drafts and the API's drafts share:
 * {@code level.<criterion>} and {@code comment.<criterion>} when the step assesses, {@code indicator.<id>} when it
 * records indicator targets or values, {@code data.<field>} for the data its stage rules ask, then {@code outcome}
 * and {@code comment}.
 */
public final class TaskFields {

	public static final String LEVEL = "level.";

	public static final String CRITERION_COMMENT = "comment.";

	public static final String INDICATOR = "indicator.";

	public static final String DATA = "data.";

	public static final String OUTCOME = "outcome";

	public static final String COMMENT = "comment";

	private TaskFields() {
	}

	/** Every field name the task's form has, in the form's order. */
	public static Set<String> of(TaskView task, Referential referential) {
		Set<String> names = new LinkedHashSet<>();
		boolean assesses = task.assessmentSource() != null;
		referential.criteria().forEach(criterion -> {
			if (assesses) {
				names.add(LEVEL + criterion.id());
				names.add(CRITERION_COMMENT + criterion.id());
			}
			if (task.indicatorField() != null) {
				criterion.indicators().forEach(indicator -> names.add(INDICATOR + indicator.id()));
			}
		});
		referential.stageRules()
			.stream()
			.filter(rule -> rule.step().equals(task.key()))
			.flatMap(rule -> rule.fields().stream())
			.filter(field -> referential.field(field).isPresent())
			.forEach(field -> names.add(DATA + field));
		names.add(OUTCOME);
		names.add(COMMENT);
		return names;
	}

	/**
	 * The form's field an API error's field points at ({@code assessment.E01.level}, {@code indicators.X.target},
	 * {@code data.f}, {@code outcome}, {@code comment}); null when it names none.
	 */
	public static String ofApiField(String field) {
		if (field == null) {
			return null;
		}
		if (field.startsWith("assessment.")) {
			String rest = field.substring("assessment.".length());
			return rest.endsWith(".comment") ? CRITERION_COMMENT + rest.substring(0, rest.length() - ".comment".length())
					: LEVEL + (rest.endsWith(".level") ? rest.substring(0, rest.length() - ".level".length()) : rest);
		}
		if (field.startsWith("indicators.")) {
			String rest = field.substring("indicators.".length());
			int dot = rest.lastIndexOf('.');
			boolean named = rest.endsWith(".target") || rest.endsWith(".value");
			return INDICATOR + (named && dot > 0 ? rest.substring(0, dot) : rest);
		}
		if (field.startsWith(DATA) || field.startsWith(LEVEL) || field.startsWith(CRITERION_COMMENT)
				|| field.startsWith(INDICATOR) || field.equals(OUTCOME) || field.equals(COMMENT)) {
			return field;
		}
		return null;
	}

	/** The form's field an incomplete task's {@code missing} entry points at; null for a document. */
	public static String ofMissing(String entry) {
		if (entry.startsWith("assessment:")) {
			return LEVEL + entry.substring("assessment:".length());
		}
		if (entry.startsWith("indicator:")) {
			return INDICATOR + entry.substring("indicator:".length());
		}
		if (entry.startsWith("field:")) {
			return DATA + entry.substring("field:".length());
		}
		return entry.equals(COMMENT) ? COMMENT : null;
	}

}
