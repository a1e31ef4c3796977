package fr.jalon.security;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Who acted, as the account stood when the row was written: the person's name, and the role and scope it acted for.
 * A row that records an action (audit, history, thread) keeps it, so that a later re-scoping or renaming leaves it
 * true. Written by {@link ActedByStamp}; none for what the platform did by itself.
 */
@Embeddable
public class ActedBy {

	@Column(name = "actor_name")
	private String name;

	@Column(name = "actor_role")
	private String role;

	@Column(name = "actor_scope")
	private String scope;

	protected ActedBy() {
	}

	ActedBy(String name, String role, String scope) {
		this.name = name;
		this.role = role;
		this.scope = scope;
	}

	/** The person's name, or none when the row was written before names were recorded. */
	public String name() {
		return name;
	}

	/** The body the account acted for then: its role and scope; none when not recorded. */
	public ActingFor actingFor() {
		return role == null ? null : new ActingFor(role, scope);
	}

	/** The body an account acts for: its role and, for most roles, its scope (a collectivité, a département...). */
	public record ActingFor(String role, String scope) {
	}

	/** A row that records who acted: stamped with {@link ActedBy} when it is first written. */
	public interface Stamped {

		/** The username of who acted (or {@code system}). */
		String actorUsername();

		void stamp(ActedBy actedBy);

	}

}
