package fr.jalon.security;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a reviewer role's scope is: a département, a region, or the whole country. */
public enum ScopeKind {

	@JsonProperty("departement")
	DEPARTEMENT,

	@JsonProperty("region")
	REGION,

	@JsonProperty("national")
	NATIONAL

}
