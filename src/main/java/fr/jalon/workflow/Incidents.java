package fr.jalon.workflow;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.NotFound;
import fr.jalon.system.Paging;
import fr.jalon.system.SingleLine;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * The engine's open incidents, for administrators, by the API and the pages alike: a job (a certificate, a
 * reminder, a timer) whose tries are all spent, with its error and its candidacy; and their retry, audited.
 * A failing job is retried by the engine itself (three tries) before it becomes an incident: only then is an
 * operator needed.
 */
@Service
@Validated
public class Incidents {

	/** The engine's incident type of a job whose retries are spent: the one kind an operator can retry. */
	static final String FAILED_JOB = "failedJob";

	private final RuntimeService runtime;

	private final ManagementService management;

	private final RepositoryService repository;

	private final ApplicationEventPublisher events;

	Incidents(RuntimeService runtime, ManagementService management, RepositoryService repository,
			ApplicationEventPublisher events) {
		this.runtime = runtime;
		this.management = management;
		this.repository = repository;
		this.events = events;
	}

	/** A page of the open incidents, newest first, and how many are open. */
	@Transactional(readOnly = true)
	public Found list(JalonUser user, Paging paging) {
		requireAdmin(user);
		List<Incident> incidents = runtime.createIncidentQuery()
			.orderByIncidentTimestamp()
			.desc()
			.orderByIncidentId()
			.asc()
			.listPage((int) paging.offset(), paging.size());
		return new Found(views(incidents), runtime.createIncidentQuery().count());
	}

	/** One open incident, with the stack trace of its job's last failure. */
	@Transactional(readOnly = true)
	public IncidentView get(JalonUser user, @SingleLine String id) {
		requireAdmin(user);
		Incident incident = open(id);
		IncidentView view = views(List.of(incident)).get(0);
		return FAILED_JOB.equals(incident.getIncidentType()) && view.jobId() != null
				? view.withStacktrace(management.getJobExceptionStacktrace(view.jobId())) : view;
	}

	/**
	 * The incident's job gets one more try: its retries set to 1, which resolves the incident; the job executor
	 * runs it as soon as it is due. Should it fail again, a new incident opens.
	 */
	@Transactional
	public IncidentView retry(JalonUser user, @SingleLine String id) {
		requireAdmin(user);
		Incident incident = open(id);
		if (!FAILED_JOB.equals(incident.getIncidentType()) || incident.getConfiguration() == null) {
			throw new Conflict("Cet incident (" + incident.getIncidentType() + ") ne se relance pas depuis Jalon.");
		}
		IncidentView view = views(List.of(incident)).get(0);
		EngineConflicts.translate(() -> management.setJobRetries(incident.getConfiguration(), 1));
		events.publishEvent(new AuditEvent(user.getUsername(), "INCIDENT_RETRIED", view.candidacyId(),
				"job:" + view.jobId(), view.activity() + " : " + view.message()));
		return view;
	}

	/** A page of incidents and the count of all. */
	public record Found(List<IncidentView> incidents, long total) {
	}

	private Incident open(String id) {
		Incident incident = id == null ? null : runtime.createIncidentQuery().incidentId(id).singleResult();
		if (incident == null) {
			throw new NotFound("Incident introuvable ou déjà résolu : " + id + ".");
		}
		return incident;
	}

	private List<IncidentView> views(List<Incident> incidents) {
		Set<String> instances = incidents.stream()
			.map(Incident::getProcessInstanceId)
			.filter(java.util.Objects::nonNull)
			.collect(Collectors.toSet());
		Map<String, String> candidacyOf = instances.isEmpty() ? Map.of()
				: runtime.createProcessInstanceQuery()
					.processInstanceIds(instances)
					.list()
					.stream()
					.filter(instance -> instance.getBusinessKey() != null)
					.collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
		Set<String> definitions = incidents.stream()
			.map(Incident::getProcessDefinitionId)
			.filter(java.util.Objects::nonNull)
			.collect(Collectors.toSet());
		Map<String, String> programmeOf = definitions.isEmpty() ? Map.of()
				: repository.createProcessDefinitionQuery()
					.processDefinitionIdIn(definitions.toArray(String[]::new))
					.list()
					.stream()
					.collect(Collectors.toMap(ProcessDefinition::getId, ProcessDefinition::getKey));
		return incidents.stream()
			.map(incident -> new IncidentView(incident.getId(), incident.getIncidentType(),
					incident.getIncidentMessage(), candidacyOf.get(incident.getProcessInstanceId()),
					programmeOf.get(incident.getProcessDefinitionId()), incident.getActivityId(),
					FAILED_JOB.equals(incident.getIncidentType()) ? incident.getConfiguration() : null,
					incident.getIncidentTimestamp().toInstant(), null))
			.toList();
	}

	private static void requireAdmin(JalonUser user) {
		if (user == null || !user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur voit et relance les incidents.");
		}
	}

}
