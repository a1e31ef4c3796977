package fr.jalon.referential;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import fr.jalon.referential.Referential.Criterion;
import fr.jalon.referential.Referential.Dimension;
import fr.jalon.referential.Referential.Direction;
import fr.jalon.referential.Referential.EligibilityRule;
import fr.jalon.referential.Referential.Indicator;
import fr.jalon.referential.Referential.Level;
import fr.jalon.referential.Referential.Notion;
import fr.jalon.referential.Referential.ShareAtLevel;
import fr.jalon.referential.Referential.StageRule;
import fr.jalon.referential.Referential.Subsidy;
import fr.jalon.referential.ReferentialValidator.Fault;

import static org.assertj.core.api.Assertions.assertThat;

class ReferentialValidatorTests {

	private static final Set<String> STEPS = Set.of("SubmitCharter", "AssessAsCoordinatingExpert");

	private static final Set<String> ECOQUARTIER_STEPS = Set.of("SubmitCharter", "VerifyCharter", "SubmitContract",
			"AssessAsCoordinatingExpert", "AssessAsSecondExpert", "WriteSynthesis", "RegionalCommissionReview",
			"NationalCommissionDecision", "ReportIndicatorValues", "RecordSiteVisit", "ValidateLabel");

	@Test
	void acceptsAValidReferential() {
		assertThat(faults(new Draft())).isEmpty();
	}

	@Test
	void acceptsTheEcoQuartierReferential() throws IOException {
		Referential ecoquartier;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("criteria/ecoquartier.yaml")) {
			assertThat(in).as("criteria/ecoquartier.yaml on the classpath").isNotNull();
			ecoquartier = new ObjectMapper(new YAMLFactory()).readValue(in, Referential.class);
		}

		assertThat(ReferentialValidator.validate(ecoquartier, "ecoquartier", Set.of(), ECOQUARTIER_STEPS)).isEmpty();
		assertThat(ecoquartier.criteria()).hasSize(20);
	}

	@Test
	void refusesAnotherProgramme() {
		Draft draft = new Draft();
		draft.programme = "ecoquartir";

		assertThat(fields(draft)).containsExactly("/programme");
	}

	@Test
	void refusesAMissingProgramme() {
		Draft draft = new Draft();
		draft.programme = null;

		assertThat(fields(draft)).containsExactly("/programme");
	}

	@Test
	void refusesAnExistingVersionNumber() {
		Draft draft = new Draft();
		draft.version = 1;

		assertThat(faults(draft)).containsExactly(new Fault("/version", "la version 1 existe déjà"));
	}

	@Test
	void refusesAMissingVersion() {
		Draft draft = new Draft();
		draft.version = 0;

		assertThat(fields(draft)).containsExactly("/version");
	}

	@Test
	void refusesABlankTitle() {
		Draft draft = new Draft();
		draft.title = "  ";

		assertThat(fields(draft)).containsExactly("/title");
	}

	@Test
	void refusesAnEmptyScaleAndTheLevelsItNoLongerHas() {
		Draft draft = new Draft();
		draft.scale.clear();

		assertThat(fields(draft)).containsExactly("/scale", "/stageRules/1/minimumLevels/C1",
				"/stageRules/1/minimumShare/level");
	}

	@Test
	void refusesADuplicateLevelId() {
		Draft draft = new Draft();
		draft.scale.set(2, new Level("L2", "Exemplaire"));

		assertThat(fields(draft)).containsExactly("/scale/2/id");
	}

	@Test
	void refusesABlankLevelLabel() {
		Draft draft = new Draft();
		draft.scale.set(0, new Level("L1", ""));

		assertThat(fields(draft)).containsExactly("/scale/0/label");
	}

	@Test
	void refusesAReferentialWithoutDimensions() {
		Draft draft = new Draft();
		draft.dimensions.clear();

		assertThat(fields(draft)).containsExactly("/dimensions", "/stageRules/1/minimumLevels/C1");
	}

	@Test
	void refusesAnEmptyDimension() {
		Draft draft = new Draft();
		draft.dimensions.add(new Dimension("D3", "Développement territorial", List.of()));

		assertThat(faults(draft)).containsExactly(new Fault("/dimensions/2/criteria", "dimension « D3 » sans critère"));
	}

	@Test
	void refusesADimensionWithoutIdOrTitle() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension(null, "", List.of(criterion2(), criterion3())));

		assertThat(fields(draft)).containsExactly("/dimensions/1/id", "/dimensions/1/title");
	}

	@Test
	void refusesADuplicateDimensionId() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D1", "Cadre de vie", List.of(criterion2(), criterion3())));

		assertThat(fields(draft)).containsExactly("/dimensions/1/id");
	}

	@Test
	void refusesADuplicateCriterionId() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie",
				List.of(criterion2(), new Criterion("C1", "Doublon", null, null, null, List.of()))));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/1/id");
	}

	@Test
	void refusesAnIndicatorIdEqualToACriterionId() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie", List.of(
				new Criterion("C2", "Mixité", null, null, null, List.of(indicator("C1", "%", Direction.HIGHER))),
				criterion3())));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/0/indicators/0/id");
	}

	@Test
	void refusesADuplicateIndicatorIdAcrossCriteria() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie", List.of(
				new Criterion("C2", "Mixité", null, null, null, List.of(indicator("I2", "%", Direction.HIGHER))),
				criterion3())));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/0/indicators/0/id");
	}

	@Test
	void refusesADuplicateNotionId() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie", List.of(criterion2(),
				new Criterion("C3", "Patrimoine", null, null, List.of(new Notion("N1", "Mémoire")), List.of()))));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/1/notions/0/id");
	}

	@Test
	void refusesACriterionWithABlankTitle() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie",
				List.of(criterion2(), new Criterion("C3", " ", null, null, null, List.of()))));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/1/title");
	}

	@Test
	void refusesAnIdWithForbiddenCharacters() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie",
				List.of(criterion2(), new Criterion("C 3/é", "Patrimoine", null, null, null, List.of()))));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/1/id");
	}

	@Test
	void refusesAnIndicatorWithoutUnitOrDirection() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie", List.of(
				new Criterion("C2", "Mixité", null, null, null, List.of(indicator("I3", "", null))), criterion3())));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/0/indicators/0/unit",
				"/dimensions/1/criteria/0/indicators/0/better");
	}

	@Test
	void refusesADuplicateStageRuleId() {
		Draft draft = new Draft();
		draft.stageRules.add(new StageRule("R1", "AssessAsCoordinatingExpert", null, null, "all", null, null, null,
				null, null, null, null));

		assertThat(fields(draft)).containsExactly("/stageRules/2/id");
	}

	@Test
	void refusesAStageRuleWithoutStep() {
		Draft draft = new Draft();
		draft.stageRules.set(0, charterRule(" ", List.of("signed-charter")));

		assertThat(fields(draft)).containsExactly("/stageRules/0/step");
	}

	@Test
	void refusesAnUnknownStep() {
		Draft draft = new Draft();
		draft.stageRules.set(0, charterRule("SignCharter", List.of("signed-charter")));

		assertThat(faults(draft)).containsExactly(new Fault("/stageRules/0/step", "étape inconnue « SignCharter »"));
	}

	@Test
	void acceptsAnyStepWhenNoStepIsKnown() {
		Draft draft = new Draft();
		draft.stageRules.set(0, charterRule("SignCharter", List.of("signed-charter")));

		assertThat(ReferentialValidator.validate(draft.build(), "ecoquartier", Set.of(1), Set.of())).isEmpty();
	}

	@Test
	void refusesAnInvalidDocumentType() {
		Draft draft = new Draft();
		draft.stageRules.set(0, charterRule("SubmitCharter", List.of("signed-charter", "Charte Signée")));

		assertThat(fields(draft)).containsExactly("/stageRules/0/documents/1");
	}

	@Test
	void refusesARequirementOtherThanAll() {
		Draft draft = new Draft();
		draft.stageRules.set(1, new StageRule("R2", "AssessAsCoordinatingExpert", null, null, "some", "every", "none",
				null, null, null, null, null));

		assertThat(fields(draft)).containsExactly("/stageRules/1/criteriaAssessed", "/stageRules/1/indicatorTargets",
				"/stageRules/1/indicatorValues");
	}

	@Test
	void refusesAMinimumLevelForAnUnknownCriterion() {
		Draft draft = new Draft();
		draft.stageRules.set(1, assessmentRule(Map.of("E21", "L2"), new ShareAtLevel("L2", 0.5), 0.5, "SELF"));

		assertThat(faults(draft))
			.containsExactly(new Fault("/stageRules/1/minimumLevels/E21", "critère inconnu « E21 »"));
	}

	@Test
	void refusesAMinimumLevelNotOnTheScale() {
		Draft draft = new Draft();
		draft.stageRules.set(1, assessmentRule(Map.of("C2", "GOOD"), new ShareAtLevel("L2", 0.5), 0.5, "SELF"));

		assertThat(fields(draft)).containsExactly("/stageRules/1/minimumLevels/C2");
	}

	@Test
	void refusesAMinimumShareAtAnUnknownLevel() {
		Draft draft = new Draft();
		draft.stageRules.set(1, assessmentRule(Map.of("C1", "L2"), new ShareAtLevel("L9", 0.5), 0.5, "SELF"));

		assertThat(fields(draft)).containsExactly("/stageRules/1/minimumShare/level");
	}

	@Test
	void refusesAMinimumShareOfZeroOrAboveOne() {
		Draft zero = new Draft();
		zero.stageRules.set(1, assessmentRule(Map.of("C1", "L2"), new ShareAtLevel("L2", 0.0), 0.5, "SELF"));
		Draft above = new Draft();
		above.stageRules.set(1, assessmentRule(Map.of("C1", "L2"), new ShareAtLevel("L2", 1.5), 0.5, "SELF"));

		assertThat(fields(zero)).containsExactly("/stageRules/1/minimumShare/share");
		assertThat(fields(above)).containsExactly("/stageRules/1/minimumShare/share");
	}

	@Test
	void refusesATargetsMetShareOutsideZeroToOne() {
		Draft draft = new Draft();
		draft.stageRules.set(1, assessmentRule(Map.of("C1", "L2"), new ShareAtLevel("L2", 0.5), -0.1, "SELF"));

		assertThat(fields(draft)).containsExactly("/stageRules/1/targetsMetShare");
	}

	@Test
	void refusesAnUnknownSource() {
		Draft draft = new Draft();
		draft.stageRules.set(1, assessmentRule(Map.of("C1", "L2"), new ShareAtLevel("L2", 0.5), 0.5, "EXPERT"));

		assertThat(fields(draft)).containsExactly("/stageRules/1/source");
	}

	@Test
	void escapesACriterionIdInTheLocationAsJsonPointer() {
		Draft draft = new Draft();
		draft.stageRules.set(1, assessmentRule(Map.of("a/b~c", "L2"), null, null, null));

		assertThat(fields(draft)).containsExactly("/stageRules/1/minimumLevels/a~1b~0c");
	}

	@Test
	void refusesADuplicateEligibilityRuleId() {
		Draft draft = new Draft();
		draft.eligibility.add(new EligibilityRule("population", "Commune labellisée", "actionCoeurDeVille", null, null,
				true));

		assertThat(fields(draft)).containsExactly("/eligibility/1/id");
	}

	@Test
	void refusesAnEligibilityRuleWithoutFieldOrCondition() {
		Draft draft = new Draft();
		draft.eligibility.set(0, new EligibilityRule("population", "Moins de 20 000 habitants", "", null, null, null));

		assertThat(fields(draft)).containsExactly("/eligibility/0/field", "/eligibility/0");
	}

	@Test
	void refusesAMinimumAboveTheMaximum() {
		Draft draft = new Draft();
		draft.eligibility.set(0,
				new EligibilityRule("population", "Moins de 20 000 habitants", "population", 30_000.0, 20_000.0, null));

		assertThat(fields(draft)).containsExactly("/eligibility/0/min");
	}

	@Test
	void refusesADuplicateSubsidyId() {
		Draft draft = new Draft();
		draft.subsidies.add(new Subsidy("ingenierie", "Autre aide", 0.3, null, null));

		assertThat(fields(draft)).containsExactly("/subsidies/1/id");
	}

	@Test
	void refusesARateOutsideZeroToOne() {
		Draft draft = new Draft();
		draft.subsidies.set(0, new Subsidy("ingenierie", "Aide à l'ingénierie", 1.2, 10_000.0, 15_000.0));

		assertThat(fields(draft)).containsExactly("/subsidies/0/rate");
	}

	@Test
	void refusesANegativeCap() {
		Draft draft = new Draft();
		draft.subsidies.set(0, new Subsidy("ingenierie", "Aide à l'ingénierie", 0.5, -1.0, 15_000.0));

		assertThat(fields(draft)).containsExactly("/subsidies/0/cap");
	}

	@Test
	void refusesACapWithAnahBelowTheCap() {
		Draft draft = new Draft();
		draft.subsidies.set(0, new Subsidy("ingenierie", "Aide à l'ingénierie", 0.5, 10_000.0, 5_000.0));

		assertThat(fields(draft)).containsExactly("/subsidies/0/capWithAnah");
	}

	@Test
	void reportsEveryFaultNotOnlyTheFirst() {
		Draft draft = new Draft();
		draft.version = 1;
		draft.title = null;
		draft.scale.set(1, new Level("L1", "Satisfaisant"));
		draft.stageRules.set(0, charterRule("SignCharter", List.of("Charte")));

		assertThat(fields(draft)).containsExactlyInAnyOrder("/version", "/title", "/scale/1/id",
				"/stageRules/0/step", "/stageRules/0/documents/0", "/stageRules/1/minimumLevels/C1",
				"/stageRules/1/minimumShare/level");
	}

	@Test
	void reportsEmptyElementsWithoutFailing() {
		Draft draft = new Draft();
		List<Notion> notions = new ArrayList<>();
		notions.add(null);
		Map<String, String> minimumLevels = new LinkedHashMap<>();
		minimumLevels.put("C1", null);
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie",
				List.of(criterion2(), new Criterion("C3", "Patrimoine", null, null, notions, List.of()))));
		draft.stageRules.set(1, assessmentRule(minimumLevels, null, null, null));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/1/notions/0",
				"/stageRules/1/minimumLevels/C1");
	}

	private static List<Fault> faults(Draft draft) {
		return ReferentialValidator.validate(draft.build(), "ecoquartier", Set.of(1), STEPS);
	}

	private static List<String> fields(Draft draft) {
		return faults(draft).stream().map(Fault::field).toList();
	}

	/** A small valid referential, version 2 of a programme whose version 1 exists; change a part, then build. */
	private static final class Draft {

		String programme = "ecoquartier";

		int version = 2;

		String title = "Référentiel de test";

		final List<Level> scale = new ArrayList<>(List.of(new Level("L1", "Insuffisant"),
				new Level("L2", "Satisfaisant"), new Level("L3", "Exemplaire")));

		final List<Dimension> dimensions = new ArrayList<>(
				List.of(new Dimension("D1", "Démarche et processus", List.of(criterion1())),
						new Dimension("D2", "Cadre de vie", List.of(criterion2(), criterion3()))));

		final List<StageRule> stageRules = new ArrayList<>(List.of(charterRule("SubmitCharter", List.of("signed-charter")),
				assessmentRule(Map.of("C1", "L2"), new ShareAtLevel("L2", 0.5), 0.5, "SELF")));

		final List<EligibilityRule> eligibility = new ArrayList<>(List.of(new EligibilityRule("population",
				"Moins de 20 000 habitants", "population", 0.0, 20_000.0, null)));

		final List<Subsidy> subsidies = new ArrayList<>(
				List.of(new Subsidy("ingenierie", "Aide à l'ingénierie", 0.5, 10_000.0, 15_000.0)));

		final Map<String, Referential.Deadline> deadlines = new LinkedHashMap<>(
				Map.of("frameworkAgreement", new Referential.Deadline("Convention-cadre", "P18M", List.of("P12M", "P17M"))));

		Referential build() {
			return new Referential(programme, version, null, title, scale, dimensions, stageRules, eligibility,
					subsidies, deadlines);
		}

	}

	@Test
	void refusesAnInvalidFieldName() {
		Draft draft = new Draft();
		draft.stageRules.set(0, new StageRule("R1", "SubmitCharter", "Champs", null, null, null, null, null, null, null,
				null, List.of("project manager cost")));

		assertThat(fields(draft)).containsExactly("/stageRules/0/fields/0");
	}

	@Test
	void refusesAnInvalidDeadlineOrAReminderAfterIt() {
		Draft draft = new Draft();
		draft.deadlines.put("frameworkAgreement", new Referential.Deadline("Convention-cadre", "18 mois", List.of()));
		draft.deadlines.put("membership", new Referential.Deadline("Adhésion", "P6M", List.of("P7M")));

		assertThat(fields(draft)).containsExactly("/deadlines/frameworkAgreement/due", "/deadlines/membership/reminders/0");
	}

	private static Criterion criterion1() {
		return new Criterion("C1", "Répondre aux besoins de tous", "Diagnostic partagé", true,
				List.of(new Notion("N1", "Diagnostic")),
				List.of(indicator("I1", "%", Direction.HIGHER), indicator("I2", "nombre", Direction.HIGHER)));
	}

	private static Criterion criterion2() {
		return new Criterion("C2", "Vivre-ensemble", null, false, null,
				List.of(indicator("I3", "µg/m³", Direction.LOWER)));
	}

	private static Criterion criterion3() {
		return new Criterion("C3", "Patrimoine", null, null, null, List.of());
	}

	private static Indicator indicator(String id, String unit, Direction better) {
		return new Indicator(id, "Indicateur " + id, unit, better);
	}

	private static StageRule charterRule(String step, List<String> documents) {
		return new StageRule("R1", step, "Charte signée déposée", documents, null, null, null, null, null, null,
				null, null);
	}

	private static StageRule assessmentRule(Map<String, String> minimumLevels, ShareAtLevel minimumShare,
			Double targetsMetShare, String source) {
		return new StageRule("R2", "AssessAsCoordinatingExpert", "Chaque critère évalué", null, "all", "all", null,
				minimumLevels == null ? null : new LinkedHashMap<>(minimumLevels), minimumShare, targetsMetShare,
				source, null);
	}

}
