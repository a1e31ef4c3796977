package fr.jalon.referential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import fr.jalon.security.ScopeKind;

/**
 * One version of a programme's referential: what the programme declares (its French name, stages,
 * end statuses, reviewer roles, document types, data fields, certificates, deadlines, whether it runs
 * campaigns), the scale of assessment levels, the tree of dimensions, criteria (commitments) and
 * indicators, and the rules that completing each step requires. With its process (BPMN), it is the
 * whole programme: the engine reads both and names none of it. What
 * {@code GET /api/referentials/{programme}} returns can be sent back as a new version.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "programme", "version", "status", "title", "name", "description", "campaigns", "stages",
		"statuses", "roles", "assessmentSources", "documentTypes", "fields", "certificates", "deadlines", "scale",
		"dimensions", "stageRules", "eligibility", "subsidies" })
public record Referential(String programme, int version, String status, String title, String name,
		String description, Campaigns campaigns, List<Label> stages, List<EndStatus> statuses, List<RoleDeclaration> roles,
		List<Label> assessmentSources, List<Label> documentTypes, List<Field> fields,
		List<CertificateDeclaration> certificates, Map<String, Deadline> deadlines, List<Level> scale,
		List<Dimension> dimensions, List<StageRule> stageRules, List<EligibilityRule> eligibility,
		List<Subsidy> subsidies) {

	/** The assessment source of the collectivité itself, which every programme has. */
	public static final String SELF = "SELF";

	public Referential {
		stages = listOf(stages);
		statuses = listOf(statuses);
		roles = listOf(roles);
		assessmentSources = listOf(assessmentSources);
		documentTypes = listOf(documentTypes);
		fields = listOf(fields);
		certificates = listOf(certificates);
		scale = listOf(scale);
		dimensions = listOf(dimensions);
		stageRules = listOf(stageRules);
		eligibility = listOf(eligibility);
		subsidies = listOf(subsidies);
		deadlines = deadlines == null ? Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(deadlines));
	}

	/**
	 * An unmodifiable copy that keeps empty items (an empty {@code -} in YAML), so that the
	 * validator reports them where they are instead of the parser failing without a location.
	 */
	static <T> List<T> listOf(List<T> items) {
		return items == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(items));
	}

	Referential withStatus(String newStatus) {
		return new Referential(programme, version, newStatus, title, name, description, campaigns, stages, statuses,
				roles, assessmentSources, documentTypes, fields, certificates, deadlines, scale, dimensions, stageRules,
				eligibility, subsidies);
	}

	/** This content as the draft of another version number, to edit and upload. */
	public Referential asDraft(int newVersion) {
		return new Referential(programme, newVersion, null, title, name, description, campaigns, stages, statuses,
				roles, assessmentSources, documentTypes, fields, certificates, deadlines, scale, dimensions, stageRules,
				eligibility, subsidies);
	}

	// --- what the programme declares

	/** Whether candidacies of this programme enter through campaigns. */
	@JsonIgnore
	public boolean runsCampaigns() {
		return campaigns != null;
	}

	public Optional<Label> stage(String id) {
		return stages.stream().filter(stage -> stage.id().equals(id)).findFirst();
	}

	public Optional<EndStatus> endStatus(String id) {
		return statuses.stream().filter(status -> status.id().equals(id)).findFirst();
	}

	public Optional<RoleDeclaration> role(String id) {
		return roles.stream().filter(role -> role.id().equals(id)).findFirst();
	}

	public Optional<Label> documentType(String id) {
		return documentTypes.stream().filter(type -> type.id().equals(id)).findFirst();
	}

	public Optional<Field> field(String id) {
		return fields.stream().filter(field -> field.id().equals(id)).findFirst();
	}

	public Optional<CertificateDeclaration> certificate(String kind) {
		return certificates.stream().filter(certificate -> certificate.kind().equals(kind)).findFirst();
	}

	/** The label of an assessment source: the collectivité's own, or one the programme declares. */
	public Optional<Label> assessmentSource(String id) {
		if (SELF.equals(id)) {
			return Optional.of(new Label(SELF, "Auto-évaluation"));
		}
		return assessmentSources.stream().filter(source -> source.id().equals(id)).findFirst();
	}

	@JsonIgnore
	public Stream<Criterion> criteria() {
		return dimensions.stream().flatMap(dimension -> dimension.criteria().stream());
	}

	@JsonIgnore
	public Stream<Indicator> indicators() {
		return criteria().flatMap(criterion -> criterion.indicators().stream());
	}

	public boolean hasCriterion(String id) {
		return criteria().anyMatch(criterion -> criterion.id().equals(id));
	}

	public boolean hasIndicator(String id) {
		return indicators().anyMatch(indicator -> indicator.id().equals(id));
	}

	public boolean hasLevel(String id) {
		return scale.stream().anyMatch(level -> level.id().equals(id));
	}

	/**
	 * What the dossier still lacks to complete that step, as API entries: {@code document:<type>},
	 * {@code assessment:<criterionId>}, {@code indicator:<indicatorId>}. Only absent data counts
	 * here; thresholds (levels, shares) are decision support, shown by {@link #evaluate}.
	 * Assessments are read from the rule's {@code source}, else from {@code stepSource}.
	 */
	public List<String> missing(String step, Dossier dossier, String stepSource) {
		List<String> missing = new ArrayList<>();
		for (StageRule rule : stageRules) {
			if (rule.step().equals(step)) {
				missing.addAll(absent(rule, dossier, rule.source() != null ? rule.source() : stepSource));
			}
		}
		return missing.stream().distinct().toList();
	}

	/** Every stage rule checked against the dossier: whether it passes, and why not. */
	public List<RuleResult> evaluate(Dossier dossier) {
		List<RuleResult> results = new ArrayList<>();
		for (StageRule rule : stageRules) {
			List<String> reasons = shortfalls(rule, dossier).stream().map(Shortfall::text).toList();
			results.add(new RuleResult(rule.id(), rule.step(), rule.title(), reasons.isEmpty(), reasons));
		}
		return results;
	}

	/**
	 * Why the dossier falls short of one stage rule, each reason with what it concerns (the reasons of
	 * {@link #evaluate}, as data): empty when the rule passes.
	 */
	public List<Shortfall> shortfalls(StageRule rule, Dossier dossier) {
		String source = rule.source() != null ? rule.source() : SELF;
		List<Shortfall> reasons = new ArrayList<>();
		for (String entry : absent(rule, dossier, source)) {
			int colon = entry.indexOf(':');
			reasons.add(new Shortfall(colon < 0 ? entry : entry.substring(0, colon),
					colon < 0 ? null : entry.substring(colon + 1), null, null, absence(entry)));
		}
		reasons.addAll(belowThresholds(rule, dossier.levelsOf(source), dossier));
		return reasons;
	}

	/** Whether a measured value meets its target, in the indicator's better direction; null if either is absent. */
	public static Boolean met(Indicator indicator, Double target, Double value) {
		if (target == null || value == null) {
			return null;
		}
		return indicator.better() == Direction.LOWER ? value <= target : value >= target;
	}

	private List<String> absent(StageRule rule, Dossier dossier, String source) {
		List<String> missing = new ArrayList<>();
		rule.documents()
			.stream()
			.filter(type -> !dossier.documentTypes().contains(type))
			.forEach(type -> missing.add("document:" + type));
		if (rule.requiresAll(rule.criteriaAssessed())) {
			criteria().filter(criterion -> !dossier.levelsOf(source).containsKey(criterion.id()))
				.forEach(criterion -> missing.add("assessment:" + criterion.id()));
		}
		if (rule.requiresAll(rule.indicatorTargets())) {
			indicators().filter(indicator -> !dossier.targets().containsKey(indicator.id()))
				.forEach(indicator -> missing.add("indicator:" + indicator.id()));
		}
		if (rule.requiresAll(rule.indicatorValues())) {
			indicators().filter(indicator -> !dossier.values().containsKey(indicator.id()))
				.forEach(indicator -> missing.add("indicator:" + indicator.id()));
		}
		rule.fields()
			.stream()
			.filter(field -> !dossier.fields().contains(field))
			.forEach(field -> missing.add("field:" + field));
		return missing;
	}

	/** A level as its scale names it (« Satisfaisant »), or its id when the scale does not declare it. */
	private String levelLabel(String id) {
		return scale.stream().filter(level -> level.id().equals(id)).map(Level::label).findFirst().orElse(id);
	}

	/** An entry of {@link #absent} in French, with the labels this referential declares. */
	private String absence(String entry) {
		int colon = entry.indexOf(':');
		String kind = colon < 0 ? entry : entry.substring(0, colon);
		String id = colon < 0 ? "" : entry.substring(colon + 1);
		return switch (kind) {
			case "document" -> "Document manquant : " + documentType(id).map(Label::label).orElse(id);
			case "assessment" -> "Engagement non évalué : " + id
					+ criteria().filter(criterion -> criterion.id().equals(id)).map(c -> " — " + c.title()).findFirst().orElse("");
			case "indicator" -> "Indicateur non renseigné : " + id
					+ indicators().filter(indicator -> indicator.id().equals(id)).map(i -> " — " + i.title()).findFirst().orElse("");
			case "field" -> "Donnée non renseignée : " + field(id).map(Field::label).orElse(id);
			default -> "Manquant : " + entry;
		};
	}

	private List<Shortfall> belowThresholds(StageRule rule, Map<String, String> levels, Dossier dossier) {
		List<Shortfall> reasons = new ArrayList<>();
		if (rule.minimumLevels() != null) {
			rule.minimumLevels().forEach((criterion, minimum) -> {
				String level = levels.get(criterion);
				if (level == null || rank(level) < rank(minimum)) {
					reasons.add(new Shortfall("minimumLevel", criterion, level, minimum, criterion + " : "
							+ (level == null ? "non évalué" : levelLabel(level)) + ", au moins " + levelLabel(minimum)
							+ " attendu"));
				}
			});
		}
		if (rule.minimumShare() != null) {
			long total = criteria().count();
			long atLevel = criteria().filter(criterion -> levels.containsKey(criterion.id())
					&& rank(levels.get(criterion.id())) >= rank(rule.minimumShare().level()))
				.count();
			double share = total == 0 ? 0 : (double) atLevel / total;
			if (share < rule.minimumShare().share()) {
				reasons.add(new Shortfall("minimumShare", rule.minimumShare().level(), percent(share),
						percent(rule.minimumShare().share()),
						String.format(java.util.Locale.FRANCE, "%d engagement(s) sur %d au niveau %s ou plus (%.0f %% < %.0f %%)",
								atLevel, total, levelLabel(rule.minimumShare().level()), share * 100,
								rule.minimumShare().share() * 100)));
			}
		}
		if (rule.targetsMetShare() != null) {
			long total = indicators().count();
			long met = indicators()
				.filter(indicator -> Boolean.TRUE
					.equals(met(indicator, dossier.targets().get(indicator.id()), dossier.values().get(indicator.id()))))
				.count();
			double share = total == 0 ? 0 : (double) met / total;
			if (share < rule.targetsMetShare()) {
				reasons.add(new Shortfall("targetsMetShare", null, percent(share), percent(rule.targetsMetShare()),
						String.format(java.util.Locale.FRANCE, "%d cible(s) atteinte(s) sur %d (%.0f %% < %.0f %%)", met,
								total, share * 100, rule.targetsMetShare() * 100)));
			}
		}
		return reasons;
	}

	private static String percent(double share) {
		return String.format(java.util.Locale.FRANCE, "%.0f %%", share * 100);
	}

	/** The eligibility rules that these facts about a candidacy do not meet (an absent fact fails its rule). */
	public List<EligibilityRule> unmetEligibility(Map<String, Object> facts) {
		return eligibility.stream().filter(rule -> !rule.isMetBy(facts.get(rule.field()))).toList();
	}

	/** A level's rank on the scale, lowest 0; -1 if it is not on it. */
	public int rank(String level) {
		for (int i = 0; i < scale.size(); i++) {
			if (scale.get(i).id().equals(level)) {
				return i;
			}
		}
		return -1;
	}

	/** Something the programme declares with an id and its French label: a stage, a document type, a source. */
	public record Label(String id, String label) {
	}

	/** How a candidacy ends; {@code success} says whether that end is what the candidacy sought. */
	public record EndStatus(String id, String label, boolean success) {
	}

	/**
	 * A reviewer role the process's candidate groups name ({@code ROLE:${departement}}, {@code ROLE:${region}},
	 * {@code ROLE}): its French label and the kind of scope an account of it has.
	 */
	public record RoleDeclaration(String id, String label, ScopeKind scope) {
	}

	/**
	 * Candidacies enter through campaigns, announced together by an administrator or the {@code announcedBy}
	 * role of the campaign's region, once every candidacy of it is closed or waits at {@code announcementStage}.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Campaigns(String announcedBy, String announcementStage) {
	}

	/** A data field a step records: its French label and its type. */
	public record Field(String id, String label, FieldType type) {
	}

	public enum FieldType {

		@JsonProperty("number")
		NUMBER, @JsonProperty("boolean")
		BOOLEAN, @JsonProperty("text")
		TEXT

	}

	/**
	 * A certificate the programme issues: its kind, its heading, the level it prints, who decided
	 * ({@code {departement}} and {@code {region}} stand for the candidacy's, « du Tarn », « Occitanie »), the
	 * history event that grants it and the events that revoke it; and who issues it, as the page prints it: the
	 * {@code issuer} (the authority named under the State's identity), the {@code signatory}'s title and the
	 * {@code place} where it is made (« Fait à Paris »), each with the same placeholders, each optional (see
	 * {@link #issuingAuthority()}, {@link #signatoryTitle()}, {@link #madeAt()}).
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record CertificateDeclaration(String kind, String heading, String level, String decidedBy, EventMatch grantedBy,
			List<String> revokedBy, String issuer, String signatory, String place) {

		/** Where a certificate is made when its programme does not say. */
		public static final String DEFAULT_PLACE = "Paris";

		public CertificateDeclaration {
			revokedBy = listOf(revokedBy);
		}

		public CertificateDeclaration(String kind, String heading, String level, String decidedBy,
				EventMatch grantedBy, List<String> revokedBy) {
			this(kind, heading, level, decidedBy, grantedBy, revokedBy, null, null, null);
		}

		/** The authority that issues the certificate: {@code issuer}, else who decided. */
		public String issuingAuthority() {
			return issuer == null || issuer.isBlank() ? decidedBy : issuer;
		}

		/** The title of who signs it: {@code signatory}, else who decided. */
		public String signatoryTitle() {
			return signatory == null || signatory.isBlank() ? decidedBy : signatory;
		}

		/** Where it is made: {@code place}, else {@value #DEFAULT_PLACE}. */
		public String madeAt() {
			return place == null || place.isBlank() ? DEFAULT_PLACE : place;
		}

	}

	/** A history event: a status reached (its id) or a step completed (its key), with that outcome if given. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record EventMatch(String event, String outcome) {

		public boolean matches(String recordedEvent, String recordedOutcome) {
			return event.equals(recordedEvent) && (outcome == null || outcome.equals(recordedOutcome));
		}

	}

	/**
	 * One reason a dossier falls short of a stage rule: its {@code kind} ({@code document}, {@code assessment},
	 * {@code indicator}, {@code field} when absent; {@code minimumLevel}, {@code minimumShare},
	 * {@code targetsMetShare} when below), the {@code item} it concerns (the criterion, indicator, document type or
	 * field; the level of a share), the {@code value} found and the one {@code expected} (levels as ids, shares as
	 * « 80 % »), and the reason in French as {@link #evaluate} gives it.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Shortfall(String kind, String item, String value, String expected, String text) {
	}

	/** Whether one stage rule passes for a dossier, and the reasons it does not. */
	public record RuleResult(String id, String step, String title, boolean passed, List<String> reasons) {
	}

	/** An assessment level, lowest first on the scale. */
	public record Level(String id, String label) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Dimension(String id, String title, List<Criterion> criteria) {

		public Dimension {
			criteria = listOf(criteria);
		}

	}

	/** A criterion; for EcoQuartier, one of the commitments ("engagements"). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Criterion(String id, String title, String description, Boolean confirmed, List<Notion> notions,
			List<Indicator> indicators) {

		public Criterion {
			notions = listOf(notions);
			indicators = listOf(indicators);
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Notion(String id, String title) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Indicator(String id, String title, String unit, Direction better) {
	}

	public enum Direction {

		HIGHER, LOWER

	}

	/**
	 * What completing one step of the process requires: documents; every criterion assessed
	 * ({@code criteriaAssessed: all}); every indicator given a target or a value ({@code all});
	 * a minimum level for some criteria; a minimum share of criteria at or above a level; a
	 * minimum share of indicator targets met. Assessments are those of the step's own source
	 * unless {@code source} names another (SELF, COORDINATING_EXPERT, SECOND_EXPERT).
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record StageRule(String id, String step, String title, List<String> documents,
			@JsonProperty("criteriaAssessed") String criteriaAssessed, String indicatorTargets,
			String indicatorValues, Map<String, String> minimumLevels, ShareAtLevel minimumShare,
			Double targetsMetShare, String source, List<String> fields) {

		public StageRule {
			documents = listOf(documents);
			fields = listOf(fields);
		}

		boolean requiresAll(String requirement) {
			return "all".equals(requirement);
		}

	}

	/** At least {@code share} (0 to 1) of the criteria assessed at {@code level} or above. */
	public record ShareAtLevel(String level, Double share) {
	}

	/**
	 * A condition a candidacy must meet to be eligible, on one fact about it ({@code field}, e.g.
	 * {@code population}, {@code actionCoeurDeVille}): a {@code max} or {@code min} for numbers, an
	 * {@code equals} for booleans; {@code at}: the date at which the fact is read (absent: today).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record EligibilityRule(String id, String title, String field, Double min, Double max, Boolean equals,
			FactDate at) {

		public EligibilityRule(String id, String title, String field, Double min, Double max, Boolean equals) {
			this(id, title, field, min, max, equals, null);
		}

		/** The date at which the rule reads its fact: {@code at}, else today. */
		public FactDate readsAt() {
			return at == null ? FactDate.TODAY : at;
		}

		/** Whether this fact meets the rule; an absent fact fails it. */
		public boolean isMetBy(Object fact) {
			if (equals != null) {
				return equals.equals(fact);
			}
			if (!(fact instanceof Number number)) {
				return false;
			}
			double value = number.doubleValue();
			return (min == null || value >= min) && (max == null || value <= max);
		}

	}

	/**
	 * The date at which an eligibility rule reads the facts of a collectivité (its population, its intercommunalité):
	 * the campaign's opening (the day it was created), the candidacy's submission, or today.
	 */
	public enum FactDate {
		@com.fasterxml.jackson.annotation.JsonProperty("campaign")
		CAMPAIGN, @com.fasterxml.jackson.annotation.JsonProperty("submission")
		SUBMISSION, @com.fasterxml.jackson.annotation.JsonProperty("today")
		TODAY
	}

	/**
	 * A yearly subsidy computed from a data field that holds a yearly cost ({@code cost}): {@code rate} of
	 * it, capped at {@code cap}, or at {@code raisedCap.cap} when the yes/no field {@code raisedCap.when} is yes.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Subsidy(String id, String title, String cost, Double rate, Double cap, RaisedCap raisedCap) {

		/** The yearly amount granted, in euros, once the dossier's data hold the cost and the condition. */
		public Optional<Double> amount(Map<String, Object> data) {
			if (!(data.get(cost) instanceof Number annualCost)) {
				return Optional.empty();
			}
			if (raisedCap != null && !(data.get(raisedCap.when()) instanceof Boolean)) {
				return Optional.empty();
			}
			double ceiling = raisedCap != null && Boolean.TRUE.equals(data.get(raisedCap.when())) ? raisedCap.cap() : cap;
			return Optional.of(Math.min(annualCost.doubleValue() * rate, ceiling));
		}

	}

	/** A higher cap, when a yes/no data field is yes. */
	public record RaisedCap(String when, Double cap) {
	}

	/**
	 * A deadline counted from the moment the process starts it, or else from the task it bounds
	 * ({@code due}, an ISO-8601 period such as {@code P18M} or {@code P30D}), with reminders (periods from
	 * the same moment, e.g. {@code P12M}) and, once past, an escalation to the role {@code escalateTo}.
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record Deadline(String title, String due, List<String> reminders, String escalateTo) {

		public Deadline {
			reminders = listOf(reminders);
		}

	}

}
