package fr.jalon.referential;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import fr.jalon.referential.Referential.Criterion;
import fr.jalon.referential.Referential.Dimension;
import fr.jalon.referential.Referential.EligibilityRule;
import fr.jalon.referential.Referential.Indicator;
import fr.jalon.referential.Referential.Level;
import fr.jalon.referential.Referential.Notion;
import fr.jalon.referential.Referential.ShareAtLevel;
import fr.jalon.referential.Referential.StageRule;
import fr.jalon.referential.Referential.Subsidy;
import fr.jalon.system.PlainText;

/**
 * Checks a candidate version of a referential and reports every fault, each located by a JSON
 * Pointer (RFC 6901) into the submitted document, e.g. {@code /stageRules/1/minimumLevels/E21}.
 * A pure function: no I/O, nothing stored.
 */
final class ReferentialValidator {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

	private static final Pattern DOCUMENT_TYPE = Pattern.compile("[a-z0-9-]{1,64}");

	private Set<String> sources = Set.of(Referential.SELF);

	/** One fault: where it is ({@code field}, a JSON Pointer) and what is wrong, in French. */
	public record Fault(String field, String message) {
	}

	private final List<Fault> faults = new ArrayList<>();

	/** First location of each id, by kind; criteria and indicators share one namespace. */
	private final Map<String, String> levelIds = new HashMap<>();

	private final Map<String, String> dimensionIds = new HashMap<>();

	private final Map<String, String> criterionAndIndicatorIds = new HashMap<>();

	private final Map<String, String> notionIds = new HashMap<>();

	private final Set<String> criterionIds = new HashSet<>();

	private ReferentialValidator() {
	}

	static List<Fault> validate(Referential candidate, String expectedProgramme, Set<Integer> existingVersions,
			Set<String> knownSteps) {
		ReferentialValidator validator = new ReferentialValidator();
		if (candidate == null) {
			validator.fault("", "référentiel absent");
		}
		else {
			validator.sources = new HashSet<>(Set.of(Referential.SELF));
			candidate.assessmentSources().forEach(source -> validator.sources.add(source == null ? null : source.id()));
			validator.header(candidate, expectedProgramme, existingVersions == null ? Set.of() : existingVersions);
			validator.scale(candidate.scale());
			validator.dimensions(candidate.dimensions());
			validator.stageRules(candidate.stageRules(), knownSteps == null ? Set.of() : knownSteps);
			validator.eligibility(candidate.eligibility());
			validator.subsidies(candidate.subsidies());
			validator.deadlines(candidate.deadlines());
		}
		return List.copyOf(validator.faults);
	}

	private void header(Referential candidate, String expectedProgramme, Set<Integer> existingVersions) {
		if (blank(candidate.programme())) {
			fault("/programme", "obligatoire");
		}
		else if (expectedProgramme != null && !expectedProgramme.equals(candidate.programme())) {
			fault("/programme", "programme « " + candidate.programme() + " » différent de « " + expectedProgramme
					+ " »");
		}
		if (candidate.version() <= 0) {
			fault("/version", "obligatoire, entier positif (reçu " + candidate.version() + ")");
		}
		else if (existingVersions.contains(candidate.version())) {
			fault("/version", "la version " + candidate.version() + " existe déjà");
		}
		if (blank(candidate.title())) {
			fault("/title", "obligatoire");
		}
		else if (candidate.title().length() > 300) {
			fault("/title", "300 caractères au plus");
		}
		else if (!PlainText.isLine(candidate.title())) {
			fault("/title", PlainText.MESSAGE);
		}
	}

	private void scale(List<Level> scale) {
		if (scale.isEmpty()) {
			fault("/scale", "échelle vide : au moins un niveau");
		}
		for (int i = 0; i < scale.size(); i++) {
			String at = "/scale/" + i;
			Level level = scale.get(i);
			if (level == null) {
				fault(at, "niveau vide");
				continue;
			}
			id(at, level.id(), levelIds, "niveau");
			required(at + "/label", level.label());
		}
	}

	private void dimensions(List<Dimension> dimensions) {
		if (dimensions.isEmpty()) {
			fault("/dimensions", "aucune dimension");
		}
		for (int d = 0; d < dimensions.size(); d++) {
			String at = "/dimensions/" + d;
			Dimension dimension = dimensions.get(d);
			if (dimension == null) {
				fault(at, "dimension vide");
				continue;
			}
			id(at, dimension.id(), dimensionIds, "dimension");
			required(at + "/title", dimension.title());
			if (dimension.criteria().isEmpty()) {
				fault(at + "/criteria", "dimension « " + dimension.id() + " » sans critère");
			}
			for (int c = 0; c < dimension.criteria().size(); c++) {
				criterion(at + "/criteria/" + c, dimension.criteria().get(c));
			}
		}
	}

	private void criterion(String at, Criterion criterion) {
		if (criterion == null) {
			fault(at, "critère vide");
			return;
		}
		id(at, criterion.id(), criterionAndIndicatorIds, "critère");
		criterionIds.add(criterion.id());
		required(at + "/title", criterion.title());
		List<Notion> notions = criterion.notions() == null ? List.of() : criterion.notions();
		for (int n = 0; n < notions.size(); n++) {
			String notionAt = at + "/notions/" + n;
			Notion notion = notions.get(n);
			if (notion == null) {
				fault(notionAt, "notion vide");
				continue;
			}
			id(notionAt, notion.id(), notionIds, "notion");
			required(notionAt + "/title", notion.title());
		}
		for (int i = 0; i < criterion.indicators().size(); i++) {
			String indicatorAt = at + "/indicators/" + i;
			Indicator indicator = criterion.indicators().get(i);
			if (indicator == null) {
				fault(indicatorAt, "indicateur vide");
				continue;
			}
			id(indicatorAt, indicator.id(), criterionAndIndicatorIds, "indicateur");
			required(indicatorAt + "/title", indicator.title());
			required(indicatorAt + "/unit", indicator.unit());
			if (indicator.better() == null) {
				fault(indicatorAt + "/better", "obligatoire : HIGHER ou LOWER");
			}
		}
	}

	private void stageRules(List<StageRule> rules, Set<String> knownSteps) {
		Map<String, String> ruleIds = new HashMap<>();
		for (int r = 0; r < rules.size(); r++) {
			String at = "/stageRules/" + r;
			StageRule rule = rules.get(r);
			if (rule == null) {
				fault(at, "règle vide");
				continue;
			}
			id(at, rule.id(), ruleIds, "règle");
			if (blank(rule.step())) {
				fault(at + "/step", "obligatoire");
			}
			else if (!knownSteps.isEmpty() && !knownSteps.contains(rule.step())) {
				fault(at + "/step", "étape inconnue « " + rule.step() + " »");
			}
			for (int i = 0; i < rule.documents().size(); i++) {
				String type = rule.documents().get(i);
				if (type == null || !DOCUMENT_TYPE.matcher(type).matches()) {
					fault(at + "/documents/" + i, "type de document invalide « " + type + " » (a-z, 0-9, -)");
				}
			}
			all(at + "/criteriaAssessed", rule.criteriaAssessed());
			all(at + "/indicatorTargets", rule.indicatorTargets());
			all(at + "/indicatorValues", rule.indicatorValues());
			if (rule.minimumLevels() != null) {
				rule.minimumLevels().forEach((criterion, level) -> {
					String levelAt = at + "/minimumLevels/" + escape(criterion);
					if (!criterionIds.contains(criterion)) {
						fault(levelAt, "critère inconnu « " + criterion + " »");
					}
					if (level == null || !levelIds.containsKey(level)) {
						fault(levelAt, "niveau « " + level + " » absent de l'échelle");
					}
				});
			}
			ShareAtLevel share = rule.minimumShare();
			if (share != null) {
				if (share.level() == null || !levelIds.containsKey(share.level())) {
					fault(at + "/minimumShare/level", "niveau « " + share.level() + " » absent de l'échelle");
				}
				if (share.share() == null || !(share.share() > 0 && share.share() <= 1)) {
					fault(at + "/minimumShare/share", "part « " + share.share() + " » hors de ]0, 1]");
				}
			}
			Double targetsMet = rule.targetsMetShare();
			if (targetsMet != null && !(targetsMet >= 0 && targetsMet <= 1)) {
				fault(at + "/targetsMetShare", "part « " + targetsMet + " » hors de [0, 1]");
			}
			for (int i = 0; i < rule.fields().size(); i++) {
				String field = rule.fields().get(i);
				if (field == null || !FIELD.matcher(field).matches()) {
					fault(at + "/fields/" + i, "nom de champ invalide « " + field + " » (lettres et chiffres)");
				}
			}
			if (rule.source() != null && !sources.contains(rule.source())) {
				fault(at + "/source", "source inconnue « " + rule.source() + " » (SELF ou une des assessmentSources)");
			}
		}
	}

	private void eligibility(List<EligibilityRule> rules) {
		Map<String, String> ids = new HashMap<>();
		for (int e = 0; e < rules.size(); e++) {
			String at = "/eligibility/" + e;
			EligibilityRule rule = rules.get(e);
			if (rule == null) {
				fault(at, "condition vide");
				continue;
			}
			id(at, rule.id(), ids, "condition");
			required(at + "/field", rule.field());
			if (rule.min() == null && rule.max() == null && rule.equals() == null) {
				fault(at, "ni min, ni max, ni equals : la condition n'exige rien");
			}
			if (rule.min() != null && rule.max() != null && rule.min() > rule.max()) {
				fault(at + "/min", "min " + rule.min() + " supérieur à max " + rule.max());
			}
		}
	}

	private void subsidies(List<Subsidy> subsidies) {
		Map<String, String> ids = new HashMap<>();
		for (int s = 0; s < subsidies.size(); s++) {
			String at = "/subsidies/" + s;
			Subsidy subsidy = subsidies.get(s);
			if (subsidy == null) {
				fault(at, "aide vide");
				continue;
			}
			id(at, subsidy.id(), ids, "aide");
			if (subsidy.rate() == null || !(subsidy.rate() > 0 && subsidy.rate() <= 1)) {
				fault(at + "/rate", "taux « " + subsidy.rate() + " » hors de ]0, 1]");
			}
			if (subsidy.cap() != null && !(subsidy.cap() >= 0)) {
				fault(at + "/cap", "plafond négatif « " + subsidy.cap() + " »");
			}
			if (subsidy.raisedCap() != null && subsidy.raisedCap().cap() != null && subsidy.cap() != null
					&& subsidy.raisedCap().cap() < subsidy.cap()) {
				fault(at + "/raisedCap/cap",
						"plafond relevé " + subsidy.raisedCap().cap() + " inférieur au plafond " + subsidy.cap());
			}
		}
	}

	/** Checks an id's form and that no earlier element of the same kind (in {@code seen}) has it. */
	private void deadlines(Map<String, Referential.Deadline> deadlines) {
		deadlines.forEach((name, deadline) -> {
			String at = "/deadlines/" + escape(name);
			if (deadline == null) {
				fault(at, "échéance vide");
				return;
			}
			java.time.Period due = period(at + "/due", deadline.due());
			for (int i = 0; i < deadline.reminders().size(); i++) {
				java.time.Period reminder = period(at + "/reminders/" + i, deadline.reminders().get(i));
				if (due != null && reminder != null && months(reminder) >= months(due)) {
					fault(at + "/reminders/" + i, "relance « " + deadline.reminders().get(i) + " » pas avant l'échéance");
				}
			}
		});
	}

	private java.time.Period period(String at, String text) {
		try {
			java.time.Period period = java.time.Period.parse(text);
			if (period.isNegative() || period.isZero()) {
				fault(at, "durée « " + text + " » non positive");
				return null;
			}
			return period;
		}
		catch (RuntimeException e) {
			fault(at, "durée ISO-8601 invalide « " + text + " » (ex. P18M)");
			return null;
		}
	}

	private static double months(java.time.Period period) {
		return period.toTotalMonths() + period.getDays() / 30.0;
	}

	private void id(String at, String id, Map<String, String> seen, String kind) {
		String field = at + "/id";
		if (blank(id)) {
			fault(field, "obligatoire");
			return;
		}
		if (!ID.matcher(id).matches()) {
			fault(field, "identifiant invalide « " + id + " » (A-Z, a-z, 0-9, _ . -, 64 au plus)");
		}
		String first = seen.putIfAbsent(id, at);
		if (first != null) {
			fault(field, kind + " : identifiant « " + id + " » déjà utilisé en " + first);
		}
	}

	private void all(String field, String requirement) {
		if (requirement != null && !"all".equals(requirement)) {
			fault(field, "valeur « " + requirement + " » non admise : seule « all » l'est");
		}
	}

	private void required(String field, String value) {
		if (blank(value)) {
			fault(field, "obligatoire");
		}
	}

	private void fault(String field, String message) {
		faults.add(new Fault(field, message));
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/** RFC 6901: "~" becomes "~0" and "/" becomes "~1" in a reference token. */
	private static String escape(String token) {
		return token == null ? "" : token.replace("~", "~0").replace("/", "~1");
	}

}
