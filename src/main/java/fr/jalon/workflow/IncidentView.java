package fr.jalon.workflow;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An open incident as operators see it: what failed ({@code activity}, the BPMN element, in which candidacy of
 * which programme), its error, its job; the stack trace only when one incident is asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentView(String id, String type, String message, String candidacyId, String programme,
		String activity, String jobId, Instant occurredAt, String stacktrace) {

	IncidentView withStacktrace(String stacktrace) {
		return new IncidentView(id, type, message, candidacyId, programme, activity, jobId, occurredAt, stacktrace);
	}

}
