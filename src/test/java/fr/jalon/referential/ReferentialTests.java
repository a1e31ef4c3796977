package fr.jalon.referential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import fr.jalon.referential.Referential.Criterion;
import fr.jalon.referential.Referential.Dimension;
import fr.jalon.referential.Referential.Direction;
import fr.jalon.referential.Referential.Indicator;
import fr.jalon.referential.Referential.Level;
import fr.jalon.referential.Referential.StageRule;

import org.junit.jupiter.api.Test;

class ReferentialTests {

	private final Referential referential = new Referential("ecoquartier", 1, null, "Test",
			List.of(new Level("LOW", "Bas"), new Level("HIGH", "Haut")),
			List.of(new Dimension("D1", "Démarche",
					List.of(new Criterion("E01", "Besoins", null, true, null,
							List.of(new Indicator("E01-I1", "Part", "%", Direction.HIGHER))),
							new Criterion("E02", "Gouvernance", null, true, null, List.of())))),
			List.of(new StageRule("charter", "SubmitCharter", "Charte", List.of("signed-charter"), null, null, null,
					null, null, null, null),
					new StageRule("contract", "SubmitContract", "Dossier", null, "all", "all", null, null, null, null,
							null)),
			null, null);

	@Test
	void listsWhatAStepStillLacks() {
		Dossier empty = new Dossier(Set.of(), Set.of(), Set.of(), Set.of());
		assertThat(referential.missing("SubmitCharter", empty)).containsExactly("document:signed-charter");
		assertThat(referential.missing("SubmitContract", empty)).containsExactly("assessment:E01", "assessment:E02",
				"indicator:E01-I1");
		assertThat(referential.missing("VerifyCharter", empty)).isEmpty();
	}

	@Test
	void findsNothingMissingInACompleteDossier() {
		Dossier complete = new Dossier(Set.of("signed-charter"), Set.of("E01", "E02"), Set.of("E01-I1"), Set.of());
		assertThat(referential.missing("SubmitCharter", complete)).isEmpty();
		assertThat(referential.missing("SubmitContract", complete)).isEmpty();
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
