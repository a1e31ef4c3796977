package fr.jalon.security;

import java.time.Instant;

import fr.jalon.system.AssignedId;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A person's or body's account: a role and, for most roles, a scope. Created by an insert, never a merge. */
@Entity
public class Account extends AssignedId<String> {

	@Id
	private String username;

	@Column(name = "password_hash")
	private String passwordHash;

	private String role;

	private String scope;

	private boolean enabled;

	/** One more at each change that must end the account's open sessions: disabled, re-scoped, new password. */
	@Column(name = "credentials_version")
	private int credentialsVersion;

	@Column(name = "created_at")
	private Instant createdAt;

	/** Where its e-mails go (fr.jalon.mail); none: it gets none. */
	private String email;

	/** Its mails grouped into one a day instead of each at once (a reviewer's choice). */
	@Column(name = "mail_digest")
	private boolean mailDigest;

	/** The person's name, as pages, the audit trail and the history show it. */
	@Column(name = "display_name")
	private String displayName;

	/** Whether it lists, invites and removes the members of its own body (same role and scope). */
	@Column(name = "manages_members")
	private boolean managesMembers;

	protected Account() {
	}

	public Account(String username, String passwordHash, String role, String scope) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.scope = scope;
		this.enabled = true;
		this.createdAt = Instant.now();
		this.displayName = username;
	}

	void person(String displayName, boolean managesMembers) {
		this.displayName = displayName;
		this.managesMembers = managesMembers;
	}

	void disable() {
		this.enabled = false;
		this.credentialsVersion++;
	}

	void enable() {
		this.enabled = true;
	}

	/** A new role or scope; the same again changes nothing, and ends no session. */
	void rescope(String role, String scope) {
		if (java.util.Objects.equals(this.role, role) && java.util.Objects.equals(this.scope, scope)) {
			return;
		}
		this.role = role;
		this.scope = scope;
		this.credentialsVersion++;
	}

	void mailPreferences(String email, boolean mailDigest) {
		this.email = email;
		this.mailDigest = mailDigest;
	}

	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
		this.credentialsVersion++;
	}

	@Override
	public String getId() {
		return username;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public String username() {
		return username;
	}

	String passwordHash() {
		return passwordHash;
	}

	public String role() {
		return role;
	}

	public String scope() {
		return scope;
	}

	public boolean enabled() {
		return enabled;
	}

	public String email() {
		return email;
	}

	public boolean mailDigest() {
		return mailDigest;
	}

	public String displayName() {
		return displayName;
	}

	public boolean managesMembers() {
		return managesMembers;
	}

	int credentialsVersion() {
		return credentialsVersion;
	}

}
