package fr.jalon.referential;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.jalon.security.RoleGrants;
import fr.jalon.security.ScopeKind;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The reviewer roles as the programmes in use declare them, in their published referential.
 *
 * <p>
 * What a request costs: one query for the versions in use (their programme, number, status and date; no
 * content), asked once per HTTP request. The grants read from them are remembered for that list of versions:
 * a version's content never changes once stored, so the same versions in use give the same grants, and a version
 * piloted, published or retired anywhere (on another node too) changes the list, hence the grants, at the next
 * request.
 */
@Component
class DeclaredRoles implements RoleGrants {

	/** The request attribute holding the grants already read for the current HTTP request. */
	private static final String THIS_REQUEST = DeclaredRoles.class.getName();

	private final ReferentialVersions versions;

	private final Referentials referentials;

	/** The grants last read, with the versions in use they were read from. */
	private volatile Grants last = new Grants(List.of(), Map.of(), Map.of());

	DeclaredRoles(ReferentialVersions versions, Referentials referentials) {
		this.versions = versions;
		this.referentials = referentials;
	}

	/**
	 * The programmes that grant the role in a version candidacies may run with (published, piloted, or
	 * retired but kept by candidacies that started with it): a new version that drops a role leaves that
	 * role's accounts able to finish the work of the candidacies that still need it.
	 */
	@Override
	public Map<String, ScopeKind> of(String role) {
		return grants().byRole().getOrDefault(role, Map.of());
	}

	@Override
	public Map<String, String> labels() {
		return grants().labels();
	}

	private Grants grants() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null
				&& request.getAttribute(THIS_REQUEST, RequestAttributes.SCOPE_REQUEST) instanceof Grants known) {
			return known;
		}
		List<VersionInUse> inUse = versions.findInUse();
		Grants grants = last;
		if (!grants.inUse().equals(inUse)) {
			grants = Grants.read(inUse, referentials);
			last = grants;
		}
		if (request != null) {
			request.setAttribute(THIS_REQUEST, grants, RequestAttributes.SCOPE_REQUEST);
		}
		return grants;
	}

	/** The grants of a list of versions in use: by role, each programme's scope for it; and the roles' labels. */
	private record Grants(List<VersionInUse> inUse, Map<String, Map<String, ScopeKind>> byRole,
			Map<String, String> labels) {

		/**
		 * Programmes in the order their published version was deployed; within one, its versions by number (the
		 * first that declares a role gives its scope); the labels as the published versions declare them.
		 */
		static Grants read(List<VersionInUse> inUse, Referentials referentials) {
			List<VersionInUse> published = inUse.stream()
				.filter(version -> version.status() == VersionStatus.PUBLISHED)
				.sorted(Comparator.comparing(VersionInUse::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
					.thenComparing(VersionInUse::programme))
				.toList();
			Map<String, Map<String, ScopeKind>> byRole = new LinkedHashMap<>();
			Map<String, String> labels = new LinkedHashMap<>();
			for (VersionInUse definition : published) {
				String programme = definition.programme();
				// The list comes ordered by programme and number.
				for (VersionInUse version : inUse) {
					if (!version.programme().equals(programme)) {
						continue;
					}
					for (Referential.RoleDeclaration declared : referentials.content(programme, version.version())
						.roles()) {
						byRole.computeIfAbsent(declared.id(), role -> new LinkedHashMap<>())
							.putIfAbsent(programme, declared.scope());
					}
				}
				referentials.content(programme, definition.version())
					.roles()
					.forEach(declared -> labels.putIfAbsent(declared.id(), declared.label()));
			}
			return new Grants(inUse, byRole, labels);
		}

	}

}
