package fr.jalon.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A person's or body's account: a role and, for most roles, a scope. */
@Entity
public class Account {

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

	protected Account() {
	}

	public Account(String username, String passwordHash, String role, String scope) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.scope = scope;
		this.enabled = true;
		this.createdAt = Instant.now();
	}

	void disable() {
		this.enabled = false;
		this.credentialsVersion++;
	}

	void enable() {
		this.enabled = true;
	}

	void rescope(String role, String scope) {
		this.role = role;
		this.scope = scope;
		this.credentialsVersion++;
	}

	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
		this.credentialsVersion++;
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

	int credentialsVersion() {
		return credentialsVersion;
	}

}
