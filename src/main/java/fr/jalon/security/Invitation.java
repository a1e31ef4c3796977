package fr.jalon.security;

import java.time.Instant;

import fr.jalon.system.AssignedId;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An invitation to join the inviter's body (role and scope), by a single-use link; its token kept as its SHA-256. */
@Entity
class Invitation extends AssignedId<String> {

	@Id
	@Column(name = "token_hash")
	private String tokenHash;

	private String email;

	@Column(name = "display_name")
	private String displayName;

	private String role;

	private String scope;

	@Column(name = "invited_by")
	private String invitedBy;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "expires_at")
	private Instant expiresAt;

	@Column(name = "used_at")
	private Instant usedAt;

	@Column(name = "used_by")
	private String usedBy;

	protected Invitation() {
	}

	Invitation(String tokenHash, String email, String displayName, Account inviter, Instant now, Instant expiresAt) {
		this.tokenHash = tokenHash;
		this.email = email;
		this.displayName = displayName;
		this.role = inviter.role();
		this.scope = inviter.scope();
		this.invitedBy = inviter.username();
		this.createdAt = now;
		this.expiresAt = expiresAt;
	}

	@Override
	public String getId() {
		return tokenHash;
	}

	void use(String username, Instant now) {
		this.usedBy = username;
		this.usedAt = now;
	}

	String email() {
		return email;
	}

	String displayName() {
		return displayName;
	}

	String role() {
		return role;
	}

	String scope() {
		return scope;
	}

	String invitedBy() {
		return invitedBy;
	}

	Instant expiresAt() {
		return expiresAt;
	}

	boolean used() {
		return usedAt != null;
	}

}
