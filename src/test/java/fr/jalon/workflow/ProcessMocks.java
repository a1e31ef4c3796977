package fr.jalon.workflow;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.jalon.Shipped;
import fr.jalon.candidacy.CandidacyService;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;

/**
 * The beans every process model names (stage and status listeners, reminder, escalation and
 * certificate delegates), mocked and recording what the engine passed them, plus the in-memory
 * engine the process tests run on. One instance per test: {@link #register()} it in
 * {@code @BeforeEach}, {@link #reset()} in {@code @AfterEach}.
 */
final class ProcessMocks {

	/** The engine injects each camunda:field into the bean, so the mocked types declare them. */
	abstract static class StageListener implements ExecutionListener {

		Expression stage;

	}

	abstract static class StatusListener implements ExecutionListener {

		Expression status;

	}

	abstract static class DeadlineDelegate implements JavaDelegate {

		Expression deadline;

	}

	abstract static class CertificateDelegate implements JavaDelegate {

		Expression kind;

	}

	/** One call of a mocked bean: where the process was, and the field value it received. */
	record Call(String activityId, Object value) {
	}

	final StageListener enterStage = mock(StageListener.class);

	final StatusListener closeCandidacy = mock(StatusListener.class);

	final DeadlineDelegate sendReminder = mock(DeadlineDelegate.class);

	final DeadlineDelegate escalateOverdueTask = mock(DeadlineDelegate.class);

	final CertificateDelegate issueCertificate = mock(CertificateDelegate.class);

	/** Records the requests with the certificates: the certificate process itself is not deployed on these engines. */
	final CertificateDelegate requestCertificate = mock(CertificateDelegate.class);

	final List<Object> stagesEntered = new ArrayList<>();

	final List<Call> closings = new ArrayList<>();

	final List<String> reminders = new ArrayList<>();

	/** The real deadline dates and start, reading the programme's shipped referential. */
	final DeadlineDates deadlines;

	final StartDeadlineDelegate startDeadline;

	ProcessMocks(String programme) {
		CandidacyService candidacies = mock(CandidacyService.class);
		when(candidacies.referentialOf(any())).thenReturn(Shipped.referential(programme));
		this.deadlines = new DeadlineDates(candidacies);
		this.startDeadline = new StartDeadlineDelegate(deadlines);
	}

	final List<Call> escalations = new ArrayList<>();

	final List<Call> certificates = new ArrayList<>();

	/** How many of the next certificate jobs fail, as a broken PDF renderer would. */
	int certificateFailures;

	/**
	 * An in-memory engine with the job executor off, full history, mocked beans and the coverage
	 * extensions: database {@code <name>-process}, engine {@code <name>-process-tests}.
	 */
	static ProcessEngineConfiguration inMemoryEngine(String name) {
		StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
		configuration.setJdbcUrl("jdbc:h2:mem:" + name + "-process;DB_CLOSE_DELAY=1000");
		configuration.setJobExecutorActivate(false);
		configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
		configuration.setExpressionManager(new MockExpressionManager());
		configuration.setProcessEngineName(name + "-process-tests");
		ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
		return configuration;
	}

	/** Stubs the shared mocks to record their calls and registers them under their bean names. */
	void register() throws Exception {
		doAnswer(call -> stagesEntered.add(enterStage.stage.getValue(call.getArgument(0)))).when(enterStage)
			.notify(any());
		doAnswer(call -> closings.add(callAt(call.getArgument(0), closeCandidacy.status))).when(closeCandidacy)
			.notify(any());
		doAnswer(call -> reminders.add(((DelegateExecution) call.getArgument(0)).getCurrentActivityId()))
			.when(sendReminder)
			.execute(any());
		doAnswer(call -> escalations.add(callAt(call.getArgument(0), escalateOverdueTask.deadline)))
			.when(escalateOverdueTask)
			.execute(any());
		doAnswer(call -> {
			if (certificateFailures > 0) {
				certificateFailures--;
				throw new IllegalStateException("PDF renderer unavailable");
			}
			return certificates.add(callAt(call.getArgument(0), issueCertificate.kind));
		}).when(issueCertificate).execute(any());
		doAnswer(call -> certificates.add(callAt(call.getArgument(0), requestCertificate.kind))).when(requestCertificate)
			.execute(any());

		Mocks.register("enterStage", enterStage);
		Mocks.register("closeCandidacy", closeCandidacy);
		Mocks.register("sendReminder", sendReminder);
		Mocks.register("escalateOverdueTask", escalateOverdueTask);
		Mocks.register("issueCertificate", issueCertificate);
		Mocks.register("requestCertificate", requestCertificate);
		Mocks.register("deadlines", deadlines);
		Mocks.register("startDeadline", startDeadline);
	}

	/** How many times the process started that deadline ({@code ${startDeadline}}). */
	static long deadlineStarts(ProcessInstance candidacy, String deadline) {
		return BpmnAwareTests.historyService()
			.createHistoricDetailQuery()
			.variableUpdates()
			.processInstanceId(candidacy.getId())
			.list()
			.stream()
			.filter(detail -> detail instanceof org.camunda.bpm.engine.history.HistoricVariableUpdate update
					&& update.getVariableName().equals("deadlineStart_" + deadline))
			.count();
	}

	/** The collectivité tasks given a due date, in the order they opened. */
	static List<String> dueTasks(ProcessInstance candidacy) {
		return BpmnAwareTests.historyService()
			.createHistoricTaskInstanceQuery()
			.processInstanceId(candidacy.getId())
			.orderByHistoricActivityInstanceStartTime()
			.asc()
			.list()
			.stream()
			.filter(task -> task.getDueDate() != null)
			.map(org.camunda.bpm.engine.history.HistoricTaskInstance::getTaskDefinitionKey)
			.toList();
	}

	static void reset() {
		ClockUtil.reset();
		Mocks.reset();
		BpmnAwareTests.reset();
	}

	private static Call callAt(DelegateExecution execution, Expression field) {
		return new Call(execution.getCurrentActivityId(), field.getValue(execution));
	}

	/** Runs the pending certificate jobs, as the job executor would. */
	static void issueCertificates(ProcessInstance candidacy) {
		List<Job> due;
		// A certificate's job, then the end of its branch: a job of its own that the first one leaves.
		while (!(due = jobQuery().processInstanceId(candidacy.getId()).messages().list()).isEmpty()) {
			due.forEach(BpmnAwareTests::execute);
		}
	}

	static List<String> executableJobs(ProcessInstance candidacy) {
		return jobQuery().processInstanceId(candidacy.getId()).executable().list().stream().map(Job::getId).toList();
	}

	static Map<String, String> propertiesOf(UserTask task) {
		return task.getExtensionElements()
			.getElementsQuery()
			.filterByType(CamundaProperties.class)
			.singleResult()
			.getCamundaProperties()
			.stream()
			.collect(Collectors.toMap(CamundaProperty::getCamundaName, CamundaProperty::getCamundaValue));
	}

}
