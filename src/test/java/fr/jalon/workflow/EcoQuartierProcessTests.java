package fr.jalon.workflow;

import static fr.jalon.workflow.ProcessMocks.executableJobs;
import static fr.jalon.workflow.ProcessMocks.issueCertificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.jalon.workflow.ProcessMocks.Call;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The EcoQuartier label process on an in-memory engine: job executor off, every bean the
 * model names mocked, the clock moved by hand. The coverage report lands in
 * {@code target/process-test-coverage/}.
 */
@Deployment(resources = "bpmn/ecoquartier.bpmn")
class EcoQuartierProcessTests {

	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension
		.builder(ProcessMocks.inMemoryEngine("ecoquartier"))
		.assertClassCoverageAtLeast(1.0)
		.build();

	static final String PROCESS = "ecoquartier";

	static final String CANDIDACY = "candidacy-42";

	static final Instant START = Instant.parse("2025-05-15T09:00:00Z");

	static final String COORDINATING_EXPERT = "claire.expert";

	static final Call LABELLED = new Call("GrantLabel", "LABELLED");

	/** Three years after {@link #START}, in Paris time as the referential's P3Y counts. */
	static final Instant THREE_YEARS_ON = START.atZone(java.time.ZoneId.of("Europe/Paris")).plusYears(3).toInstant();

	final ProcessMocks mocks = new ProcessMocks("ecoquartier");

	@BeforeEach
	void setUp() throws Exception {
		init(extension.getProcessEngine());
		ClockUtil.setCurrentTime(Date.from(START));

		mocks.register();
	}

	@AfterEach
	void tearDown() {
		ProcessMocks.reset();
	}

	@Test
	void labelsACandidacyThatPassesEveryStepFirstTime() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		assertThat(candidacy).isStarted().hasBusinessKey(CANDIDACY);

		assertThat(task("SubmitCharter", candidacy)).hasCandidateGroup("COLLECTIVITE:31555").isNotAssigned();
		decide(candidacy, "SubmitCharter", "SUBMIT");
		assertThat(task("VerifyCharter", candidacy)).hasCandidateGroup("DDT:31");
		decide(candidacy, "VerifyCharter", "APPROVE");

		assertThat(mocks.stagesEntered).as("the stage changes with the reviewer's decision").endsWith("CONTRACT");
		assertThat(mocks.certificates).as("the recognition is requested in the reviewer's transaction")
			.containsExactly(new Call("IssueCharterRecognition", "CHARTER_RECOGNITION"));
		assertThat(candidacy).as("issued by an instance of its own: nothing of it runs in this one")
			.isWaitingAtExactly("SubmitContract");
		assertThat(jobQuery().processInstanceId(candidacy.getId()).messages().count()).isZero();

		assertThat(task("SubmitContract", candidacy)).hasCandidateGroup("COLLECTIVITE:31555");
		decide(candidacy, "SubmitContract", "SUBMIT");
		assertThat(candidacy).isWaitingAtExactly("AssessAsCoordinatingExpert", "AssessAsSecondExpert");
		assertThat(task("AssessAsCoordinatingExpert", candidacy)).hasCandidateGroup("EXPERT");
		assertThat(task("AssessAsSecondExpert", candidacy)).hasCandidateGroup("EXPERT");
		completeExpertise(candidacy);
		assertThat(task("RegionalCommissionReview", candidacy)).hasCandidateGroup("REGIONAL_COMMISSION:76");
		decide(candidacy, "RegionalCommissionReview", "APPROVE");
		assertThat(task("NationalCommissionDecision", candidacy)).hasCandidateGroup("NATIONAL_COMMISSION");
		decide(candidacy, "NationalCommissionDecision", "APPROVE");

		assertThat(task("ReportIndicatorValues", candidacy)).hasCandidateGroup("COLLECTIVITE:31555");
		decide(candidacy, "ReportIndicatorValues", "SUBMIT");
		assertThat(task("RecordSiteVisit", candidacy)).hasCandidateGroup("EXPERT");
		decide(candidacy, "RecordSiteVisit", "APPROVE");

		assertThat(task("ValidateLabel", candidacy)).hasCandidateGroup("NATIONAL_COMMISSION");
		decide(candidacy, "ValidateLabel", "APPROVE");

		assertThat(mocks.closings).containsOnlyOnce(LABELLED);
		assertThat(candidacy).as("the label is granted before its certificate is rendered")
			.isWaitingAtExactly("IssueLabelCertificate");
		execute(job("IssueLabelCertificate", candidacy));

		assertThat(candidacy).as("labelled, the candidacy awaits its confirmation, three years on")
			.isWaitingAtExactly("ConfirmationDue")
			.hasPassedInOrder("CandidacySubmitted", "CharterStageEntered", "SubmitCharter", "VerifyCharter",
					"CharterVerified", "IssueCharterRecognition", "ContractStageEntered", "SubmitContract", "ExpertiseSplit", "ExpertiseJoin",
					"WriteSynthesis", "RegionalCommissionReview", "RegionalOpinion", "NationalCommissionDecision",
					"NationalDecision", "PilotTestStageEntered", "ReportIndicatorValues", "RecordSiteVisit",
					"SiteVisitOutcome", "ValidationStageEntered", "ValidateLabel", "LabelValidated", "GrantLabel",
					"StartConfirmationDelay", "IssueLabelCertificate")
			.hasNotPassed("AdjournedByRegionalCommission", "AdjournedByNationalCommission", "AdjournedAtValidation",
					"Withdrawn");
		assertThat(mocks.stagesEntered).containsExactly("CHARTER", "CONTRACT", "PILOT_TEST", "VALIDATION");
		assertThat(ProcessMocks.dueTasks(candidacy)).containsExactly("SubmitCharter", "SubmitContract", "ReportIndicatorValues");
		assertThat(mocks.certificates).containsExactly(new Call("IssueCharterRecognition", "CHARTER_RECOGNITION"),
				new Call("IssueLabelCertificate", "LABEL"));
		assertThat(mocks.closings).containsExactly(LABELLED);
		assertThat(mocks.reminders).isEmpty();
		assertThat(mocks.escalations).isEmpty();
	}

	@Test
	void labelsAfterOneRequestForChangesOnTheCharter() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		decide(candidacy, "SubmitCharter", "SUBMIT");
		decide(candidacy, "VerifyCharter", "REQUEST_CHANGES");

		assertThat(candidacy).isWaitingAtExactly("SubmitCharter").hasNotPassed("ContractStageEntered");
		assertThat(ProcessMocks.dueTasks(candidacy)).containsExactly("SubmitCharter", "SubmitCharter");
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).as("fresh reminder and deadline")
			.isEqualTo(2);

		decide(candidacy, "SubmitCharter", "SUBMIT");
		decide(candidacy, "VerifyCharter", "APPROVE");
		passContractStage(candidacy);
		passPilotTest(candidacy);
		decide(candidacy, "ValidateLabel", "APPROVE");
		issueCertificates(candidacy);

		assertThat(candidacy).isWaitingAtExactly("ConfirmationDue").hasPassed("IssueLabelCertificate");
		assertThat(mocks.stagesEntered).containsExactly("CHARTER", "CONTRACT", "PILOT_TEST", "VALIDATION");
		assertThat(mocks.closings).containsOnlyOnce(LABELLED);
	}

	@Test
	void labelsAfterRegionalCommissionSendsTheContractBack() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		decide(candidacy, "SubmitContract", "SUBMIT");
		completeExpertise(candidacy);
		decide(candidacy, "RegionalCommissionReview", "REQUEST_CHANGES");

		assertThat(candidacy).isWaitingAtExactly("SubmitContract");
		assertThat(mocks.stagesEntered).as("the contract stage is not entered twice").containsExactly("CHARTER", "CONTRACT");

		decide(candidacy, "SubmitContract", "SUBMIT");
		assertThat(candidacy).as("a second round of expertise")
			.isWaitingAtExactly("AssessAsCoordinatingExpert", "AssessAsSecondExpert");
		completeExpertise(candidacy);
		decide(candidacy, "RegionalCommissionReview", "APPROVE");
		decide(candidacy, "NationalCommissionDecision", "APPROVE");
		passPilotTest(candidacy);
		decide(candidacy, "ValidateLabel", "APPROVE");
		issueCertificates(candidacy);

		assertThat(candidacy).isWaitingAtExactly("ConfirmationDue").hasPassed("IssueLabelCertificate");
		assertThat(ProcessMocks.dueTasks(candidacy)).containsExactly("SubmitCharter", "SubmitContract", "SubmitContract",
				"ReportIndicatorValues");
		assertThat(mocks.closings).containsOnlyOnce(LABELLED);
	}

	@Test
	void labelsAfterSiteVisitAsksForNewIndicatorValues() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		passContractStage(candidacy);
		decide(candidacy, "ReportIndicatorValues", "SUBMIT");
		decide(candidacy, "RecordSiteVisit", "REQUEST_CHANGES");

		assertThat(candidacy).isWaitingAtExactly("ReportIndicatorValues").hasNotPassed("ValidationStageEntered");

		passPilotTest(candidacy);
		decide(candidacy, "ValidateLabel", "APPROVE");
		issueCertificates(candidacy);

		assertThat(candidacy).isWaitingAtExactly("ConfirmationDue").hasPassed("IssueLabelCertificate");
		assertThat(ProcessMocks.dueTasks(candidacy)).containsExactly("SubmitCharter", "SubmitContract", "ReportIndicatorValues",
				"ReportIndicatorValues");
		assertThat(mocks.closings).containsOnlyOnce(LABELLED);
	}

	@Test
	void adjournsWhenRegionalCommissionAdjourns() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		decide(candidacy, "SubmitContract", "SUBMIT");
		completeExpertise(candidacy);
		decide(candidacy, "RegionalCommissionReview", "ADJOURN");

		assertThat(candidacy).isEnded()
			.hasPassed("AdjournedByRegionalCommission")
			.hasNotPassed("NationalCommissionDecision", "GrantLabel");
		assertThat(mocks.closings).containsExactly(new Call("AdjournedByRegionalCommission", "ADJOURNED"));
		assertThat(mocks.closings).doesNotContain(LABELLED);
	}

	@Test
	void adjournsWhenNationalCommissionAdjourns() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		decide(candidacy, "SubmitContract", "SUBMIT");
		completeExpertise(candidacy);
		decide(candidacy, "RegionalCommissionReview", "APPROVE");
		decide(candidacy, "NationalCommissionDecision", "ADJOURN");

		assertThat(candidacy).isEnded()
			.hasPassed("AdjournedByNationalCommission")
			.hasNotPassed("PilotTestStageEntered", "GrantLabel");
		assertThat(mocks.closings).containsExactly(new Call("AdjournedByNationalCommission", "ADJOURNED"));
		assertThat(mocks.closings).doesNotContain(LABELLED);
	}

	@Test
	void adjournsWhenNationalCommissionRefusesToValidate() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		passContractStage(candidacy);
		passPilotTest(candidacy);
		decide(candidacy, "ValidateLabel", "ADJOURN");

		assertThat(candidacy).isEnded()
			.hasPassed("AdjournedAtValidation")
			.hasNotPassed("GrantLabel", "IssueLabelCertificate", "ConfirmationDue");
		assertThat(mocks.certificates).containsExactly(new Call("IssueCharterRecognition", "CHARTER_RECOGNITION"));
		assertThat(mocks.closings).containsExactly(new Call("AdjournedAtValidation", "ADJOURNED"));
		assertThat(mocks.stagesEntered).containsExactly("CHARTER", "CONTRACT", "PILOT_TEST", "VALIDATION");
		assertThat(mocks.closings).doesNotContain(LABELLED);
	}

	@Test
	void closesEveryOpenTaskOnWithdrawalDuringTheCharter() {
		ProcessInstance candidacy = startCandidacy();
		assertThat(candidacy).isWaitingAtExactly("SubmitCharter");
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).isEqualTo(2);

		withdraw();

		assertThat(candidacy).isEnded().hasPassed("WithdrawalRequested", "Withdrawn").hasNotPassed("VerifyCharter");
		assertThat(taskQuery().processInstanceId(candidacy.getId()).count()).isZero();
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).as("timers cancelled").isZero();
		assertThat(mocks.closings).as("the domain records the withdrawal itself").isEmpty();
	}

	@Test
	void closesEveryOpenTaskOnWithdrawalDuringTheExpertise() {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		decide(candidacy, "SubmitContract", "SUBMIT");
		assertThat(taskQuery().processInstanceId(candidacy.getId()).list()).extracting(Task::getTaskDefinitionKey)
			.containsExactlyInAnyOrder("AssessAsCoordinatingExpert", "AssessAsSecondExpert");

		withdraw();

		assertThat(candidacy).isEnded().hasPassed("WithdrawalRequested", "Withdrawn").hasNotPassed("ExpertiseJoin");
		assertThat(taskQuery().processInstanceId(candidacy.getId()).count()).isZero();
		assertThat(mocks.closings).isEmpty();
		assertThat(runtimeService().createExecutionQuery().processInstanceId(candidacy.getId()).count()).isZero();
	}

	@Test
	void retriesAFailedLabelCertificateWithoutUndoingTheLabel() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		passContractStage(candidacy);
		passPilotTest(candidacy);
		decide(candidacy, "ValidateLabel", "APPROVE");
		mocks.certificateFailures = 2;

		Job first = job("IssueLabelCertificate", candidacy);
		assertThatThrownBy(() -> execute(first)).hasMessageContaining("PDF renderer unavailable");

		Job retried = job("IssueLabelCertificate", candidacy);
		assertThat(retried.getRetries()).as("R5: four tries left").isEqualTo(4);
		assertThat(retried.getDuedate()).as("one minute later").isEqualTo(Date.from(START.plusSeconds(60)));
		assertThat(retried.getExceptionMessage()).contains("PDF renderer unavailable");
		assertThat(candidacy).isWaitingAtExactly("IssueLabelCertificate");
		assertThat(mocks.closings).containsOnlyOnce(LABELLED);
		assertThat(mocks.closings).as("the decision stands").containsExactly(LABELLED);

		ClockUtil.setCurrentTime(Date.from(START.plusSeconds(61)));
		assertThatThrownBy(() -> execute(retried)).hasMessageContaining("PDF renderer unavailable");
		assertThat(job("IssueLabelCertificate", candidacy).getRetries()).isEqualTo(3);
		ClockUtil.setCurrentTime(Date.from(START.plusSeconds(122)));
		execute(job("IssueLabelCertificate", candidacy));

		assertThat(candidacy).isWaitingAtExactly("ConfirmationDue").hasPassed("IssueLabelCertificate");
		assertThat(mocks.certificates).containsExactly(new Call("IssueCharterRecognition", "CHARTER_RECOGNITION"),
				new Call("IssueLabelCertificate", "LABEL"));
		assertThat(mocks.closings).containsOnlyOnce(LABELLED);
	}

	@Test
	void endsOnWithdrawalOnceTheCharterRecognitionIsRequested() {
		ProcessInstance candidacy = startCandidacy();
		decide(candidacy, "SubmitCharter", "SUBMIT");
		decide(candidacy, "VerifyCharter", "APPROVE");

		withdraw();

		assertThat(candidacy).isEnded().hasPassed("IssueCharterRecognition", "Withdrawn");
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).isZero();
		assertThat(mocks.certificates).containsExactly(new Call("IssueCharterRecognition", "CHARTER_RECOGNITION"));
	}

	@Test
	void issuesEveryCertificateAsynchronouslyWithFiveTries() {
		String definitionId = repositoryService().createProcessDefinitionQuery()
			.processDefinitionKey(PROCESS)
			.singleResult()
			.getId();
		BpmnModelInstance model = repositoryService().getBpmnModelInstance(definitionId);

		List<ServiceTask> issuing = model.getModelElementsByType(ServiceTask.class)
			.stream()
			.filter(task -> "${issueCertificate}".equals(task.getCamundaDelegateExpression()))
			.toList();

		assertThat(issuing).extracting(ServiceTask::getId)
			.containsExactly("IssueLabelCertificate", "IssueConfirmationCertificate");
		assertThat(issuing).allSatisfy(task -> {
			assertThat(task.isCamundaAsyncBefore()).isTrue();
			assertThat(task.getExtensionElements()
				.getElementsQuery()
				.filterByType(CamundaFailedJobRetryTimeCycle.class)
				.singleResult()
				.getTextContent()).isEqualTo("R5/PT1M");
			assertThat(task.isCamundaExclusive()).isTrue();
		});
	}

	/**
	 * The charter recognition is due while the collectivité's next task is open: the process asks for it in the
	 * reviewer's transaction, and an instance of the engine's certificate process issues it (asynchronously, five
	 * tries), whose job never touches this instance's executions.
	 */
	@Test
	void requestsTheCharterRecognitionFromAnInstanceOfItsOwn() throws Exception {
		String definitionId = repositoryService().createProcessDefinitionQuery()
			.processDefinitionKey(PROCESS)
			.singleResult()
			.getId();
		ServiceTask request = repositoryService().getBpmnModelInstance(definitionId)
			.getModelElementById("IssueCharterRecognition");
		assertThat(request.getCamundaDelegateExpression()).isEqualTo("${requestCertificate}");
		assertThat(request.isCamundaAsyncBefore()).as("in the reviewer's transaction").isFalse();
		assertThat(request.isCamundaAsyncAfter()).isFalse();

		BpmnModelInstance certificate;
		try (var bpmn = getClass().getResourceAsStream("/workflow/" + CertificateRequests.PROCESS + ".bpmn")) {
			certificate = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(bpmn);
		}
		ServiceTask issue = certificate.getModelElementById("IssueCertificate");
		assertThat(issue.getCamundaDelegateExpression()).isEqualTo("${issueCertificate}");
		assertThat(issue.isCamundaAsyncBefore()).isTrue();
		assertThat(issue.getExtensionElements()
			.getElementsQuery()
			.filterByType(CamundaFailedJobRetryTimeCycle.class)
			.singleResult()
			.getTextContent()).isEqualTo("R5/PT1M");
	}

	@Test
	void remindsThenEscalatesOverdueCharter() {
		ProcessInstance candidacy = startCandidacy();

		remindsThenEscalates(candidacy, "SubmitCharter", "charter");
	}

	@Test
	void remindsThenEscalatesOverdueContract() {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);

		remindsThenEscalates(candidacy, "SubmitContract", "contract");
	}

	@Test
	void remindsThenEscalatesOverdueIndicatorValues() {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		passContractStage(candidacy);

		remindsThenEscalates(candidacy, "ReportIndicatorValues", "indicatorValues");
	}

	@Test
	void assignsSynthesisToCoordinatingExpert() {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		decide(candidacy, "SubmitContract", "SUBMIT");
		complete(task("AssessAsCoordinatingExpert", candidacy), withVariables("decision", "SUBMIT",
				"coordinatingExpert", COORDINATING_EXPERT));

		assertThat(candidacy).as("waits for the second expert")
			.isWaitingAt("AssessAsSecondExpert")
			.isNotWaitingAt("AssessAsCoordinatingExpert", "WriteSynthesis");

		decide(candidacy, "AssessAsSecondExpert", "SUBMIT");

		assertThat(candidacy).isWaitingAtExactly("WriteSynthesis");
		assertThat(task("WriteSynthesis", candidacy)).isAssignedTo(COORDINATING_EXPERT)
			.hasCandidateGroupAssociated("EXPERT");
	}

	@Test
	void declaresOutcomesAndActorOfEveryUserTask() {
		String definitionId = repositoryService().createProcessDefinitionQuery()
			.processDefinitionKey(PROCESS)
			.singleResult()
			.getId();
		BpmnModelInstance model = repositoryService().getBpmnModelInstance(definitionId);

		Map<String, Map<String, String>> properties = model.getModelElementsByType(UserTask.class)
			.stream()
			.collect(Collectors.toMap(UserTask::getId, ProcessMocks::propertiesOf));

		assertThat(properties).containsOnly(
				entry("SubmitCharter", Map.of("outcomes", "SUBMIT")),
				entry("VerifyCharter", Map.of("outcomes", "APPROVE,REQUEST_CHANGES", "shows",
						"documents,population,intercommunalite", "documentsOf", "SubmitCharter")),
				entry("SubmitContract",
						Map.of("outcomes", "SUBMIT", "assessmentSource", "SELF",
								"indicatorField", "target")),
				entry("AssessAsCoordinatingExpert",
						Map.of("outcomes", "SUBMIT", "assessmentSource", "COORDINATING_EXPERT",
								"distinctFrom", "AssessAsSecondExpert", "recordsActorAs", "coordinatingExpert",
								"shows", "population,intercommunalite,partners,documents", "documentsOf",
								"SubmitCharter,SubmitContract")),
				entry("AssessAsSecondExpert",
						Map.of("outcomes", "SUBMIT", "assessmentSource", "SECOND_EXPERT",
								"distinctFrom", "AssessAsCoordinatingExpert", "shows",
								"population,intercommunalite,partners,documents", "documentsOf",
								"SubmitCharter,SubmitContract")),
				entry("WriteSynthesis", Map.of("outcomes", "SUBMIT", "shows", "evaluation", "requiresComment", "true")),
				entry("RegionalCommissionReview",
						Map.of("outcomes", "APPROVE,ADJOURN,REQUEST_CHANGES", "showsEvaluation", "true", "shows",
								"evaluation,population,intercommunalite,partners,documents", "documentsOf",
								"SubmitCharter,SubmitContract")),
				entry("NationalCommissionDecision",
						Map.of("outcomes", "APPROVE,ADJOURN", "showsEvaluation", "true", "shows",
								"evaluation,population,intercommunalite,partners,documents", "documentsOf",
								"SubmitCharter,SubmitContract")),
				entry("ReportIndicatorValues",
						Map.of("outcomes", "SUBMIT", "indicatorField", "value")),
				entry("RecordSiteVisit", Map.of("outcomes", "APPROVE,REQUEST_CHANGES", "shows",
						"documents,population,intercommunalite")),
				entry("ValidateLabel", Map.of("outcomes", "APPROVE,ADJOURN", "showsEvaluation", "true", "shows",
						"evaluation,documents,population,intercommunalite")),
				entry("EvaluateUsage", Map.of("outcomes", "SUBMIT", "requiresComment", "true")),
				entry("AssessUsageAsCoordinatingExpert",
						Map.of("outcomes", "SUBMIT", "assessmentSource", "USAGE_COORDINATOR", "distinctFrom",
								"AssessUsageAsSecondExpert", "shows", "evaluation,population,intercommunalite,partners,documents",
								"documentsOf", "SubmitContract,EvaluateUsage")),
				entry("AssessUsageAsSecondExpert",
						Map.of("outcomes", "SUBMIT", "assessmentSource", "USAGE_SECOND", "distinctFrom",
								"AssessUsageAsCoordinatingExpert", "shows",
								"evaluation,population,intercommunalite,partners,documents", "documentsOf",
								"SubmitContract,EvaluateUsage")),
				entry("ConfirmationRegionalReview",
						Map.of("outcomes", "APPROVE,ADJOURN", "showsEvaluation", "true", "shows",
								"evaluation,population,intercommunalite,partners,documents", "documentsOf", "EvaluateUsage")),
				entry("ConfirmationNationalDecision",
						Map.of("outcomes", "APPROVE,ADJOURN", "showsEvaluation", "true", "shows",
								"evaluation,population,intercommunalite,partners,documents", "documentsOf",
								"EvaluateUsage")));
	}

	// --- Step 4, « EcoQuartier confirmé »: three years after the label (the referential's deadline confirmation)

	@Test
	void confirmsTheLabelThreeYearsLaterAfterTheUsageEvaluation() {
		ProcessInstance candidacy = labelled();
		Job due = job("ConfirmationDue", candidacy);
		assertThat(due.getDuedate()).as("P3Y from the label's decision, in Paris time").isEqualTo(Date.from(THREE_YEARS_ON));
		assertThat(ProcessMocks.deadlineStarts(candidacy, "confirmation")).isEqualTo(1);

		ClockUtil.setCurrentTime(Date.from(THREE_YEARS_ON.minus(Duration.ofDays(1))));
		assertThat(executableJobs(candidacy)).as("not due at three years minus a day").isEmpty();
		assertThat(candidacy).isWaitingAtExactly("ConfirmationDue");
		ClockUtil.setCurrentTime(Date.from(THREE_YEARS_ON));
		assertThat(executableJobs(candidacy)).as("due at three years").containsExactly(due.getId());
		execute(due);

		assertThat(mocks.stagesEntered).endsWith("VALIDATION", "CONFIRMATION");
		assertThat(candidacy).isWaitingAtExactly("EvaluateUsage");
		assertThat(task("EvaluateUsage", candidacy)).hasCandidateGroup("COLLECTIVITE:31555")
			.hasDueDate(Date.from(THREE_YEARS_ON.plus(Duration.ofDays(90))));
		assertThat(job("EvaluateUsageReminder", candidacy).getDuedate())
			.isEqualTo(Date.from(THREE_YEARS_ON.plus(Duration.ofDays(76))));
		decide(candidacy, "EvaluateUsage", "SUBMIT");

		assertThat(candidacy).isWaitingAtExactly("AssessUsageAsCoordinatingExpert", "AssessUsageAsSecondExpert");
		assertThat(task("AssessUsageAsCoordinatingExpert", candidacy)).hasCandidateGroup("EXPERT");
		assertThat(task("AssessUsageAsSecondExpert", candidacy)).hasCandidateGroup("EXPERT");
		completeUsageExpertise(candidacy);
		assertThat(task("ConfirmationRegionalReview", candidacy)).hasCandidateGroup("REGIONAL_COMMISSION:76");
		decide(candidacy, "ConfirmationRegionalReview", "APPROVE");
		assertThat(task("ConfirmationNationalDecision", candidacy)).hasCandidateGroup("NATIONAL_COMMISSION");
		decide(candidacy, "ConfirmationNationalDecision", "APPROVE");

		assertThat(mocks.closings).containsExactly(LABELLED, new Call("GrantConfirmation", "CONFIRMED"));
		assertThat(candidacy).as("confirmed before its certificate is rendered")
			.isWaitingAtExactly("IssueConfirmationCertificate");
		execute(job("IssueConfirmationCertificate", candidacy));

		assertThat(candidacy).isEnded()
			.hasPassedInOrder("GrantLabel", "IssueLabelCertificate", "ConfirmationDue", "ConfirmationStageEntered",
					"EvaluateUsage", "UsageExpertiseSplit", "UsageExpertiseJoin", "ConfirmationRegionalReview",
					"ConfirmationRegionalOpinion", "ConfirmationNationalDecision", "ConfirmationNationalOutcome",
					"GrantConfirmation", "IssueConfirmationCertificate", "Confirmed")
			.hasNotPassed("ConfirmationAdjournedByRegionalCommission", "ConfirmationAdjournedByNationalCommission");
		assertThat(mocks.certificates).containsExactly(new Call("IssueCharterRecognition", "CHARTER_RECOGNITION"),
				new Call("IssueLabelCertificate", "LABEL"), new Call("IssueConfirmationCertificate", "CONFIRMATION"));
		assertThat(ProcessMocks.dueTasks(candidacy)).endsWith("ReportIndicatorValues", "EvaluateUsage");
		assertThat(mocks.reminders).isEmpty();
	}

	@Test
	void keepsTheLabelWhenTheRegionalCommissionAdjournsTheConfirmation() {
		ProcessInstance candidacy = inConfirmation();
		decide(candidacy, "EvaluateUsage", "SUBMIT");
		completeUsageExpertise(candidacy);
		decide(candidacy, "ConfirmationRegionalReview", "ADJOURN");

		assertThat(candidacy).isEnded()
			.hasPassed("ConfirmationAdjournedByRegionalCommission")
			.hasNotPassed("ConfirmationNationalDecision", "GrantConfirmation", "Confirmed");
		assertThat(mocks.closings).as("closed again in its label, the later step over")
			.containsExactly(LABELLED, new Call("ConfirmationAdjournedByRegionalCommission", "LABELLED"));
		assertThat(mocks.certificates).doesNotContain(new Call("IssueConfirmationCertificate", "CONFIRMATION"));
	}

	@Test
	void keepsTheLabelWhenTheNationalCommissionAdjournsTheConfirmation() {
		ProcessInstance candidacy = inConfirmation();
		decide(candidacy, "EvaluateUsage", "SUBMIT");
		completeUsageExpertise(candidacy);
		decide(candidacy, "ConfirmationRegionalReview", "APPROVE");
		decide(candidacy, "ConfirmationNationalDecision", "ADJOURN");

		assertThat(candidacy).isEnded()
			.hasPassed("ConfirmationAdjournedByNationalCommission")
			.hasNotPassed("GrantConfirmation", "IssueConfirmationCertificate", "Confirmed");
		assertThat(mocks.closings)
			.containsExactly(LABELLED, new Call("ConfirmationAdjournedByNationalCommission", "LABELLED"));
	}

	@Test
	void remindsThenEscalatesOverdueUsageEvaluation() {
		ProcessInstance candidacy = inConfirmation();

		remindsThenEscalates(candidacy, "EvaluateUsage", "usageEvaluation", THREE_YEARS_ON, 76, 90);
	}

	@Test
	void endsOnWithdrawalWhileAwaitingTheConfirmation() {
		ProcessInstance candidacy = labelled();

		withdraw();

		assertThat(candidacy).isEnded().hasPassed("Withdrawn").hasNotPassed("ConfirmationStageEntered");
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).as("the three-year timer cancelled").isZero();
	}

	/** A candidacy labelled at {@link #START}, its label's certificate issued. */
	ProcessInstance labelled() {
		ProcessInstance candidacy = startCandidacy();
		passCharterStage(candidacy);
		passContractStage(candidacy);
		passPilotTest(candidacy);
		decide(candidacy, "ValidateLabel", "APPROVE");
		issueCertificates(candidacy);
		assertThat(candidacy).isWaitingAtExactly("ConfirmationDue");
		return candidacy;
	}

	/** A candidacy labelled at {@link #START}, its confirmation opened three years on. */
	ProcessInstance inConfirmation() {
		ProcessInstance candidacy = labelled();
		ClockUtil.setCurrentTime(Date.from(THREE_YEARS_ON));
		execute(job("ConfirmationDue", candidacy));
		assertThat(candidacy).isWaitingAtExactly("EvaluateUsage");
		return candidacy;
	}

	void completeUsageExpertise(ProcessInstance candidacy) {
		decide(candidacy, "AssessUsageAsCoordinatingExpert", "SUBMIT");
		decide(candidacy, "AssessUsageAsSecondExpert", "SUBMIT");
	}

	/**
	 * Moves the clock past the reminder, then past the deadline, of a collectivite task
	 * created at {@link #START}: each timer fires once, in that order, and the task stays open.
	 */
	void remindsThenEscalates(ProcessInstance candidacy, String taskKey, String recipient) {
		remindsThenEscalates(candidacy, taskKey, recipient, START, 23, 30);
	}

	/** As above, for a task opened at {@code opened}, reminded {@code remindAfter} days later, due {@code dueAfter}. */
	void remindsThenEscalates(ProcessInstance candidacy, String taskKey, String recipient, Instant opened,
			int remindAfter, int dueAfter) {
		Task overdue = task(taskKey, candidacy);
		Job reminder = job(taskKey + "Reminder", candidacy);
		Job deadline = job(taskKey + "Deadline", candidacy);
		assertThat(reminder.getDuedate()).isEqualTo(Date.from(opened.plus(Duration.ofDays(remindAfter))));
		assertThat(deadline.getDuedate()).isEqualTo(Date.from(opened.plus(Duration.ofDays(dueAfter))));
		assertThat(executableJobs(candidacy)).as("nothing due yet").isEmpty();

		ClockUtil.setCurrentTime(Date.from(opened.plus(Duration.ofDays(remindAfter)).plusSeconds(60)));
		assertThat(executableJobs(candidacy)).as("only the reminder is due").containsExactly(reminder.getId());
		execute(reminder);

		assertThat(mocks.reminders).containsExactly("Remind" + taskKey);
		assertThat(mocks.escalations).isEmpty();
		assertThat(candidacy).hasPassed(taskKey + "Reminder", "Remind" + taskKey, taskKey + "Reminded")
			.hasNotPassed(taskKey + "Deadline")
			.isWaitingAtExactly(taskKey);

		ClockUtil.setCurrentTime(Date.from(opened.plus(Duration.ofDays(dueAfter)).plusSeconds(60)));
		assertThat(executableJobs(candidacy)).as("only the deadline is due").containsExactly(deadline.getId());
		execute(deadline);

		assertThat(mocks.escalations).containsExactly(new Call("Escalate" + taskKey, recipient));
		assertThat(mocks.reminders).as("the reminder fires only once").hasSize(1);
		assertThat(candidacy).hasPassed(taskKey + "Deadline", "Escalate" + taskKey, taskKey + "Escalated")
			.isWaitingAtExactly(taskKey);
		assertThat(task(taskKey, candidacy).getId()).as("the same task stays open").isEqualTo(overdue.getId());
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).as("both timers consumed").isZero();
		assertThat(mocks.closings).as("no closing since the task opened")
			.allMatch(call -> call.equals(LABELLED));
	}

	ProcessInstance startCandidacy() {
		return runtimeService().startProcessInstanceByKey(PROCESS, CANDIDACY,
				withVariables("collectivite", "31555", "departement", "31", "region", "76"));
	}

	void passCharterStage(ProcessInstance candidacy) {
		decide(candidacy, "SubmitCharter", "SUBMIT");
		decide(candidacy, "VerifyCharter", "APPROVE");
	}

	void passContractStage(ProcessInstance candidacy) {
		decide(candidacy, "SubmitContract", "SUBMIT");
		completeExpertise(candidacy);
		decide(candidacy, "RegionalCommissionReview", "APPROVE");
		decide(candidacy, "NationalCommissionDecision", "APPROVE");
	}

	void completeExpertise(ProcessInstance candidacy) {
		complete(task("AssessAsCoordinatingExpert", candidacy), withVariables("decision", "SUBMIT",
				"coordinatingExpert", COORDINATING_EXPERT));
		decide(candidacy, "AssessAsSecondExpert", "SUBMIT");
		decide(candidacy, "WriteSynthesis", "SUBMIT");
	}

	void passPilotTest(ProcessInstance candidacy) {
		decide(candidacy, "ReportIndicatorValues", "SUBMIT");
		decide(candidacy, "RecordSiteVisit", "APPROVE");
	}

	void decide(ProcessInstance candidacy, String taskKey, String decision) {
		assertThat(candidacy).isWaitingAt(taskKey);
		complete(task(taskKey, candidacy), withVariables("decision", decision));
	}

	void withdraw() {
		runtimeService().createMessageCorrelation("CandidacyWithdrawn").processInstanceBusinessKey(CANDIDACY).correlate();
	}

}
