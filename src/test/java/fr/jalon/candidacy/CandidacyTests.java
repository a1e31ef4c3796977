package fr.jalon.candidacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;

import fr.jalon.system.Conflict;

import org.junit.jupiter.api.Test;

class CandidacyTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private Candidacy candidacy() {
		return new Candidacy(Programme.ECOQUARTIER, "81004", "81", "76", "Madeleine", null, Set.of(), 1, null,
				"mairie-albi", NOW);
	}

	@Test
	void startsInProgressAtTheProgrammesFirstStage() {
		Candidacy candidacy = candidacy();
		assertThat(candidacy.stage()).isEqualTo(Stage.CHARTER);
		assertThat(candidacy.status()).isEqualTo(Status.IN_PROGRESS);
		assertThat(candidacy.history()).extracting(CandidacyEvent::event).containsExactly("SUBMITTED");
	}

	@Test
	void refusesAStageOfAnotherProgramme() {
		assertThatThrownBy(() -> candidacy().enterStage(Stage.ANNOUNCEMENT, NOW))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesAnyChangeOnceClosed() {
		Candidacy candidacy = candidacy();
		candidacy.close(Status.ADJOURNED, NOW);
		assertThatThrownBy(() -> candidacy.enterStage(Stage.CONTRACT, NOW)).isInstanceOf(Conflict.class);
		assertThatThrownBy(() -> candidacy.withdraw("mairie-albi", null, NOW)).isInstanceOf(Conflict.class);
		assertThatThrownBy(() -> candidacy.close(Status.LABELLED, NOW)).isInstanceOf(Conflict.class);
		assertThat(candidacy.status()).isEqualTo(Status.ADJOURNED);
	}

	@Test
	void refusesToCloseInProgress() {
		assertThatThrownBy(() -> candidacy().close(Status.IN_PROGRESS, NOW))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void keepsOneAssessmentPerSourceAndCriterion() {
		Candidacy candidacy = candidacy();
		candidacy.assess(AssessmentSource.SELF, "E01", "PARTIAL", null, "mairie-albi", NOW);
		candidacy.assess(AssessmentSource.SELF, "E01", "SATISFACTORY", "révisé", "mairie-albi", NOW);
		candidacy.assess(AssessmentSource.COORDINATING_EXPERT, "E01", "PARTIAL", null, "expert-1", NOW);
		assertThat(candidacy.assessments()).extracting(Assessment::source, Assessment::level)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(AssessmentSource.SELF, "SATISFACTORY"),
					org.assertj.core.groups.Tuple.tuple(AssessmentSource.COORDINATING_EXPERT, "PARTIAL"));
	}

	@Test
	void keepsTargetsAndValuesApart() {
		Candidacy candidacy = candidacy();
		candidacy.setIndicatorTarget("E06-I1", 40.0);
		assertThat(candidacy.indicators()).extracting(IndicatorEntry::target, IndicatorEntry::value)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(40.0, null));
		candidacy.setIndicatorValue("E06-I1", 38.5);
		assertThat(candidacy.indicators()).extracting(IndicatorEntry::target, IndicatorEntry::value)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(40.0, 38.5));
	}

}
