package fr.jalon.referential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import fr.jalon.referential.Referential.Campaigns;
import fr.jalon.referential.Referential.CertificateDeclaration;
import fr.jalon.referential.Referential.Criterion;
import fr.jalon.referential.Referential.Deadline;
import fr.jalon.referential.Referential.Dimension;
import fr.jalon.referential.Referential.Direction;
import fr.jalon.referential.Referential.EligibilityRule;
import fr.jalon.referential.Referential.EndStatus;
import fr.jalon.referential.Referential.EventMatch;
import fr.jalon.referential.Referential.Field;
import fr.jalon.referential.Referential.FieldType;
import fr.jalon.referential.Referential.Indicator;
import fr.jalon.referential.Referential.Label;
import fr.jalon.referential.Referential.Level;
import fr.jalon.referential.Referential.Notion;
import fr.jalon.referential.Referential.RaisedCap;
import fr.jalon.referential.Referential.RoleDeclaration;
import fr.jalon.security.ScopeKind;
import fr.jalon.referential.Referential.ShareAtLevel;
import fr.jalon.referential.Referential.StageRule;
import fr.jalon.referential.Referential.Subsidy;
import fr.jalon.referential.ReferentialValidator.Fault;
import fr.jalon.referential.ReferentialValidator.Result;

import static org.assertj.core.api.Assertions.assertThat;

class ReferentialValidatorTests {

	private static final Set<String> STEPS = Set.of("SubmitCharter", "VerifyCharter", "AssessAsCoordinatingExpert");

	private static final ObjectMapper JSON = new ObjectMapper();

	// --- a valid document

	@Test
	void acceptsAValidReferentialAndBindsIt() {
		Draft draft = new Draft();

		Result result = read(draft.tree());

		assertThat(result.faults()).isEmpty();
		assertThat(result.valid()).isTrue();
		assertThat(result.referential()).isEqualTo(draft.build());
	}

	@Test
	void acceptsTheStatusOfADownloadedVersionAndDropsIt() {
		ObjectNode document = new Draft().tree();
		document.put("status", "PUBLISHED");

		Result result = read(document);

		assertThat(result.faults()).isEmpty();
		assertThat(result.referential().status()).isNull();
	}

	@Test
	void readsYamlAsJson() throws Exception {
		String yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(new Draft().build());

		Result result = read(new ObjectMapper(new YAMLFactory()).readTree(yaml));

		assertThat(result.faults()).isEmpty();
		assertThat(result.referential()).isEqualTo(new Draft().build());
	}

	@Test
	void refusesAnUnknownStatus() {
		ObjectNode document = new Draft().tree();
		document.put("status", "ARCHIVED");

		assertThat(faults(document)).containsExactly(
				new Fault("/status", "valeur « ARCHIVED » non admise : DRAFT, PILOT, PUBLISHED, RETIRED"));
	}

	@Test
	void refusesADocumentThatIsNotAnObject() {
		assertThat(ReferentialValidator.read(NullNode.getInstance(), "ecoquartier", Set.of(), STEPS).faults())
			.containsExactly(new Fault("", "objet attendu, valeur vide reçu"));
		assertThat(ReferentialValidator.read(null, "ecoquartier", Set.of(), STEPS).faults()).hasSize(1);
		assertThat(ReferentialValidator.read(JSON.createArrayNode(), "ecoquartier", Set.of(), STEPS).faults())
			.containsExactly(new Fault("", "objet attendu, liste reçu"));
	}

	// --- unknown keys and wrong types, anywhere

	@Test
	void refusesAnUnknownKeyNamingTheKeyItself() {
		ObjectNode document = new Draft().tree();
		ObjectNode rule = (ObjectNode) document.at("/stageRules/1");
		rule.set("minimumLevel", rule.remove("minimumLevels"));

		assertThat(faults(document)).containsExactly(new Fault("/stageRules/1/minimumLevel", "champ inconnu"));
	}

	@Test
	void refusesAnUnknownKeyAtEveryDepth() {
		ObjectNode document = new Draft().tree();
		document.put("minimumLevels", "L2");
		((ObjectNode) document.at("/dimensions/0/criteria/0/indicators/0")).put("target", 50);
		((ObjectNode) document.at("/certificates/0/grantedBy")).put("when", "APPROVE");
		((ObjectNode) document.at("/deadlines/frameworkAgreement")).put("remindTo", "DDT");
		((ObjectNode) document.at("/subsidies/0/raisedCap")).put("if", "anahParticipates");
		((ObjectNode) document.at("/campaigns")).put("region", true);
		((ObjectNode) document.at("/roles/0")).put("scopes", "region");

		assertThat(fields(document)).containsExactlyInAnyOrder("/minimumLevels",
				"/dimensions/0/criteria/0/indicators/0/target", "/certificates/0/grantedBy/when",
				"/deadlines/frameworkAgreement/remindTo", "/subsidies/0/raisedCap/if", "/campaigns/region",
				"/roles/0/scopes");
		assertThat(faults(document)).extracting(Fault::message).containsOnly("champ inconnu");
	}

	@Test
	void refusesAValueOfTheWrongType() {
		ObjectNode document = new Draft().tree();
		((ObjectNode) document.at("/dimensions/1/criteria/0")).put("id", 12);
		((ObjectNode) document.at("/statuses/0")).put("success", "oui");
		document.put("version", "2");

		assertThat(faults(document)).containsExactly(new Fault("/version", "nombre entier attendu, texte reçu"),
				new Fault("/statuses/0/success", "true ou false attendu, texte reçu"),
				new Fault("/dimensions/1/criteria/0/id", "texte attendu, nombre entier reçu"));
	}

	@Test
	void reportsFaultsInTheDocumentsOrder() {
		Draft draft = new Draft();
		draft.programme = "pvd";
		draft.stages.add(new Label("CHARTER", "Doublon"));
		draft.dimensions.set(1, new Dimension("D1", "Cadre de vie", List.of(criterion2(), criterion3())));
		ObjectNode document = draft.tree();
		document.put("zzz", 1);

		assertThat(fields(document)).containsExactly("/programme", "/stages/2/id", "/dimensions/1/id", "/zzz");
	}

	// --- the header

	@Test
	void refusesAnotherProgramme() {
		Draft draft = new Draft();
		draft.programme = "ecoquartir";

		assertThat(faults(draft)).containsExactly(
				new Fault("/programme", "programme « ecoquartir » différent de « ecoquartier »"));
	}

	@Test
	void refusesAMissingProgramme() {
		Draft draft = new Draft();
		draft.programme = null;

		assertThat(faults(draft)).containsExactly(new Fault("/programme", "obligatoire"));
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

		assertThat(faults(draft)).containsExactly(new Fault("/version", "au moins 1 (reçu 0)"));
	}

	@Test
	void refusesAVersionBeyondTheLargestNumber() {
		ObjectNode document = new Draft().tree();
		document.put("version", 99_999_999_999L);

		assertThat(faults(document)).containsExactly(new Fault("/version", "au plus 999999 (reçu 99999999999)"));
	}

	@Test
	void refusesABlankTitle() {
		Draft draft = new Draft();
		draft.title = "  ";

		assertThat(faults(draft)).containsExactly(new Fault("/title", "texte vide"));
	}

	@Test
	void refusesControlCharactersOrALineBreakInATitle() {
		Draft escape = new Draft();
		escape.title = "Référentiel \u001b[31m";
		Draft lineBreak = new Draft();
		lineBreak.title = "Référentiel\n";

		assertThat(faults(escape)).containsExactly(new Fault("/title", "caractères de contrôle ou Unicode invalide"));
		assertThat(fields(lineBreak)).containsExactly("/title");
	}

	@Test
	void refusesATitleOfMoreThan300Characters() {
		Draft draft = new Draft();
		draft.title = "x".repeat(301);

		assertThat(faults(draft)).containsExactly(new Fault("/title", "300 caractères au plus"));
	}

	// --- the scale, dimensions, criteria, indicators

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

		assertThat(faults(draft)).containsExactly(
				new Fault("/scale/2/id", "niveau : identifiant « L2 » déjà utilisé en /scale/1"));
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

		assertThat(faults(draft)).containsExactly(new Fault("/dimensions/2/criteria", "liste vide : au moins un élément"));
	}

	@Test
	void refusesADimensionWithoutIdOrTitle() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension(null, "", List.of(criterion2(), criterion3())));

		assertThat(faults(draft)).containsExactly(new Fault("/dimensions/1/id", "obligatoire"),
				new Fault("/dimensions/1/title", "texte vide"));
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

		assertThat(faults(draft)).containsExactly(new Fault("/dimensions/1/criteria/1/id",
				"critère : identifiant « C1 » déjà utilisé en /dimensions/0/criteria/0"));
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

		assertThat(faults(draft)).containsExactly(new Fault("/dimensions/1/criteria/1/id",
				"identifiant invalide « C 3/é » (A-Z, a-z, 0-9, _ . -, 64 au plus)"));
	}

	@Test
	void refusesAnIdEndingWithALineBreak() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie",
				List.of(criterion2(), new Criterion("C3\n", "Patrimoine", null, null, null, List.of()))));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/1/id");
	}

	@Test
	void refusesAnIndicatorWithoutUnitOrDirection() {
		Draft draft = new Draft();
		draft.dimensions.set(1, new Dimension("D2", "Cadre de vie", List.of(
				new Criterion("C2", "Mixité", null, null, null, List.of(indicator("I3", "", null))), criterion3())));

		assertThat(fields(draft)).containsExactly("/dimensions/1/criteria/0/indicators/0/better",
				"/dimensions/1/criteria/0/indicators/0/unit");
	}

	// --- stage rules

	@Test
	void refusesADuplicateStageRuleId() {
		Draft draft = new Draft();
		draft.stageRules.add(new StageRule("R1", "AssessAsCoordinatingExpert", null, null, "all", null, null, null,
				null, null, null, null));

		assertThat(fields(draft)).containsExactly("/stageRules/2/id");
	}

	@Test
	void refusesAStageRuleWithoutStep() {
		Draft blank = new Draft();
		blank.stageRules.set(0, charterRule(" ", List.of("signed-charter")));
		Draft missing = new Draft();
		missing.stageRules.set(0, charterRule(null, List.of("signed-charter")));

		assertThat(fields(blank)).containsExactly("/stageRules/0/step");
		assertThat(faults(missing)).containsExactly(new Fault("/stageRules/0/step", "obligatoire"));
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

		assertThat(ReferentialValidator.read(draft.tree(), "ecoquartier", Set.of(1), Set.of()).faults()).isEmpty();
	}

	@Test
	void refusesAnInvalidDocumentType() {
		Draft draft = new Draft();
		draft.stageRules.set(0, charterRule("SubmitCharter", List.of("signed-charter", "Charte Signée")));

		assertThat(faults(draft)).containsExactly(new Fault("/stageRules/0/documents/1",
				"type de document invalide « Charte Signée » (a-z, 0-9, -, 64 au plus)"));
	}

	@Test
	void refusesAnUndeclaredDocumentType() {
		Draft draft = new Draft();
		draft.stageRules.set(0, charterRule("SubmitCharter", List.of("signed-charter", "site-visit-report")));

		assertThat(faults(draft)).containsExactly(new Fault("/stageRules/0/documents/1",
				"type de document non déclaré « site-visit-report » (documentTypes)"));
	}

	@Test
	void refusesARequirementOtherThanAll() {
		Draft draft = new Draft();
		draft.stageRules.set(1, new StageRule("R2", "AssessAsCoordinatingExpert", null, null, "some", "every", "none",
				null, null, null, null, null));

		assertThat(fields(draft)).containsExactly("/stageRules/1/criteriaAssessed", "/stageRules/1/indicatorTargets",
				"/stageRules/1/indicatorValues");
		assertThat(faults(draft).get(0).message()).isEqualTo("valeur « some » non admise : seule « all » l'est");
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

		assertThat(faults(draft)).containsExactly(
				new Fault("/stageRules/1/minimumLevels/C2", "niveau « GOOD » absent de l'échelle"));
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

		assertThat(faults(zero)).containsExactly(new Fault("/stageRules/1/minimumShare/share", "plus de 0 (reçu 0.0)"));
		assertThat(faults(above)).containsExactly(new Fault("/stageRules/1/minimumShare/share", "au plus 1 (reçu 1.5)"));
	}

	@Test
	void refusesATargetsMetShareOutsideZeroToOne() {
		Draft draft = new Draft();
		draft.stageRules.set(1, assessmentRule(Map.of("C1", "L2"), new ShareAtLevel("L2", 0.5), -0.1, "SELF"));

		assertThat(fields(draft)).containsExactly("/stageRules/1/targetsMetShare");
	}

	@Test
	void acceptsADeclaredSourceOrSelf() {
		Draft declared = new Draft();
		declared.stageRules.set(1, assessmentRule(Map.of("C1", "L2"), null, null, "COORDINATING_EXPERT"));
		Draft self = new Draft();
		self.stageRules.set(1, assessmentRule(Map.of("C1", "L2"), null, null, "SELF"));

		assertThat(faults(declared)).isEmpty();
		assertThat(faults(self)).isEmpty();
	}

	@Test
	void refusesAnUndeclaredSource() {
		Draft draft = new Draft();
		draft.stageRules.set(1, assessmentRule(Map.of("C1", "L2"), new ShareAtLevel("L2", 0.5), 0.5, "SECOND_EXPERT"));

		assertThat(faults(draft)).containsExactly(new Fault("/stageRules/1/source",
				"source non déclarée « SECOND_EXPERT » (SELF ou assessmentSources)"));
	}

	@Test
	void escapesACriterionIdInTheLocationAsJsonPointer() {
		Draft draft = new Draft();
		draft.stageRules.set(1, assessmentRule(Map.of("a/b~c", "L2"), null, null, null));

		assertThat(faults(draft)).containsExactly(new Fault("/stageRules/1/minimumLevels/a~1b~0c",
				"nom invalide « a/b~c » (A-Z, a-z, 0-9, _ . -, 64 au plus)"));
	}

	@Test
	void refusesAnInvalidFieldName() {
		Draft draft = new Draft();
		draft.stageRules.set(0, fieldRule("project manager cost"));

		assertThat(fields(draft)).containsExactly("/stageRules/0/fields/0");
	}

	@Test
	void refusesAnUndeclaredField() {
		Draft draft = new Draft();
		draft.stageRules.set(0, fieldRule("projectManagerMonthlyCost"));

		assertThat(faults(draft)).containsExactly(new Fault("/stageRules/0/fields/0",
				"donnée non déclarée « projectManagerMonthlyCost » (fields)"));
	}

	// --- eligibility and subsidies

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

		assertThat(faults(draft)).containsExactly(
				new Fault("/eligibility/0", "au moins l'un de min, max ou equals : la condition n'exige rien"),
				new Fault("/eligibility/0/field", "nom de donnée invalide «  » (une lettre, puis lettres et chiffres)"));
	}

	@Test
	void refusesAMinimumAboveTheMaximum() {
		Draft draft = new Draft();
		draft.eligibility.set(0,
				new EligibilityRule("population", "Moins de 20 000 habitants", "population", 30_000.0, 20_000.0, null));

		assertThat(faults(draft)).containsExactly(new Fault("/eligibility/0/min", "min 30000.0 supérieur à max 20000.0"));
	}

	@Test
	void refusesADuplicateSubsidyId() {
		Draft draft = new Draft();
		draft.subsidies.add(new Subsidy("ingenierie", "Autre aide", "projectManagerAnnualCost", 0.3, 1_000.0, null));

		assertThat(fields(draft)).containsExactly("/subsidies/1/id");
	}

	@Test
	void refusesARateOutsideZeroToOne() {
		Draft draft = new Draft();
		draft.subsidies.set(0, subsidy("projectManagerAnnualCost", 1.2, 10_000.0, new RaisedCap("anahParticipates", 15_000.0)));

		assertThat(fields(draft)).containsExactly("/subsidies/0/rate");
	}

	@Test
	void refusesANegativeCap() {
		Draft draft = new Draft();
		draft.subsidies.set(0, subsidy("projectManagerAnnualCost", 0.5, -1.0, new RaisedCap("anahParticipates", 15_000.0)));

		assertThat(fields(draft)).containsExactly("/subsidies/0/cap");
	}

	@Test
	void refusesARaisedCapBelowTheCap() {
		Draft draft = new Draft();
		draft.subsidies.set(0, subsidy("projectManagerAnnualCost", 0.5, 10_000.0, new RaisedCap("anahParticipates", 5_000.0)));

		assertThat(faults(draft)).containsExactly(
				new Fault("/subsidies/0/raisedCap/cap", "plafond relevé 5000.0 inférieur au plafond 10000.0"));
	}

	@Test
	void refusesASubsidyOnAnUndeclaredFieldOrAFieldOfTheWrongType() {
		Draft undeclared = new Draft();
		undeclared.subsidies.set(0, subsidy("annualCost", 0.5, 10_000.0, new RaisedCap("anahHelps", 15_000.0)));
		Draft wrongTypes = new Draft();
		wrongTypes.subsidies.set(0, subsidy("anahParticipates", 0.5, 10_000.0, new RaisedCap("note", 15_000.0)));

		assertThat(faults(undeclared)).containsExactly(
				new Fault("/subsidies/0/cost", "donnée non déclarée « annualCost » (fields)"),
				new Fault("/subsidies/0/raisedCap/when", "donnée non déclarée « anahHelps » (fields)"));
		assertThat(faults(wrongTypes)).containsExactly(
				new Fault("/subsidies/0/cost", "donnée « anahParticipates » de type boolean : type number attendu"),
				new Fault("/subsidies/0/raisedCap/when", "donnée « note » de type text : type boolean attendu"));
	}

	@Test
	void refusesASubsidyWithoutCostOrCap() {
		Draft draft = new Draft();
		draft.subsidies.set(0, subsidy(null, 0.5, null, null));

		assertThat(faults(draft)).containsExactly(new Fault("/subsidies/0/cost", "obligatoire"),
				new Fault("/subsidies/0/cap", "obligatoire"));
	}

	// --- what the programme declares

	@Test
	void refusesDuplicateDeclarations() {
		Draft draft = new Draft();
		draft.stages.add(new Label("CONTRACT", "Engagement, encore"));
		draft.statuses.add(new EndStatus("LABELLED", "Labellisée, encore", true));
		draft.roles.add(new RoleDeclaration("DDT", "Correspondant DDT, encore", ScopeKind.DEPARTEMENT));
		draft.assessmentSources.add(new Label("COORDINATING_EXPERT", "Expert coordinateur, encore"));
		draft.documentTypes.add(new Label("signed-charter", "Charte, encore"));
		draft.fields.add(new Field("note", "Note, encore", FieldType.TEXT));
		draft.certificates.add(new CertificateDeclaration("LABEL", "Label, encore", "Label", "Commission",
				new EventMatch("LABELLED", null), List.of()));

		assertThat(faults(draft)).containsExactly(
				new Fault("/stages/2/id", "étape : identifiant « CONTRACT » déjà utilisé en /stages/1"),
				new Fault("/statuses/2/id", "statut : identifiant « LABELLED » déjà utilisé en /statuses/0"),
				new Fault("/roles/2/id", "rôle : identifiant « DDT » déjà utilisé en /roles/0"),
				new Fault("/assessmentSources/1/id",
						"source : identifiant « COORDINATING_EXPERT » déjà utilisé en /assessmentSources/0"),
				new Fault("/documentTypes/2/id",
						"type de document : identifiant « signed-charter » déjà utilisé en /documentTypes/0"),
				new Fault("/fields/3/id", "donnée : identifiant « note » déjà utilisé en /fields/2"),
				new Fault("/certificates/2/kind", "certificat : identifiant « LABEL » déjà utilisé en /certificates/1"));
	}

	@Test
	void refusesToDeclareSelfAsASource() {
		Draft draft = new Draft();
		draft.assessmentSources.add(new Label("SELF", "Moi"));

		assertThat(faults(draft)).containsExactly(new Fault("/assessmentSources/1/id",
				"SELF, l'auto-évaluation de la collectivité, est déjà une source de tout programme"));
	}

	@Test
	void refusesARoleWithAnUnknownScope() {
		ObjectNode document = new Draft().tree();
		((ObjectNode) document.at("/roles/1")).put("scope", "commune");

		assertThat(faults(document)).containsExactly(
				new Fault("/roles/1/scope", "valeur « commune » non admise : departement, region, national"));
	}

	@Test
	void refusesAFieldWithoutType() {
		ObjectNode document = new Draft().tree();
		((ObjectNode) document.at("/fields/0")).remove("type");

		assertThat(faults(document)).containsExactly(new Fault("/fields/0/type", "obligatoire"));
	}

	@Test
	void refusesAnEscalationOrAnAnnouncementByAnUndeclaredRole() {
		Draft draft = new Draft();
		draft.deadlines.put("frameworkAgreement", new Deadline("Convention-cadre", "P18M", List.of("P12M"), "PREFET"));
		draft.campaigns = new Campaigns("PREFET_REGION", "CONTRACT");

		assertThat(faults(draft)).containsExactly(
				new Fault("/campaigns/announcedBy", "rôle non déclaré « PREFET_REGION » (roles)"),
				new Fault("/deadlines/frameworkAgreement/escalateTo", "rôle non déclaré « PREFET » (roles)"));
	}

	@Test
	void acceptsCampaignsAnnouncedByAnAdministrator() {
		Draft draft = new Draft();
		draft.campaigns = new Campaigns(null, "CONTRACT");

		assertThat(faults(draft)).isEmpty();
		assertThat(read(draft.tree()).referential().runsCampaigns()).isTrue();
	}

	@Test
	void refusesAnInvalidDeadlineOrAReminderAfterIt() {
		Draft draft = new Draft();
		draft.deadlines.put("frameworkAgreement", new Deadline("Convention-cadre", "18 mois", List.of(), null));
		draft.deadlines.put("membership", new Deadline("Adhésion", "P6M", List.of("P7M"), null));
		draft.deadlines.put("none", new Deadline("Sans délai", "P0D", List.of(), null));

		assertThat(faults(draft)).containsExactly(
				new Fault("/deadlines/frameworkAgreement/due",
						"durée ISO-8601 invalide « 18 mois » (durée positive, ex. P18M, P30D)"),
				new Fault("/deadlines/membership/reminders/0", "relance « P7M » pas avant l'échéance « P6M »"),
				new Fault("/deadlines/none/due", "durée ISO-8601 invalide « P0D » (durée positive, ex. P18M, P30D)"));
	}

	@Test
	void refusesACertificateRevokedOrGrantedByAnUndeclaredStatusOrUnknownStep() {
		Draft draft = new Draft();
		draft.certificates.set(1, new CertificateDeclaration("LABEL", "Certificat de label", "Label attribué",
				"Commission nationale", new EventMatch("ValidateLabel", null), List.of("WITHDRAWN", "EXPIRED")));

		assertThat(faults(draft)).containsExactly(
				new Fault("/certificates/1/grantedBy/event", "ni statut déclaré ni étape du processus : « ValidateLabel »"),
				new Fault("/certificates/1/revokedBy/1", "statut non déclaré « EXPIRED » (WITHDRAWN ou statuses)"));
	}

	@Test
	void acceptsACertificateGrantedByAnyStepWhenNoStepIsKnown() {
		Draft draft = new Draft();
		draft.certificates.set(1, new CertificateDeclaration("LABEL", "Certificat de label", "Label attribué",
				"Commission nationale", new EventMatch("ValidateLabel", null), List.of("WITHDRAWN")));

		assertThat(ReferentialValidator.read(draft.tree(), "ecoquartier", Set.of(1), Set.of()).faults()).isEmpty();
	}

	@Test
	void refusesACertificateWithoutGrantingEvent() {
		ObjectNode document = new Draft().tree();
		((ObjectNode) document.at("/certificates/0")).remove("grantedBy");
		((ObjectNode) document.at("/certificates/1/grantedBy")).remove("event");

		assertThat(faults(document)).containsExactly(new Fault("/certificates/0/grantedBy", "obligatoire"),
				new Fault("/certificates/1/grantedBy/event", "obligatoire"));
	}

	// --- every fault at once

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

		assertThat(faults(draft)).containsExactly(
				new Fault("/dimensions/1/criteria/1/notions/0", "objet attendu, valeur vide reçu"),
				new Fault("/stageRules/1/minimumLevels/C1", "texte attendu, valeur vide reçu"));
	}

	@Test
	void reportsAnEmptyListItemOfYaml() throws Exception {
		JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(
				new ObjectMapper(new YAMLFactory()).writeValueAsString(new Draft().build())
					.replace("stageRules:\n", "stageRules:\n- \n"));

		assertThat(faults(document)).containsExactly(new Fault("/stageRules/0", "objet attendu, valeur vide reçu"));
	}

	// --- helpers

	private static Result read(JsonNode document) {
		return ReferentialValidator.read(document, "ecoquartier", Set.of(1), STEPS);
	}

	private static List<Fault> faults(JsonNode document) {
		Result result = read(document);
		assertThat(result.referential() == null).as("a referential only without faults").isEqualTo(!result.valid());
		return result.faults();
	}

	private static List<Fault> faults(Draft draft) {
		return faults(draft.tree());
	}

	private static List<String> fields(JsonNode document) {
		return faults(document).stream().map(Fault::field).toList();
	}

	private static List<String> fields(Draft draft) {
		return fields(draft.tree());
	}

	/** A small valid referential, version 2 of a programme whose version 1 exists; change a part, then build. */
	private static final class Draft {

		String programme = "ecoquartier";

		int version = 2;

		String title = "Référentiel de test";

		Campaigns campaigns = new Campaigns("EXPERT", "CONTRACT");

		final List<Label> stages = new ArrayList<>(List.of(new Label("CHARTER", "Charte"), new Label("CONTRACT", "Engagement")));

		final List<EndStatus> statuses = new ArrayList<>(
				List.of(new EndStatus("LABELLED", "Labellisée", true), new EndStatus("ADJOURNED", "Ajournée", false)));

		final List<RoleDeclaration> roles = new ArrayList<>(List.of(
				new RoleDeclaration("DDT", "Correspondant DDT", ScopeKind.DEPARTEMENT),
				new RoleDeclaration("EXPERT", "Expert", ScopeKind.NATIONAL)));

		final List<Label> assessmentSources = new ArrayList<>(List.of(new Label("COORDINATING_EXPERT", "Expert coordinateur")));

		final List<Label> documentTypes = new ArrayList<>(List.of(new Label("signed-charter", "Charte signée"),
				new Label("council-deliberation", "Délibération du conseil")));

		final List<Field> fields = new ArrayList<>(List.of(
				new Field("projectManagerAnnualCost", "Coût annuel du chef de projet", FieldType.NUMBER),
				new Field("anahParticipates", "L'ANAH participe", FieldType.BOOLEAN),
				new Field("note", "Remarque", FieldType.TEXT)));

		final List<CertificateDeclaration> certificates = new ArrayList<>(List.of(
				new CertificateDeclaration("CHARTER_RECOGNITION", "Reconnaissance de la charte", "Étape 1",
						"Direction départementale des territoires {departement}", new EventMatch("VerifyCharter", "APPROVE"),
						List.of("WITHDRAWN")),
				new CertificateDeclaration("LABEL", "Certificat de label", "Label attribué", "Commission nationale",
						new EventMatch("LABELLED", null), List.of("WITHDRAWN", "ADJOURNED"))));

		final Map<String, Deadline> deadlines = new LinkedHashMap<>(Map.of("frameworkAgreement",
				new Deadline("Convention-cadre", "P18M", List.of("P12M", "P17M"), "DDT")));

		final List<Level> scale = new ArrayList<>(List.of(new Level("L1", "Insuffisant"),
				new Level("L2", "Satisfaisant"), new Level("L3", "Exemplaire")));

		final List<Dimension> dimensions = new ArrayList<>(
				List.of(new Dimension("D1", "Démarche et processus", List.of(criterion1())),
						new Dimension("D2", "Cadre de vie", List.of(criterion2(), criterion3()))));

		final List<StageRule> stageRules = new ArrayList<>(List.of(charterRule("SubmitCharter", List.of("signed-charter")),
				assessmentRule(Map.of("C1", "L2"), new ShareAtLevel("L2", 0.5), 0.5, "SELF")));

		final List<EligibilityRule> eligibility = new ArrayList<>(List.of(new EligibilityRule("population",
				"Moins de 20 000 habitants", "population", 0.0, 20_000.0, null)));

		final List<Subsidy> subsidies = new ArrayList<>(List.of(subsidy("projectManagerAnnualCost", 0.5, 10_000.0,
				new RaisedCap("anahParticipates", 15_000.0))));

		Referential build() {
			return new Referential(programme, version, null, title, "Programme de test", "Un programme pour les tests.",
					campaigns, stages, statuses, roles, assessmentSources, documentTypes, fields, certificates, deadlines,
					scale, dimensions, stageRules, eligibility, subsidies);
		}

		/** The document an administrator would send. */
		ObjectNode tree() {
			return JSON.valueToTree(build());
		}

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

	private static StageRule fieldRule(String field) {
		return new StageRule("R1", "SubmitCharter", "Données", null, null, null, null, null, null, null, null,
				List.of(field));
	}

	private static StageRule assessmentRule(Map<String, String> minimumLevels, ShareAtLevel minimumShare,
			Double targetsMetShare, String source) {
		return new StageRule("R2", "AssessAsCoordinatingExpert", "Chaque critère évalué", null, "all", "all", null,
				minimumLevels == null ? null : new LinkedHashMap<>(minimumLevels), minimumShare, targetsMetShare,
				source, null);
	}

	private static Subsidy subsidy(String cost, Double rate, Double cap, RaisedCap raisedCap) {
		return new Subsidy("ingenierie", "Aide à l'ingénierie", cost, rate, cap, raisedCap);
	}

}
