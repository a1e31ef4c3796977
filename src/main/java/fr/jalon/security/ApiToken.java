package fr.jalon.security;

import java.time.Instant;

import fr.jalon.system.AssignedId;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A personal API token: its public id (in its prefix), its owner, its name, the SHA-256 of its secret (never the
 * secret), its expiry. See {@link ApiTokenService}.
 */
@Entity
@Table(name = "api_token")
class ApiToken extends AssignedId<String> {

	@Id
	private String id;

	private String username;

	private String name;

	@Column(name = "secret_hash")
	private String secretHash;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "expires_at")
	private Instant expiresAt;

	@Column(name = "last_used_at")
	private Instant lastUsedAt;

	protected ApiToken() {
	}

	ApiToken(String id, String username, String name, String secretHash, Instant createdAt, Instant expiresAt) {
		this.id = id;
		this.username = username;
		this.name = name;
		this.secretHash = secretHash;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	@Override
	public String getId() {
		return id;
	}

	String username() {
		return username;
	}

	String name() {
		return name;
	}

	String secretHash() {
		return secretHash;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant expiresAt() {
		return expiresAt;
	}

	Instant lastUsedAt() {
		return lastUsedAt;
	}

	/** What names it in lists, logs and the audit trail: never its secret. */
	String prefix() {
		return ApiTokenService.PREFIX + id;
	}

	@Override
	public String toString() {
		return "ApiToken[" + prefix() + ", " + username + "]";
	}

}
