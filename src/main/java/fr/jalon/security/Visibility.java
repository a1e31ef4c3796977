package fr.jalon.security;

import java.util.Set;

/**
 * What one user may see, written once: every candidacy (an administrator), a collectivité's own and
 * those it is a partner of, the candidacies of the programmes that grant a reviewer role within its
 * scope, or nothing. The same value yields the in-memory check ({@link #allows}) and the candidacy
 * module's query; a role that no programme grants sees nothing.
 */
public record Visibility(Kind kind, String collectivite, Set<String> programmes, ScopeKind scopeKind, String scope) {

	public enum Kind {

		ALL, COLLECTIVITE, PROGRAMMES, NONE

	}

	public static final Visibility ALL = new Visibility(Kind.ALL, null, Set.of(), null, null);

	public static final Visibility NONE = new Visibility(Kind.NONE, null, Set.of(), null, null);

	static Visibility collectivite(String code) {
		return code == null ? NONE : new Visibility(Kind.COLLECTIVITE, code, Set.of(), null, null);
	}

	static Visibility programmes(Set<String> programmes, ScopeKind scopeKind, String scope) {
		if (programmes.isEmpty() || (scopeKind != ScopeKind.NATIONAL && scope == null)) {
			return NONE;
		}
		return new Visibility(Kind.PROGRAMMES, null, Set.copyOf(programmes), scopeKind,
				scopeKind == ScopeKind.NATIONAL ? null : scope);
	}

	/** Whether this user may see that candidacy (or a document, task or certificate of it). */
	public boolean allows(Scoped object) {
		return switch (kind) {
			case ALL -> true;
			case NONE -> false;
			case COLLECTIVITE -> collectivite.equals(object.collectiviteCode())
					|| object.partnerCodes().contains(collectivite);
			case PROGRAMMES -> programmes.contains(object.programmeId()) && switch (scopeKind) {
				case NATIONAL -> true;
				case DEPARTEMENT -> scope.equals(object.departementCode());
				case REGION -> scope.equals(object.regionCode());
			};
		};
	}

}
