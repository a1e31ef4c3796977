package fr.jalon.referential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One version of a programme's referential: the scale of assessment levels, the tree of
 * dimensions, criteria (commitments) and indicators, and the rules that completing each step
 * requires. What {@code GET /api/referentials/{programme}} returns can be sent back as a new version.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Referential(String programme, int version, String status, String title, List<Level> scale,
		List<Dimension> dimensions, List<StageRule> stageRules, List<EligibilityRule> eligibility,
		List<Subsidy> subsidies) {

	public Referential {
		scale = scale == null ? List.of() : List.copyOf(scale);
		dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
		stageRules = stageRules == null ? List.of() : List.copyOf(stageRules);
		eligibility = eligibility == null ? List.of() : List.copyOf(eligibility);
		subsidies = subsidies == null ? List.of() : List.copyOf(subsidies);
	}

	Referential withStatus(String newStatus) {
		return new Referential(programme, version, newStatus, title, scale, dimensions, stageRules, eligibility,
				subsidies);
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
	 * {@code assessment:<criterionId>}, {@code indicator:<indicatorId>}.
	 */
	public List<String> missing(String step, Dossier dossier) {
		List<String> missing = new ArrayList<>();
		for (StageRule rule : stageRules) {
			if (!rule.step().equals(step)) {
				continue;
			}
			rule.documents()
				.stream()
				.filter(type -> !dossier.documentTypes().contains(type))
				.forEach(type -> missing.add("document:" + type));
			if (rule.requiresAll(rule.criteriaAssessed())) {
				criteria().filter(criterion -> !dossier.assessedCriteria().contains(criterion.id()))
					.forEach(criterion -> missing.add("assessment:" + criterion.id()));
			}
			if (rule.requiresAll(rule.indicatorTargets())) {
				indicators().filter(indicator -> !dossier.indicatorsWithTarget().contains(indicator.id()))
					.forEach(indicator -> missing.add("indicator:" + indicator.id()));
			}
			if (rule.requiresAll(rule.indicatorValues())) {
				indicators().filter(indicator -> !dossier.indicatorsWithValue().contains(indicator.id()))
					.forEach(indicator -> missing.add("indicator:" + indicator.id()));
			}
		}
		return missing.stream().distinct().toList();
	}

	/** An assessment level, lowest first on the scale. */
	public record Level(String id, String label) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Dimension(String id, String title, List<Criterion> criteria) {

		public Dimension {
			criteria = criteria == null ? List.of() : List.copyOf(criteria);
		}

	}

	/** A criterion; for EcoQuartier, one of the commitments ("engagements"). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Criterion(String id, String title, String description, Boolean confirmed, List<Notion> notions,
			List<Indicator> indicators) {

		public Criterion {
			indicators = indicators == null ? List.of() : List.copyOf(indicators);
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
			Double targetsMetShare, String source) {

		public StageRule {
			documents = documents == null ? List.of() : List.copyOf(documents);
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
	 * {@code equals} for booleans.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record EligibilityRule(String id, String title, String field, Double min, Double max, Boolean equals) {
	}

	/**
	 * A subsidy computed from a cost: {@code rate} of it, capped at {@code cap} a year, or at
	 * {@code capWithAnah} when the ANAH takes part.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Subsidy(String id, String title, Double rate, Double cap, Double capWithAnah) {
	}

}
