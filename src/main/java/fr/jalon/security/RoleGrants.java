package fr.jalon.security;

import java.util.Map;

/**
 * The programmes that declare a reviewer role, each with the kind of scope it gives the role. A port:
 * the programmes' definitions live in their referentials, which this module does not know.
 */
public interface RoleGrants {

	/** Programme id → the scope kind it declares for that role; empty when no programme grants it. */
	Map<String, ScopeKind> of(String role);

	/** Every reviewer role some programme declares, with its French label. */
	Map<String, String> labels();

}
