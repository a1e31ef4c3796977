package fr.jalon.security;

/** Something that belongs to a collectivité, a département and a region: what scopes are checked against. */
public interface Scoped {

	String programmeId();

	String collectiviteCode();

	String departementCode();

	String regionCode();

	/** The other collectivités of a joint candidacy, who see it too. */
	default java.util.Set<String> partnerCodes() {
		return java.util.Set.of();
	}

}
