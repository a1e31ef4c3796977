package fr.jalon.candidacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A document of a candidacy's dossier: its metadata; the bytes live in {@link DocumentContent}. */
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

}
