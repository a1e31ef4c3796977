package fr.jalon.workflow;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.jalon.referential.Referential;
import fr.jalon.security.ScopeKind;

/**
 * A deployed programme as {@code GET /api/programmes} shows it: what its referential in use declares, the
 * version of its process that new candidacies take, and whether candidacies enter through campaigns.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgrammeView(String id, String name, String description, int version, int referentialVersion,
		List<Referential.Label> stages, List<Status> statuses, List<Certificate> certificates, List<Role> roles,
		boolean campaigns) {

	public record Status(String id, String label, boolean success) {
	}

	public record Certificate(String kind, String heading, String level) {
	}

	public record Role(String id, String label, ScopeKind scope) {
	}

	static ProgrammeView of(Referential definition, int processVersion) {
		return new ProgrammeView(definition.programme(), definition.name(), definition.description(), processVersion,
				definition.version(), definition.stages(),
				definition.statuses().stream().map(status -> new Status(status.id(), status.label(), status.success())).toList(),
				definition.certificates()
					.stream()
					.map(certificate -> new Certificate(certificate.kind(), certificate.heading(), certificate.level()))
					.toList(),
				definition.roles().stream().map(role -> new Role(role.id(), role.label(), role.scope())).toList(),
				definition.runsCampaigns());
	}

}
