package fr.jalon.candidacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A document of a candidacy's dossier: its metadata; the bytes live in {@link DocumentContent}. Never deleted nor
 * changed once deposited, but for what happens to it since: superseded by a new version, withdrawn from the
 * dossier, or sent back « à compléter » by a request for changes on its step.
 */
@Entity
class Document {

	@Id
	private String id;

	@Column(name = "candidacy_id")
	private String candidacyId;

	private String type;

	private String filename;

	@Column(name = "content_type")
	private String contentType;

	private long size;

	private String sha256;

	@Column(name = "uploaded_by")
	private String uploadedBy;

	@Column(name = "uploaded_at")
	private Instant uploadedAt;

	@Column(name = "superseded_by")
	private String supersededBy;

	@Column(name = "superseded_at")
	private Instant supersededAt;

	@Column(name = "withdrawn_by")
	private String withdrawnBy;

	@Column(name = "withdrawn_at")
	private Instant withdrawnAt;

	@Column(name = "changes_requested_at")
	private Instant changesRequestedAt;

	protected Document() {
	}

	Document(String candidacyId, String type, String filename, String contentType, long size, String sha256,
			String uploadedBy, Instant uploadedAt) {
		this.id = UUID.randomUUID().toString();
		this.candidacyId = candidacyId;
		this.type = type;
		this.filename = filename;
		this.contentType = contentType;
		this.size = size;
		this.sha256 = sha256;
		this.uploadedBy = uploadedBy;
		this.uploadedAt = uploadedAt;
	}

	String id() {
		return id;
	}

	String candidacyId() {
		return candidacyId;
	}

	String type() {
		return type;
	}

	String filename() {
		return filename;
	}

	String contentType() {
		return contentType;
	}

	long size() {
		return size;
	}

	String sha256() {
		return sha256;
	}

	String uploadedBy() {
		return uploadedBy;
	}

	Instant uploadedAt() {
		return uploadedAt;
	}

	String supersededBy() {
		return supersededBy;
	}

	Instant supersededAt() {
		return supersededAt;
	}

	Instant withdrawnAt() {
		return withdrawnAt;
	}

	/** Still in the dossier: neither superseded by a new version nor withdrawn. */
	boolean current() {
		return supersededBy == null && withdrawnAt == null;
	}

	/** What the dossier shows of it, one of {@link DocumentStatus}. */
	String status() {
		if (supersededBy != null) {
			return DocumentStatus.SUPERSEDED;
		}
		if (withdrawnAt != null) {
			return DocumentStatus.WITHDRAWN;
		}
		return changesRequestedAt != null ? DocumentStatus.CHANGES_REQUESTED : DocumentStatus.DEPOSITED;
	}

	void supersede(Document next, Instant at) {
		this.supersededBy = next.id();
		this.supersededAt = at;
	}

	void withdraw(String actor, Instant at) {
		this.withdrawnBy = actor;
		this.withdrawnAt = at;
	}

	void changesRequested(Instant at) {
		this.changesRequestedAt = at;
	}

}
