package fr.jalon.referential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.jalon.referential.Referential.Criterion;
import fr.jalon.referential.Referential.Dimension;
import fr.jalon.referential.Referential.Direction;
import fr.jalon.referential.Referential.Indicator;
import fr.jalon.referential.Referential.Level;
import fr.jalon.referential.Referential.StageRule;

import org.junit.jupiter.api.Test;

class ReferentialTests {

	private final Referential referential = new Referential("ecoquartier", 1, null, "Test", null, null, null, null,
			null, null, null, null, null, null, null, List.of(new Level("LOW", "Bas"), new Level("HIGH", "Haut")),
			List.of(new Dimension("D1", "Démarche",
					List.of(new Criterion("E01", "Besoins", null, true, null,
							List.of(new Indicator("E01-I1", "Part", "%", Direction.HIGHER))),
							new Criterion("E02", "Gouvernance", null, true, null, List.of())))),
			List.of(new StageRule("charter", "SubmitCharter", "Charte", List.of("signed-charter"), null, null, null,
					null, null, null, null, null),
					new StageRule("contract", "SubmitContract", "Dossier", null, "all", "all", null, null, null, null,
							null, List.of("projectManagerAnnualCost")),
					new StageRule("support", "Review", "Seuils", null, null, null, null, Map.of("E01", "HIGH"),
							new Referential.ShareAtLevel("HIGH", 0.5), 1.0, "COORDINATING_EXPERT", null)),
			null, null);

	private final Dossier empty = new Dossier(Set.of(), Map.of(), Map.of(), Map.of(), Set.of());

	@Test
	void listsWhatAStepStillLacks() {
		assertThat(referential.missing("SubmitCharter", empty, "SELF")).containsExactly("document:signed-charter");
		assertThat(referential.missing("SubmitContract", empty, "SELF")).containsExactly("assessment:E01",
				"assessment:E02", "indicator:E01-I1", "field:projectManagerAnnualCost");
		assertThat(referential.missing("VerifyCharter", empty, "SELF")).isEmpty();
	}

	@Test
	void readsTheAssessmentsOfTheStepsSource() {
		Dossier selfOnly = new Dossier(Set.of(), Map.of("SELF", Map.of("E01", "LOW", "E02", "LOW")),
				Map.of("E01-I1", 10.0), Map.of(), Set.of("projectManagerAnnualCost"));
		assertThat(referential.missing("SubmitContract", selfOnly, "SELF")).isEmpty();
		assertThat(referential.missing("SubmitContract", selfOnly, "SECOND_EXPERT")).containsExactly("assessment:E01",
				"assessment:E02");
	}

	@Test
	void neverBlocksAStepOnAThreshold() {
		assertThat(referential.missing("Review", empty, "SELF")).isEmpty();
	}

	@Test
	void explainsWhichRulesFailAndWhy() {
		Dossier dossier = new Dossier(Set.of("signed-charter"),
				Map.of("COORDINATING_EXPERT", Map.of("E01", "LOW", "E02", "HIGH")), Map.of("E01-I1", 50.0),
				Map.of("E01-I1", 40.0), Set.of());
		assertThat(referential.evaluate(dossier)).extracting(Referential.RuleResult::id, Referential.RuleResult::passed)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("charter", true),
					org.assertj.core.groups.Tuple.tuple("contract", false),
					org.assertj.core.groups.Tuple.tuple("support", false));
		assertThat(referential.evaluate(dossier).get(2).reasons()).containsExactly("E01 : Bas, au moins Haut attendu",
				"0 cible(s) atteinte(s) sur 1 (0 % < 100 %)");
	}

	@Test
	void judgesTargetsInTheIndicatorsDirection() {
		Indicator higher = new Indicator("a", "a", "%", Direction.HIGHER);
		Indicator lower = new Indicator("b", "b", "kWh", Direction.LOWER);
		assertThat(Referential.met(higher, 40.0, 42.0)).isTrue();
		assertThat(Referential.met(lower, 40.0, 42.0)).isFalse();
		assertThat(Referential.met(lower, 40.0, null)).isNull();
	}

	@Test
	void knowsItsCriteriaIndicatorsAndLevels() {
		assertThat(referential.hasCriterion("E02")).isTrue();
		assertThat(referential.hasCriterion("E01-I1")).isFalse();
		assertThat(referential.hasIndicator("E01-I1")).isTrue();
		assertThat(referential.hasLevel("HIGH")).isTrue();
		assertThat(referential.hasLevel("MEDIUM")).isFalse();
	}

}
