package fr.jalon.referential;

import java.util.LinkedHashMap;
import java.util.Map;

import fr.jalon.security.RoleGrants;
import fr.jalon.security.ScopeKind;

import org.springframework.stereotype.Component;

/** The reviewer roles as the programmes in use declare them, in their published referential. */
@Component
class DeclaredRoles implements RoleGrants {

	private final Referentials referentials;

	DeclaredRoles(Referentials referentials) {
		this.referentials = referentials;
	}

	/**
	 * The programmes that grant the role in a version candidacies may run with (published, piloted, or
	 * retired but kept by candidacies that started with it): a new version that drops a role leaves that
	 * role's accounts able to finish the work of the candidacies that still need it.
	 */
	@Override
	public Map<String, ScopeKind> of(String role) {
		Map<String, ScopeKind> granting = new LinkedHashMap<>();
		for (String programme : referentials.programmes()) {
			for (VersionSummary version : referentials.versions(programme)) {
				if (version.status() == VersionStatus.DRAFT) {
					continue;
				}
				referentials.content(programme, version.version())
					.role(role)
					.ifPresent(declared -> granting.putIfAbsent(programme, declared.scope()));
			}
		}
		return granting;
	}

	@Override
	public Map<String, String> labels() {
		Map<String, String> labels = new LinkedHashMap<>();
		for (String programme : referentials.programmes()) {
			referentials.definition(programme)
				.ifPresent(definition -> definition.roles()
					.forEach(declared -> labels.putIfAbsent(declared.id(), declared.label())));
		}
		return labels;
	}

}
