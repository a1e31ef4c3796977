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
 * A candidacy's dossier read against its referential version, as the commissions see it: per
 * criterion the level each source gave, per indicator its target and value, and which stage
 * rules pass or fail and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(String candidacyId, String programme, int referentialVersion, List<Level> scale,
		List<Referential.Label> sources, List<CriterionEvaluation> criteria, List<IndicatorEvaluation> indicators, List<RuleResult> rules) {

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record CriterionEvaluation(String id, String dimension, String title, Map<String, String> levels,
			Map<String, String> comments) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record IndicatorEvaluation(String id, String criterion, String title, String unit,
			Referential.Direction better, Double target, Double value, Boolean met) {
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
				sources, criteria, indicators, referential.evaluate(dossier));
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
