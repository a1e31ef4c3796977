package fr.jalon.security;

/**
 * An account's role: one of the platform's two (an administrator, a collectivité) or a reviewer role
 * that a deployed programme declares, with the kind of scope it has ({@link RoleGrants}).
 */
public final class Role {

	/** Ministry or ANCT staff: programmes, referentials, campaigns, accounts. Scope: everything. */
	public static final String ADMIN = "ADMIN";

	/** A collectivité. Scope: its official code. */
	public static final String COLLECTIVITE = "COLLECTIVITE";

	private Role() {
	}

	/** Whether the role is the platform's own rather than a programme's reviewer role. */
	public static boolean isPlatform(String role) {
		return ADMIN.equals(role) || COLLECTIVITE.equals(role);
	}

	/** The engine's candidate group of this role with that scope: {@code DDT:81}, {@code EXPERT}; none for ADMIN. */
	public static String group(String role, String scope) {
		if (ADMIN.equals(role)) {
			return null;
		}
		return scope == null ? role : role + ":" + scope;
	}

}
