package fr.jalon.candidacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;

import fr.jalon.Shipped;
import fr.jalon.referential.Referential;
import fr.jalon.system.Conflict;

import org.junit.jupiter.api.Test;

class CandidacyTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final Referential ECOQUARTIER = Shipped.referential("ecoquartier");

	private static final Referential PVD = Shipped.referential("pvd");

	private Candidacy candidacy() {
		return new Candidacy(ECOQUARTIER, "81004", "81", "76", "Madeleine", null, Set.of(), null, "mairie-albi", NOW);
	}

	@Test
	void startsInProgressAtTheProgrammesFirstStage() {
		Candidacy candidacy = candidacy();
		assertThat(candidacy.stage()).isEqualTo(ECOQUARTIER.stages().get(0).id());
		assertThat(candidacy.referentialVersion()).isEqualTo(ECOQUARTIER.version());
		assertThat(candidacy.status()).isEqualTo(Status.IN_PROGRESS);
		assertThat(candidacy.history()).extracting(CandidacyEvent::event).containsExactly("SUBMITTED");
	}

	@Test
	void refusesAStageOrAnEndItsProgrammeDoesNotDeclare() {
		String otherStage = PVD.stages().get(1).id();
		String otherEnd = PVD.statuses().get(0).id();
		assertThat(ECOQUARTIER.stage(otherStage)).isEmpty();
		assertThatThrownBy(() -> candidacy().enterStage(otherStage, ECOQUARTIER, NOW))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> candidacy().close(otherEnd, ECOQUARTIER, NOW)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void readsItsStagesInTheVersionItKeeps() {
		assertThatThrownBy(() -> candidacy().enterStage(PVD.stages().get(0).id(), PVD, NOW))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesAnyChangeOnceClosed() {
		Candidacy candidacy = candidacy();
		// A status that is no success: no later step of its process may open (after a success, one may: « confirmé »).
		String adjourned = ECOQUARTIER.statuses().stream().filter(status -> !status.success()).findFirst().orElseThrow().id();
		candidacy.close(adjourned, ECOQUARTIER, NOW);
		assertThatThrownBy(() -> candidacy.enterStage(ECOQUARTIER.stages().get(1).id(), ECOQUARTIER, NOW))
			.isInstanceOf(Conflict.class);
		assertThatThrownBy(() -> candidacy.withdraw("mairie-albi", null, NOW)).isInstanceOf(Conflict.class);
		assertThatThrownBy(() -> candidacy.close(ECOQUARTIER.statuses().get(0).id(), ECOQUARTIER, NOW))
			.isInstanceOf(Conflict.class);
		assertThatThrownBy(() -> candidacy.setData("any", "1")).isInstanceOf(Conflict.class);
		assertThat(candidacy.status()).isEqualTo(adjourned);
	}

	@Test
	void refusesToCloseInProgress() {
		assertThatThrownBy(() -> candidacy().close(Status.IN_PROGRESS, ECOQUARTIER, NOW))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void keepsOneAssessmentPerSourceAndCriterion() {
		Candidacy candidacy = candidacy();
		candidacy.assess("SELF", "E01", "PARTIAL", null, "mairie-albi", NOW);
		candidacy.assess("SELF", "E01", "SATISFACTORY", "révisé", "mairie-albi", NOW);
		candidacy.assess("EXPERT", "E01", "PARTIAL", null, "expert-1", NOW);
		assertThat(candidacy.assessments()).extracting(Assessment::source, Assessment::level)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("SELF", "SATISFACTORY"),
					org.assertj.core.groups.Tuple.tuple("EXPERT", "PARTIAL"));
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
