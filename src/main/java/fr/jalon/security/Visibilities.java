package fr.jalon.security;

import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/** Who sees what: the one place that turns a user's role and scope into a {@link Visibility}. */
@Component
public class Visibilities {

	private final RoleGrants grants;

	Visibilities(RoleGrants grants) {
		this.grants = grants;
	}

	public Visibility of(JalonUser user) {
		if (user == null) {
			return Visibility.NONE;
		}
		if (user.is(Role.ADMIN)) {
			return Visibility.ALL;
		}
		if (user.is(Role.COLLECTIVITE)) {
			return Visibility.collectivite(user.scope());
		}
		Map<String, ScopeKind> granting = grants.of(user.role());
		Set<ScopeKind> kinds = Set.copyOf(granting.values());
		if (kinds.size() != 1) {
			// No programme grants the role, or programmes disagree on its scope: fail closed.
			return Visibility.NONE;
		}
		return Visibility.programmes(granting.keySet(), kinds.iterator().next(), user.scope());
	}

	public boolean canSee(JalonUser user, Scoped object) {
		return of(user).allows(object);
	}

	/** Whether the account, signed in as it stands, would see the object: whom a mail about it may go to. */
	public boolean accountSees(Account account, Scoped object) {
		return account.enabled() && canSee(JalonUser.of(account), object);
	}

	/** The kind of scope an account of that reviewer role has, if programmes agree on one. */
	public java.util.Optional<ScopeKind> scopeKindOf(String role) {
		Set<ScopeKind> kinds = Set.copyOf(grants.of(role).values());
		return kinds.size() == 1 ? java.util.Optional.of(kinds.iterator().next()) : java.util.Optional.empty();
	}

	/** Every reviewer role that some programme declares, label by role, by label. */
	public java.util.SortedMap<String, String> reviewerRoles() {
		Map<String, String> labels = grants.labels();
		java.util.SortedMap<String, String> roles = new java.util.TreeMap<>(
				java.util.Comparator.comparing((String role) -> labels.get(role)).thenComparing(role -> role));
		roles.putAll(labels);
		return roles;
	}

	/** The French label of a role: the platform's two, or as a programme declares it. */
	public String label(String role) {
		if (Role.ADMIN.equals(role)) {
			return "Administration";
		}
		if (Role.COLLECTIVITE.equals(role)) {
			return "Collectivité";
		}
		return grants.labels().getOrDefault(role, role);
	}

}
