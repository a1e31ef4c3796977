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

	@Override
	public Map<String, ScopeKind> of(String role) {
		Map<String, ScopeKind> granting = new LinkedHashMap<>();
		for (String programme : referentials.programmes()) {
			referentials.definition(programme)
				.flatMap(definition -> definition.role(role))
				.ifPresent(declared -> granting.put(programme, declared.scope()));
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
