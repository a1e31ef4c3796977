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

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;

import fr.jalon.workflow.ProcessMocks.Call;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
import org.mockito.stubbing.Answer;

/**
 * The Petites villes de demain process on an in-memory engine: job executor off, every bean
 * the model names mocked, the clock moved by hand. The coverage report lands in
 * {@code target/process-test-coverage/}.
 */
@Deployment(resources = "bpmn/pvd.bpmn")
class PvdProcessTests {

	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension
		.builder(ProcessMocks.inMemoryEngine("pvd"))
		.assertClassCoverageAtLeast(1.0)
		.build();

	static final String PROCESS = "pvd";

	static final String CANDIDACY = "candidacy-84";

	static final Instant START = Instant.parse("2020-10-01T09:00:00Z");

	/** When the préfet countersigns the membership agreement: the 18 months run from there. */
	static final Instant COUNTERSIGNED = Instant.parse("2021-03-15T14:00:00Z");

	final ProcessMocks mocks = new ProcessMocks("pvd");

	final JavaDelegate checkEligibility = mock(JavaDelegate.class);

	@BeforeEach
	void setUp() throws Exception {
		init(extension.getProcessEngine());
		ClockUtil.setCurrentTime(Date.from(START));

		doAnswer(judgesEligible(true)).when(checkEligibility).execute(any());

		mocks.register();
		Mocks.register("checkEligibility", checkEligibility);
	}

	@AfterEach
	void tearDown() {
		ProcessMocks.reset();
	}

	@Test
	void engagesACandidacyThatPassesEveryStepFirstTime() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		assertThat(candidacy).isStarted().hasBusinessKey(CANDIDACY);

		assertThat(task("SubmitCandidacy", candidacy)).hasCandidateGroup("COLLECTIVITE:84123").isNotAssigned();
		decide(candidacy, "SubmitCandidacy", "SUBMIT");
		assertThat(candidacy).hasVariables("eligible");
		assertThat(task("DepartmentReview", candidacy)).hasCandidateGroup("PREFET:84");
		decide(candidacy, "DepartmentReview", "APPROVE");
		assertThat(task("RegionalSelection", candidacy)).hasCandidateGroup("PREFET_REGION:93");
		decide(candidacy, "RegionalSelection", "APPROVE");

		announceCampaign();

		assertThat(task("SubmitMembershipAgreement", candidacy)).hasCandidateGroup("COLLECTIVITE:84123");
		decide(candidacy, "SubmitMembershipAgreement", "SUBMIT");
		assertThat(task("CountersignMembershipAgreement", candidacy)).hasCandidateGroup("PREFET:84");
		decide(candidacy, "CountersignMembershipAgreement", "APPROVE");

		assertThat(task("RequestProjectManagerFunding", candidacy)).hasCandidateGroup("COLLECTIVITE:84123");
		decide(candidacy, "RequestProjectManagerFunding", "SUBMIT");
		assertThat(task("ApproveProjectManagerFunding", candidacy)).hasCandidateGroup("PREFET:84");
		decide(candidacy, "ApproveProjectManagerFunding", "APPROVE");

		assertThat(task("SubmitFrameworkAgreement", candidacy)).hasCandidateGroup("COLLECTIVITE:84123");
		decide(candidacy, "SubmitFrameworkAgreement", "SUBMIT");
		assertThat(task("ApproveFrameworkAgreement", candidacy)).hasCandidateGroup("PREFET:84");
		decide(candidacy, "ApproveFrameworkAgreement", "APPROVE");

		assertThat(mocks.closings).as("engaged in the préfet's own transaction")
			.containsExactly(new Call("CandidacyEngaged", "ENGAGED"));
		assertThat(candidacy).as("the certificate is a job of its own").isWaitingAtExactly("IssueEngagementCertificate");
		assertThat(mocks.certificates).isEmpty();
		execute(job("IssueEngagementCertificate", candidacy));

		assertThat(candidacy).isEnded()
			.hasPassedInOrder("PvdCandidacySubmitted", "CandidacyStageEntered", "SubmitCandidacy", "CheckEligibility",
					"EligibilityChecked", "DepartmentReviewStageEntered", "DepartmentReview", "DepartmentOpinion",
					"RegionalSelectionStageEntered", "RegionalSelection", "Selected", "AnnouncementStageEntered",
					"CampaignAnnounced", "MembershipAgreementStageEntered", "SubmitMembershipAgreement",
					"CountersignMembershipAgreement", "MembershipAgreementCountersigned", "ScheduleFrameworkAgreement",
					"ProjectManagerStageEntered", "RequestProjectManagerFunding", "ApproveProjectManagerFunding",
					"ProjectManagerFundingApproved", "FrameworkAgreementStageEntered", "SubmitFrameworkAgreement",
					"ApproveFrameworkAgreement", "FrameworkAgreementApproved", "CandidacyEngaged",
					"IssueEngagementCertificate", "Engaged")
			.hasNotPassed("Ineligible", "NotSelected", "FrameworkFirstReminder", "FrameworkLastReminder",
					"FrameworkDeadline", "Withdrawn");
		assertThat(mocks.stagesEntered).containsExactly("CANDIDACY", "DEPARTMENT_REVIEW", "REGIONAL_SELECTION",
				"ANNOUNCEMENT", "MEMBERSHIP_AGREEMENT", "PROJECT_MANAGER", "FRAMEWORK_AGREEMENT");
		assertThat(mocks.closings).containsExactly(new Call("CandidacyEngaged", "ENGAGED"));
		assertThat(mocks.certificates).containsExactly(new Call("IssueEngagementCertificate", "PVD_ENGAGEMENT"));
		verify(checkEligibility, times(1)).execute(any());
		assertThat(ProcessMocks.deadlineStarts(candidacy, "frameworkAgreement")).isEqualTo(1);
		assertThat(mocks.reminders).isEmpty();
		assertThat(mocks.escalations).isEmpty();
	}

	@Test
	void closesAsIneligibleWhenTheEligibilityCheckFails() throws Exception {
		doAnswer(judgesEligible(false)).when(checkEligibility).execute(any());
		ProcessInstance candidacy = startCandidacy();

		decide(candidacy, "SubmitCandidacy", "SUBMIT");

		assertThat(candidacy).isEnded()
			.hasPassedInOrder("SubmitCandidacy", "CheckEligibility", "EligibilityChecked", "Ineligible")
			.hasNotPassed("DepartmentReviewStageEntered", "DepartmentReview");
		assertThat(mocks.closings).containsExactly(new Call("Ineligible", "INELIGIBLE"));
		assertThat(mocks.stagesEntered).containsExactly("CANDIDACY");
	}

	@Test
	void returnsTheCandidacyToTheCollectiviteWhenThePrefetRequestsChanges() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		decide(candidacy, "SubmitCandidacy", "SUBMIT");
		decide(candidacy, "DepartmentReview", "REQUEST_CHANGES");

		assertThat(candidacy).isWaitingAtExactly("SubmitCandidacy").hasNotPassed("RegionalSelectionStageEntered");
		assertThat(mocks.stagesEntered).as("the candidacy stage is not entered twice")
			.containsExactly("CANDIDACY", "DEPARTMENT_REVIEW");

		decide(candidacy, "SubmitCandidacy", "SUBMIT");
		verify(checkEligibility, times(2).description("eligibility is checked again")).execute(any());
		decide(candidacy, "DepartmentReview", "APPROVE");

		assertThat(candidacy).isWaitingAtExactly("RegionalSelection");
		assertThat(mocks.stagesEntered).containsExactly("CANDIDACY", "DEPARTMENT_REVIEW", "DEPARTMENT_REVIEW",
				"REGIONAL_SELECTION");
		assertThat(mocks.closings).isEmpty();
	}

	@Test
	void forwardsAnUnfavourableDepartmentOpinionToTheRegionalSelection() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		decide(candidacy, "SubmitCandidacy", "SUBMIT");
		decide(candidacy, "DepartmentReview", "REJECT");

		assertThat(candidacy).as("the préfet de région decides").isWaitingAtExactly("RegionalSelection");
		assertThat(task("RegionalSelection", candidacy)).hasCandidateGroup("PREFET_REGION:93");
		assertThat(mocks.closings).isEmpty();

		decide(candidacy, "RegionalSelection", "APPROVE");

		assertThat(candidacy).isWaitingAtExactly("CampaignAnnounced");
	}

	@Test
	void closesAsNotSelectedWhenThePrefetDeRegionRejects() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		decide(candidacy, "SubmitCandidacy", "SUBMIT");
		decide(candidacy, "DepartmentReview", "APPROVE");
		decide(candidacy, "RegionalSelection", "REJECT");

		assertThat(candidacy).isEnded()
			.hasPassedInOrder("RegionalSelection", "Selected", "NotSelected")
			.hasNotPassed("AnnouncementStageEntered", "CampaignAnnounced");
		assertThat(mocks.closings).containsExactly(new Call("NotSelected", "NOT_SELECTED"));
		assertThat(mocks.stagesEntered).containsExactly("CANDIDACY", "DEPARTMENT_REVIEW", "REGIONAL_SELECTION");
	}

	@Test
	void waitsForTheCampaignAnnouncementCorrelatedByBusinessKey() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		ProcessInstance other = startCandidacy("candidacy-85");
		select(candidacy);
		select(other);

		assertThat(candidacy).isWaitingAtExactly("CampaignAnnounced");
		assertThat(taskQuery().processInstanceId(candidacy.getId()).count()).as("nobody has anything to do").isZero();
		assertThat(campaignSubscriptions(candidacy)).isEqualTo(1);

		announceCampaign();

		assertThat(candidacy).hasPassed("CampaignAnnounced", "MembershipAgreementStageEntered")
			.isWaitingAtExactly("SubmitMembershipAgreement");
		assertThat(campaignSubscriptions(candidacy)).isZero();
		assertThat(other).as("another candidacy of the campaign still waits for its own message")
			.isWaitingAtExactly("CampaignAnnounced");
	}

	@Test
	void returnsTheMembershipAgreementWhenThePrefetRequestsChanges() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		selectAndAnnounce(candidacy);
		decide(candidacy, "SubmitMembershipAgreement", "SUBMIT");
		decide(candidacy, "CountersignMembershipAgreement", "REQUEST_CHANGES");

		assertThat(candidacy).isWaitingAtExactly("SubmitMembershipAgreement")
			.hasNotPassed("ScheduleFrameworkAgreement");
		assertThat(ProcessMocks.deadlineStarts(candidacy, "frameworkAgreement")).isZero();

		decide(candidacy, "SubmitMembershipAgreement", "SUBMIT");
		decide(candidacy, "CountersignMembershipAgreement", "APPROVE");

		assertThat(candidacy).hasPassed("ScheduleFrameworkAgreement").isWaitingAtExactly("RequestProjectManagerFunding");
		assertThat(ProcessMocks.deadlineStarts(candidacy, "frameworkAgreement")).isEqualTo(1);
		assertThat(mocks.stagesEntered).containsExactly("CANDIDACY", "DEPARTMENT_REVIEW", "REGIONAL_SELECTION",
				"ANNOUNCEMENT", "MEMBERSHIP_AGREEMENT", "PROJECT_MANAGER");
	}

	@Test
	void returnsTheProjectManagerFundingRequestWhenThePrefetRequestsChanges() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		selectAndAnnounce(candidacy);
		signMembershipAgreement(candidacy);
		decide(candidacy, "RequestProjectManagerFunding", "SUBMIT");
		decide(candidacy, "ApproveProjectManagerFunding", "REQUEST_CHANGES");

		assertThat(candidacy).isWaitingAtExactly("RequestProjectManagerFunding")
			.hasNotPassed("FrameworkAgreementStageEntered");

		decide(candidacy, "RequestProjectManagerFunding", "SUBMIT");
		decide(candidacy, "ApproveProjectManagerFunding", "APPROVE");

		assertThat(candidacy).isWaitingAtExactly("SubmitFrameworkAgreement");
		assertThat(mocks.stagesEntered).endsWith("PROJECT_MANAGER", "FRAMEWORK_AGREEMENT");
		assertThat(ProcessMocks.deadlineStarts(candidacy, "frameworkAgreement")).isEqualTo(1);
	}

	@Test
	void remindsTwiceThenEscalatesAnOverdueFrameworkAgreementThenEngages() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		selectAndAnnounce(candidacy);
		ClockUtil.setCurrentTime(Date.from(COUNTERSIGNED));
		signMembershipAgreement(candidacy);
		fundProjectManager(candidacy);

		Date firstReminderAt = monthsAfter(COUNTERSIGNED, 12);
		Date lastReminderAt = monthsAfter(COUNTERSIGNED, 17);
		Date dueAt = monthsAfter(COUNTERSIGNED, 18);
		assertThat(candidacy).as("the 18 months count from the countersignature").variables()
			.containsEntry("deadlineStart_frameworkAgreement", Date.from(COUNTERSIGNED));

		Task overdue = task("SubmitFrameworkAgreement", candidacy);
		assertThat(overdue.getDueDate()).isEqualTo(dueAt);
		Job firstReminder = job("FrameworkFirstReminder", candidacy);
		Job lastReminder = job("FrameworkLastReminder", candidacy);
		Job deadline = job("FrameworkDeadline", candidacy);
		assertThat(firstReminder.getDuedate()).isEqualTo(firstReminderAt);
		assertThat(lastReminder.getDuedate()).isEqualTo(lastReminderAt);
		assertThat(deadline.getDuedate()).isEqualTo(dueAt);
		assertThat(executableJobs(candidacy)).as("nothing due yet").isEmpty();

		moveClockJustAfter(firstReminderAt);
		assertThat(executableJobs(candidacy)).as("only the 12-month reminder is due")
			.containsExactly(firstReminder.getId());
		execute(firstReminder);

		assertThat(mocks.reminders).containsExactly("RemindFrameworkAgreementFirst");
		assertThat(candidacy)
			.hasPassed("FrameworkFirstReminder", "RemindFrameworkAgreementFirst", "FrameworkAgreementFirstReminded")
			.hasNotPassed("FrameworkLastReminder", "FrameworkDeadline")
			.isWaitingAtExactly("SubmitFrameworkAgreement");

		moveClockJustAfter(lastReminderAt);
		assertThat(executableJobs(candidacy)).as("only the 17-month reminder is due")
			.containsExactly(lastReminder.getId());
		execute(lastReminder);

		assertThat(mocks.reminders).containsExactly("RemindFrameworkAgreementFirst", "RemindFrameworkAgreementLast");
		assertThat(mocks.escalations).isEmpty();
		assertThat(candidacy)
			.hasPassed("FrameworkLastReminder", "RemindFrameworkAgreementLast", "FrameworkAgreementLastReminded")
			.hasNotPassed("FrameworkDeadline")
			.isWaitingAtExactly("SubmitFrameworkAgreement");

		moveClockJustAfter(dueAt);
		assertThat(executableJobs(candidacy)).as("only the 18-month deadline is due").containsExactly(deadline.getId());
		execute(deadline);

		assertThat(mocks.escalations).containsExactly(new Call("EscalateFrameworkAgreement", "frameworkAgreement"));
		assertThat(mocks.reminders).as("each reminder fires only once").hasSize(2);
		assertThat(candidacy)
			.hasPassed("FrameworkDeadline", "EscalateFrameworkAgreement", "FrameworkAgreementEscalated")
			.isWaitingAtExactly("SubmitFrameworkAgreement");
		assertThat(task("SubmitFrameworkAgreement", candidacy).getId()).as("the same task stays open")
			.isEqualTo(overdue.getId());
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).as("all three timers consumed").isZero();
		assertThat(mocks.closings).isEmpty();

		decide(candidacy, "SubmitFrameworkAgreement", "SUBMIT");
		decide(candidacy, "ApproveFrameworkAgreement", "APPROVE");
		issueCertificates(candidacy);

		assertThat(candidacy).isEnded().hasPassed("CandidacyEngaged", "IssueEngagementCertificate", "Engaged");
		assertThat(mocks.closings).containsExactly(new Call("CandidacyEngaged", "ENGAGED"));
		assertThat(mocks.certificates).containsExactly(new Call("IssueEngagementCertificate", "PVD_ENGAGEMENT"));
		verify(mocks.closeCandidacy, times(1)).notify(any());
	}

	@Test
	void returnsTheFrameworkAgreementWhenThePrefetRequestsChangesWithoutMovingTheDeadline() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		selectAndAnnounce(candidacy);
		ClockUtil.setCurrentTime(Date.from(COUNTERSIGNED));
		signMembershipAgreement(candidacy);
		fundProjectManager(candidacy);
		Date dueAt = monthsAfter(COUNTERSIGNED, 18);

		ClockUtil.setCurrentTime(monthsAfter(COUNTERSIGNED, 6));
		decide(candidacy, "SubmitFrameworkAgreement", "SUBMIT");
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).as("timers cancelled on submission")
			.isZero();
		decide(candidacy, "ApproveFrameworkAgreement", "REQUEST_CHANGES");

		assertThat(candidacy).isWaitingAtExactly("SubmitFrameworkAgreement").hasNotPassed("CandidacyEngaged");
		assertThat(mocks.closings).isEmpty();
		assertThat(task("SubmitFrameworkAgreement", candidacy).getDueDate()).as("still 18 months after countersigning")
			.isEqualTo(dueAt);
		assertThat(job("FrameworkFirstReminder", candidacy).getDuedate()).isEqualTo(monthsAfter(COUNTERSIGNED, 12));
		assertThat(job("FrameworkLastReminder", candidacy).getDuedate()).isEqualTo(monthsAfter(COUNTERSIGNED, 17));
		assertThat(job("FrameworkDeadline", candidacy).getDuedate()).isEqualTo(dueAt);
		assertThat(ProcessMocks.deadlineStarts(candidacy, "frameworkAgreement")).isEqualTo(1);

		decide(candidacy, "SubmitFrameworkAgreement", "SUBMIT");
		decide(candidacy, "ApproveFrameworkAgreement", "APPROVE");
		issueCertificates(candidacy);

		assertThat(candidacy).isEnded().hasPassed("Engaged");
		assertThat(mocks.closings).containsExactly(new Call("CandidacyEngaged", "ENGAGED"));
		assertThat(mocks.stagesEntered).containsOnlyOnce("FRAMEWORK_AGREEMENT");
	}

	@Test
	void retriesAFailedEngagementCertificateWithoutUndoingTheEngagement() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		selectAndAnnounce(candidacy);
		signMembershipAgreement(candidacy);
		fundProjectManager(candidacy);
		decide(candidacy, "SubmitFrameworkAgreement", "SUBMIT");
		decide(candidacy, "ApproveFrameworkAgreement", "APPROVE");
		mocks.certificateFailures = 2;

		Job first = job("IssueEngagementCertificate", candidacy);
		assertThat(first.getRetries()).as("R5: five tries").isEqualTo(5);
		assertThatThrownBy(() -> execute(first)).hasMessageContaining("PDF renderer unavailable");

		Job retried = job("IssueEngagementCertificate", candidacy);
		assertThat(retried.getRetries()).as("R5: four tries left").isEqualTo(4);
		assertThat(retried.getDuedate()).as("one minute later").isEqualTo(Date.from(START.plusSeconds(60)));
		assertThat(retried.getExceptionMessage()).contains("PDF renderer unavailable");
		assertThat(candidacy).isWaitingAtExactly("IssueEngagementCertificate").hasNotPassed("Engaged");
		assertThat(mocks.closings).as("the engagement stands").containsExactly(new Call("CandidacyEngaged", "ENGAGED"));

		ClockUtil.setCurrentTime(Date.from(START.plusSeconds(61)));
		assertThatThrownBy(() -> execute(retried)).hasMessageContaining("PDF renderer unavailable");
		assertThat(job("IssueEngagementCertificate", candidacy).getRetries()).isEqualTo(3);
		ClockUtil.setCurrentTime(Date.from(START.plusSeconds(122)));
		execute(job("IssueEngagementCertificate", candidacy));

		assertThat(candidacy).isEnded().hasPassed("IssueEngagementCertificate", "Engaged");
		assertThat(mocks.certificates).containsExactly(new Call("IssueEngagementCertificate", "PVD_ENGAGEMENT"));
		verify(mocks.issueCertificate, times(3)).execute(any());
		verify(mocks.closeCandidacy, times(1).description("ENGAGED is set once, not per try")).notify(any());
	}

	@Test
	void issuesTheEngagementCertificateAsynchronouslyWithFiveTries() {
		String definitionId = repositoryService().createProcessDefinitionQuery()
			.processDefinitionKey(PROCESS)
			.singleResult()
			.getId();
		ServiceTask issuing = repositoryService().getBpmnModelInstance(definitionId)
			.getModelElementById("IssueEngagementCertificate");

		assertThat(issuing.getCamundaDelegateExpression()).isEqualTo("${issueCertificate}");
		assertThat(issuing.isCamundaAsyncBefore()).isTrue();
		assertThat(issuing.getExtensionElements()
			.getElementsQuery()
			.filterByType(CamundaFailedJobRetryTimeCycle.class)
			.singleResult()
			.getTextContent()).isEqualTo("R5/PT1M");
	}

	@Test
	void withdrawsWhileWaitingForTheAnnouncement() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		select(candidacy);
		assertThat(candidacy).isWaitingAtExactly("CampaignAnnounced");

		withdraw();

		assertThat(candidacy).isEnded()
			.hasPassed("WithdrawalRequested", "Withdrawn")
			.hasNotPassed("MembershipAgreementStageEntered");
		assertThat(campaignSubscriptions(candidacy)).as("no longer waits for the announcement").isZero();
		assertThat(mocks.closings).as("the domain records the withdrawal itself").isEmpty();
	}

	@Test
	void withdrawsWhileThePrefetReviewsTheCandidacy() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		decide(candidacy, "SubmitCandidacy", "SUBMIT");
		assertThat(candidacy).isWaitingAtExactly("DepartmentReview");

		withdraw();

		assertThat(candidacy).isEnded()
			.hasPassed("WithdrawalRequested", "Withdrawn")
			.hasNotPassed("DepartmentOpinion");
		assertThat(taskQuery().processInstanceId(candidacy.getId()).count()).isZero();
		assertThat(runtimeService().createExecutionQuery().processInstanceId(candidacy.getId()).count()).isZero();
		assertThat(mocks.closings).isEmpty();
	}

	@Test
	void withdrawsWhileTheFrameworkAgreementIsAwaitedAndCancelsItsTimers() throws Exception {
		ProcessInstance candidacy = startCandidacy();
		selectAndAnnounce(candidacy);
		signMembershipAgreement(candidacy);
		fundProjectManager(candidacy);
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).isEqualTo(3);

		withdraw();

		assertThat(candidacy).isEnded().hasPassed("Withdrawn").hasNotPassed("ApproveFrameworkAgreement");
		assertThat(jobQuery().processInstanceId(candidacy.getId()).count()).as("timers cancelled").isZero();
		assertThat(mocks.closings).isEmpty();
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
				entry("SubmitCandidacy", Map.of("outcomes", "SUBMIT")),
				entry("DepartmentReview", Map.of("outcomes", "APPROVE,REJECT,REQUEST_CHANGES", "shows",
						"eligibility,population,intercommunalite,partners,documents", "documentsOf", "SubmitCandidacy")),
				entry("RegionalSelection", Map.of("outcomes", "APPROVE,REJECT", "shows",
						"eligibility,population,intercommunalite,partners,documents", "documentsOf", "SubmitCandidacy")),
				entry("SubmitMembershipAgreement", Map.of("outcomes", "SUBMIT")),
				entry("CountersignMembershipAgreement", Map.of("outcomes", "APPROVE,REQUEST_CHANGES", "shows",
						"documents,population,intercommunalite", "documentsOf", "SubmitMembershipAgreement")),
				entry("RequestProjectManagerFunding", Map.of("outcomes", "SUBMIT")),
				entry("ApproveProjectManagerFunding", Map.of("outcomes", "APPROVE,REQUEST_CHANGES", "shows",
						"amounts,population,intercommunalite,partners,documents", "documentsOf",
						"RequestProjectManagerFunding")),
				entry("SubmitFrameworkAgreement", Map.of("outcomes", "SUBMIT")),
				entry("ApproveFrameworkAgreement", Map.of("outcomes", "APPROVE,REQUEST_CHANGES")));
	}

	ProcessInstance startCandidacy() {
		return startCandidacy(CANDIDACY);
	}

	/** Sault (Vaucluse, Provence-Alpes-Côte d'Azur), in the first batch of November 2020. */
	ProcessInstance startCandidacy(String businessKey) {
		return runtimeService().startProcessInstanceByKey(PROCESS, businessKey, withVariables("collectivite", "84123",
				"departement", "84", "region", "93", "campaign", "pvd-2020"));
	}

	void select(ProcessInstance candidacy) {
		decide(candidacy, "SubmitCandidacy", "SUBMIT");
		decide(candidacy, "DepartmentReview", "APPROVE");
		decide(candidacy, "RegionalSelection", "APPROVE");
	}

	void selectAndAnnounce(ProcessInstance candidacy) {
		select(candidacy);
		announceCampaign();
	}

	void signMembershipAgreement(ProcessInstance candidacy) {
		decide(candidacy, "SubmitMembershipAgreement", "SUBMIT");
		decide(candidacy, "CountersignMembershipAgreement", "APPROVE");
	}

	void fundProjectManager(ProcessInstance candidacy) {
		decide(candidacy, "RequestProjectManagerFunding", "SUBMIT");
		decide(candidacy, "ApproveProjectManagerFunding", "APPROVE");
	}

	void decide(ProcessInstance candidacy, String taskKey, String decision) {
		assertThat(candidacy).isWaitingAt(taskKey);
		complete(task(taskKey, candidacy), withVariables("decision", decision));
	}

	void announceCampaign() {
		runtimeService().createMessageCorrelation("CampaignAnnounced").processInstanceBusinessKey(CANDIDACY).correlate();
	}

	void withdraw() {
		runtimeService().createMessageCorrelation("CandidacyWithdrawn").processInstanceBusinessKey(CANDIDACY).correlate();
	}

	long campaignSubscriptions(ProcessInstance candidacy) {
		return runtimeService().createEventSubscriptionQuery()
			.processInstanceId(candidacy.getId())
			.eventType("message")
			.eventName("CampaignAnnounced")
			.count();
	}

	static void moveClockJustAfter(Date moment) {
		ClockUtil.setCurrentTime(Date.from(moment.toInstant().plusSeconds(60)));
	}

	/** As the deadline counts: calendar months in Paris time (the clock hour holds across a change of time). */
	static Date monthsAfter(Instant moment, int months) {
		return Date.from(moment.atZone(java.time.ZoneId.of("Europe/Paris")).plusMonths(months).toInstant());
	}

	static Answer<Void> judgesEligible(boolean eligible) {
		return call -> {
			((DelegateExecution) call.getArgument(0)).setVariable("eligible", eligible);
			return null;
		};
	}

}
