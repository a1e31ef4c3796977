package fr.jalon.candidacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.jalon.referential.Dossier;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referential.Level;
import fr.jalon.referential.Referential.RuleResult;

/**
 * A candidacy's dossier read against a referential version, as the commissions see it: per
 * criterion the level each source gave, per indicator its target and value, and which stage
 * rules pass or fail and why. {@code referentialVersion} is the version used, {@code ownVersion}
 * the candidacy's own (the one that counts); read under another version, {@code differences}
 * says what that version judges otherwise than the candidacy's own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(String candidacyId, String programme, int referentialVersion, List<Level> scale,
		List<Referential.Label> sources, List<CriterionEvaluation> criteria, List<IndicatorEvaluation> indicators,
		List<RuleResult> rules, Integer ownVersion, Differences differences) {

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record CriterionEvaluation(String id, String dimension, String title, Map<String, String> levels,
			Map<String, String> comments) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record IndicatorEvaluation(String id, String criterion, String title, String unit,
			Referential.Direction better, Double target, Double value, Boolean met) {
	}

	/**
	 * What the version used judges otherwise than the candidacy's own: the rules whose result differs (a rule of
	 * one version only has no result, {@code null}, in the other), the criteria and indicators of one version only,
	 * and the indicators whose target is met under one and not under the other.
	 */
	public record Differences(List<RuleDifference> rules, List<Presence> criteria, List<Presence> indicators,
			List<MetDifference> met) {
	}

	/** A rule passed under the candidacy's own version ({@code passedUnderOwn}) and under the version used. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record RuleDifference(String id, String step, String title, Boolean passedUnderOwn, Boolean passed,
			List<String> reasons, List<String> reasonsUnderOwn) {
	}

	/** A criterion or an indicator that only one of the two versions has ({@code onlyIn}: that version). */
	public record Presence(String id, String title, int onlyIn) {
	}

	/** An indicator's target met under the candidacy's own version ({@code metUnderOwn}) and under the version used. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record MetDifference(String id, String title, Boolean metUnderOwn, Boolean met) {
	}

	static Evaluation of(Candidacy candidacy, Referential referential, Dossier dossier) {
		return of(candidacy, referential, dossier, java.util.Set.of());
	}

	/** The evaluation without the levels and comments of the sealed sources ({@link SealedMarks}). */
	static Evaluation of(Candidacy candidacy, Referential referential, Dossier dossier,
			java.util.Set<String> sealedSources) {
		List<CriterionEvaluation> criteria = referential.dimensions()
			.stream()
			.flatMap(dimension -> dimension.criteria().stream().map(criterion -> {
				Map<String, String> levels = new LinkedHashMap<>();
				Map<String, String> comments = new LinkedHashMap<>();
				candidacy.assessments()
					.stream()
					.filter(assessment -> assessment.criterion().equals(criterion.id()))
					.filter(assessment -> !sealedSources.contains(assessment.source()))
					.sorted(java.util.Comparator.comparingInt(assessment -> sourceRank(referential, assessment.source())))
					.forEach(assessment -> {
						levels.put(assessment.source(), assessment.level());
						if (assessment.comment() != null) {
							comments.put(assessment.source(), assessment.comment());
						}
					});
				return new CriterionEvaluation(criterion.id(), dimension.id(), criterion.title(), levels, comments);
			}))
			.toList();
		List<IndicatorEvaluation> indicators = referential.criteria()
			.flatMap(criterion -> criterion.indicators().stream().map(indicator -> {
				Double target = dossier.targets().get(indicator.id());
				Double value = dossier.values().get(indicator.id());
				return new IndicatorEvaluation(indicator.id(), criterion.id(), indicator.title(), indicator.unit(),
						indicator.better(), target, value, Referential.met(indicator, target, value));
			}))
			.toList();
		List<Referential.Label> sources = new java.util.ArrayList<>();
		referential.assessmentSource(Referential.SELF).ifPresent(sources::add);
		sources.addAll(referential.assessmentSources());
		sources.removeIf(source -> sealedSources.contains(source.id()));
		return new Evaluation(candidacy.id(), candidacy.programmeId(), referential.version(), referential.scale(),
				sources, criteria, indicators, referential.evaluate(dossier), candidacy.referentialVersion(), null);
	}

	/** This evaluation (under another version) with what it judges otherwise than the candidacy's own one. */
	Evaluation against(Evaluation own) {
		return new Evaluation(candidacyId, programme, referentialVersion, scale, sources, criteria, indicators, rules,
				ownVersion, differences(own));
	}

	private Differences differences(Evaluation own) {
		Map<String, RuleResult> ownRules = byId(own.rules, RuleResult::id);
		Map<String, RuleResult> theseRules = byId(rules, RuleResult::id);
		List<RuleDifference> ruleDifferences = new java.util.ArrayList<>();
		rules.forEach(rule -> {
			RuleResult before = ownRules.get(rule.id());
			if (before == null || before.passed() != rule.passed()) {
				ruleDifferences.add(new RuleDifference(rule.id(), rule.step(), rule.title(),
						before == null ? null : before.passed(), rule.passed(), rule.reasons(),
						before == null ? null : before.reasons()));
			}
		});
		own.rules.stream()
			.filter(rule -> !theseRules.containsKey(rule.id()))
			.forEach(rule -> ruleDifferences.add(new RuleDifference(rule.id(), rule.step(), rule.title(), rule.passed(),
					null, null, rule.reasons())));
		List<Presence> criterionPresence = presence(own.criteria, criteria, CriterionEvaluation::id,
				CriterionEvaluation::title, own.referentialVersion);
		List<Presence> indicatorPresence = presence(own.indicators, indicators, IndicatorEvaluation::id,
				IndicatorEvaluation::title, own.referentialVersion);
		Map<String, IndicatorEvaluation> ownIndicators = byId(own.indicators, IndicatorEvaluation::id);
		List<MetDifference> met = indicators.stream()
			.filter(indicator -> ownIndicators.containsKey(indicator.id()))
			.filter(indicator -> !java.util.Objects.equals(ownIndicators.get(indicator.id()).met(), indicator.met()))
			.map(indicator -> new MetDifference(indicator.id(), indicator.title(), ownIndicators.get(indicator.id()).met(),
					indicator.met()))
			.toList();
		return new Differences(List.copyOf(ruleDifferences), criterionPresence, indicatorPresence, met);
	}

	/** The entries of one version only: the candidacy's own version's first, then this one's. */
	private <T> List<Presence> presence(List<T> own, List<T> these, java.util.function.Function<T, String> id,
			java.util.function.Function<T, String> title, int ownNumber) {
		Map<String, T> ownById = byId(own, id);
		Map<String, T> theseById = byId(these, id);
		List<Presence> presence = new java.util.ArrayList<>();
		own.stream().filter(entry -> !theseById.containsKey(id.apply(entry)))
			.forEach(entry -> presence.add(new Presence(id.apply(entry), title.apply(entry), ownNumber)));
		these.stream().filter(entry -> !ownById.containsKey(id.apply(entry)))
			.forEach(entry -> presence.add(new Presence(id.apply(entry), title.apply(entry), referentialVersion)));
		return List.copyOf(presence);
	}

	private static <T> Map<String, T> byId(List<T> entries, java.util.function.Function<T, String> id) {
		Map<String, T> byId = new LinkedHashMap<>();
		entries.forEach(entry -> byId.putIfAbsent(id.apply(entry), entry));
		return byId;
	}

	/** Whether this rule's result differs from the candidacy's own version's (for the pages). */
	public boolean differs(String rule) {
		return differences != null && differences.rules().stream().anyMatch(difference -> difference.id().equals(rule));
	}

	/** The collectivité's own assessment first, then the sources in the order the programme declares them. */
	private static int sourceRank(Referential referential, String source) {
		if (Referential.SELF.equals(source)) {
			return -1;
		}
		List<String> declared = referential.assessmentSources().stream().map(Referential.Label::id).toList();
		return declared.contains(source) ? declared.indexOf(source) : declared.size();
	}

}
