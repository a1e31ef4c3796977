package fr.jalon.security;

/** What an account is, and so what its scope means. */
public enum Role {

	/** Ministry or ANCT staff: referentials, campaigns, accounts. Scope: everything. */
	ADMIN(null),
	/** A collectivité. Scope: its code. */
	COLLECTIVITE("collectivite"),
	/** The DDT(M) correspondent. Scope: a département. */
	DDT("ddt"),
	/** An expert of the national pool. No scope. */
	EXPERT("expert"),
	/** A regional commission. Scope: a region. */
	REGIONAL_COMMISSION("regional-commission"),
	/** The national commission. No scope. */
	NATIONAL_COMMISSION("national-commission"),
	/** A préfet de département. Scope: a département. */
	PREFET("prefet"),
	/** A préfet de région. Scope: a region. */
	PREFET_REGION("prefet-region");

	private final String group;

	Role(String group) {
		this.group = group;
	}

	/** The engine's candidate group of this role with that scope, e.g. {@code ddt:81}. */
	public String group(String scope) {
		if (group == null) {
			return null;
		}
		return scope == null ? group : group + ":" + scope;
	}

	public boolean isScoped() {
		return this == COLLECTIVITE || this == DDT || this == REGIONAL_COMMISSION || this == PREFET
				|| this == PREFET_REGION;
	}

}
