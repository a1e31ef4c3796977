package fr.jalon.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.jalon.candidacy.Completion.IndicatorInput;
import fr.jalon.candidacy.Completion.LevelInput;
import fr.jalon.candidacy.Evaluation;
import fr.jalon.referential.Referential;
import fr.jalon.review.TaskCompletion;
import fr.jalon.review.TaskFields;
import fr.jalon.review.TaskView;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.InvalidInput.FieldError;

/**
 * The form of one task, generated from the candidacy's referential version and what the step
 * records: a level and a comment per commitment (criterion) when it assesses, a target or a value
 * per indicator, the documents and data fields its stage rules require, and its outcomes.
 * Field names: {@code level.<criterion>}, {@code comment.<criterion>}, {@code indicator.<id>},
 * {@code data.<field>}, {@code outcome}, {@code comment}.
 */
public record TaskForm(boolean assesses, String indicatorField, List<Referential.Level> scale,
		List<DimensionForm> dimensions, List<String> documents, List<FieldForm> fields, List<String> outcomes) {

	public record DimensionForm(String id, String title, List<CriterionForm> criteria) {
	}

	/**
	 * A criterion's inputs, and beside them, for a step that judges the collectivité's answers (an assessment
	 * under another source than its own), its {@code answer}; null otherwise.
	 */
	public record CriterionForm(String id, String title, String description, List<Referential.Indicator> indicators,
			Answer answer) {
	}

	/** What the collectivité answered for a criterion: its self-assessment (level id, comment) and indicators. */
	public record Answer(String level, String comment, List<Evaluation.IndicatorEvaluation> indicators) {
	}

	/** A data field as the programme declares it: yes/no, a number, or a text. */
	public record FieldForm(String name, String label, boolean yesNo, boolean number) {

		static FieldForm of(Referential.Field field) {
			return new FieldForm(field.id(), field.label(), field.type() == Referential.FieldType.BOOLEAN,
					field.type() == Referential.FieldType.NUMBER);
		}

	}

	static TaskForm of(TaskView task, Referential referential) {
		return of(task, referential, null);
	}

	/** The form, each criterion beside the collectivité's answer when the step judges it (see {@link Answer}). */
	static TaskForm of(TaskView task, Referential referential, Evaluation evaluation) {
		boolean assesses = task.assessmentSource() != null;
		Map<String, Answer> answers = assesses && !Referential.SELF.equals(task.assessmentSource())
				? answers(evaluation) : Map.of();
		String indicatorField = task.indicatorField();
		List<DimensionForm> dimensions = new ArrayList<>();
		if (assesses || indicatorField != null) {
			referential.dimensions()
				.forEach(dimension -> dimensions.add(new DimensionForm(dimension.id(), dimension.title(),
						dimension.criteria()
							.stream()
							.filter(criterion -> assesses || !criterion.indicators().isEmpty())
							.map(criterion -> new CriterionForm(criterion.id(), criterion.title(),
									criterion.description(), indicatorField == null ? List.of() : criterion.indicators(),
									answers.get(criterion.id())))
							.toList())));
			dimensions.removeIf(dimension -> dimension.criteria().isEmpty());
		}
		Set<String> documents = new LinkedHashSet<>();
		Set<String> fields = new LinkedHashSet<>();
		referential.stageRules().stream().filter(rule -> rule.step().equals(task.key())).forEach(rule -> {
			documents.addAll(rule.documents());
			fields.addAll(rule.fields());
		});
		return new TaskForm(assesses, indicatorField, referential.scale(), dimensions, List.copyOf(documents),
				fields.stream().flatMap(name -> referential.field(name).map(FieldForm::of).stream()).toList(),
				task.outcomes());
	}

	private static Map<String, Answer> answers(Evaluation evaluation) {
		Map<String, Answer> answers = new LinkedHashMap<>();
		if (evaluation == null) {
			return answers;
		}
		evaluation.criteria()
			.forEach(criterion -> answers.put(criterion.id(),
					new Answer(criterion.levels().get(Referential.SELF), criterion.comments().get(Referential.SELF),
							evaluation.indicators()
								.stream()
								.filter(indicator -> indicator.criterion().equals(criterion.id()))
								.toList())));
		return answers;
	}

	/** What the dossier already holds for this step, to start the form from. */
	static Map<String, String> prefill(TaskView task, Evaluation evaluation, Labels labels) {
		Map<String, String> values = new LinkedHashMap<>();
		if (evaluation == null) {
			return values;
		}
		if (task.assessmentSource() != null) {
			String source = task.assessmentSource();
			evaluation.criteria().forEach(criterion -> {
				if (criterion.levels().containsKey(source)) {
					values.put("level." + criterion.id(), criterion.levels().get(source));
				}
				if (criterion.comments().containsKey(source)) {
					values.put("comment." + criterion.id(), criterion.comments().get(source));
				}
			});
		}
		if (task.indicatorField() != null) {
			evaluation.indicators().forEach(indicator -> {
				Double known = "target".equals(task.indicatorField()) ? indicator.target() : indicator.value();
				if (known != null) {
					values.put("indicator." + indicator.id(), labels.number(known));
				}
			});
		}
		return values;
	}

	/** The completion the submitted form asks for; every malformed number is reported at once. */
	static TaskCompletion completion(TaskView task, Referential referential, Map<String, String> params) {
		Map<String, LevelInput> assessment = new LinkedHashMap<>();
		Map<String, IndicatorInput> indicators = new LinkedHashMap<>();
		Map<String, Object> data = new LinkedHashMap<>();
		List<FieldError> errors = new ArrayList<>();
		params.forEach((name, raw) -> {
			String value = raw == null ? "" : raw.strip();
			if (value.isEmpty()) {
				return;
			}
			if (name.startsWith("level.") && task.assessmentSource() != null) {
				String criterion = name.substring("level.".length());
				assessment.put(criterion, new LevelInput(value, Pages.param(params, "comment." + criterion)));
			}
			else if (name.startsWith("indicator.") && task.indicatorField() != null) {
				Double number = number(value);
				if (number == null) {
					errors.add(new FieldError(name, "un nombre est attendu"));
				}
				else {
					indicators.put(name.substring("indicator.".length()), "target".equals(task.indicatorField())
							? new IndicatorInput(number, null) : new IndicatorInput(null, number));
				}
			}
			else if (name.startsWith("data.")) {
				String field = name.substring("data.".length());
				FieldForm known = referential.field(field).map(FieldForm::of).orElse(null);
				if (known == null) {
					data.put(field, value); // the service names an undeclared field
				}
				else if (known.yesNo()) {
					data.put(field, Boolean.valueOf("true".equals(value)));
				}
				else if (!known.number()) {
					data.put(field, value);
				}
				else if (number(value) != null) {
					data.put(field, number(value));
				}
				else {
					errors.add(new FieldError(name, "un nombre est attendu"));
				}
			}
		});
		String outcome = Pages.param(params, "outcome");
		if (outcome == null) {
			errors.add(new FieldError("outcome", "choisissez une décision"));
		}
		String comment = Pages.param(params, "comment");
		if (!errors.isEmpty()) {
			throw new InvalidInput("Certaines valeurs sont mal formées.", errors);
		}
		return new TaskCompletion(outcome, comment, assessment, indicators, data);
	}

	/** A French sentence for each entry of an incomplete task's {@code missing} list. */
	static List<String> explain(List<String> missing, TaskView task, Referential referential, Labels labels) {
		Map<String, String> titles = new LinkedHashMap<>();
		referential.criteria().forEach(criterion -> titles.put(criterion.id(), criterion.title()));
		referential.indicators().forEach(indicator -> titles.put(indicator.id(), indicator.title()));
		return missing.stream().map(entry -> {
			int colon = entry.indexOf(':');
			String kind = colon < 0 ? entry : entry.substring(0, colon);
			String id = colon < 0 ? "" : entry.substring(colon + 1);
			String title = id + (titles.containsKey(id) ? " — " + titles.get(id) : "");
			return switch (kind) {
				case "document" -> "Document à déposer : " + labels.document(referential.programme(), id) + ".";
				case "assessment" -> "Engagement à évaluer : " + title + ".";
				case "indicator" -> ("value".equals(task.indicatorField()) ? "Valeur mesurée à renseigner : "
						: "Cible à fixer : ") + title + ".";
				case "field" -> "Champ à renseigner : "
						+ referential.field(id).map(Referential.Field::label).orElse(id) + ".";
				case "comment" -> "Motivez cette décision par un commentaire (vos recommandations).";
				default -> entry;
			};
		}).toList();
	}

	/** A problem of a submitted form, in French; {@code field} is the form's field it is about (null: none). */
	public record Problem(String field, String message) {
	}

	/** Each entry of an incomplete task's {@code missing} list, in French, beside the field it is about. */
	static List<Problem> missing(List<String> missing, TaskView task, Referential referential, Labels labels) {
		List<String> sentences = explain(missing, task, referential, labels);
		List<Problem> problems = new ArrayList<>();
		for (int i = 0; i < missing.size(); i++) {
			problems.add(new Problem(TaskFields.ofMissing(missing.get(i)), sentences.get(i)));
		}
		return problems;
	}

	/** Each fault of an invalid answer, in French, naming its field as the form shows it. */
	static List<Problem> invalid(List<FieldError> errors, TaskView task, Referential referential, Labels labels) {
		return errors.stream().map(error -> {
			String field = TaskFields.ofApiField(error.field());
			String named = field == null ? error.field() : label(field, task, referential, labels);
			return new Problem(field, named + " : " + error.message() + ".");
		}).toList();
	}

	/** What the form calls a field, in French: « Cible de l'indicateur E02-I1 — Part de logements sociaux ». */
	static String label(String field, TaskView task, Referential referential, Labels labels) {
		if (field.startsWith(TaskFields.LEVEL) || field.startsWith(TaskFields.CRITERION_COMMENT)) {
			boolean level = field.startsWith(TaskFields.LEVEL);
			String id = field.substring((level ? TaskFields.LEVEL : TaskFields.CRITERION_COMMENT).length());
			return (level ? "Niveau" : "Commentaire") + " de l'engagement " + id + referential.criteria()
				.filter(criterion -> criterion.id().equals(id))
				.findFirst()
				.map(criterion -> " — " + criterion.title())
				.orElse("");
		}
		if (field.startsWith(TaskFields.INDICATOR)) {
			String id = field.substring(TaskFields.INDICATOR.length());
			return ("target".equals(task.indicatorField()) ? "Cible" : "Valeur mesurée") + " de l'indicateur " + id + referential
				.indicators()
				.filter(indicator -> indicator.id().equals(id))
				.findFirst()
				.map(indicator -> " — " + indicator.title())
				.orElse("");
		}
		if (field.startsWith(TaskFields.DATA)) {
			return labels.field(referential.programme(), field.substring(TaskFields.DATA.length()));
		}
		return switch (field) {
			case TaskFields.OUTCOME -> "Décision";
			case TaskFields.COMMENT -> "Commentaire";
			default -> field;
		};
	}

	/** A number as typed in French or English: spaces ignored, a comma for the decimal point. */
	static Double number(String text) {
		String cleaned = text.replace('\u00a0', ' ').replace('\u202f', ' ').replace(" ", "").replace(',', '.');
		try {
			double value = Double.parseDouble(cleaned);
			return Double.isFinite(value) ? value : null;
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

}
