package fr.jalon.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A file joined to a message: its metadata; the bytes live in {@link AttachmentContent}. */
@Entity
@Table(name = "message_attachment")
class Attachment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "message_id")
	private Long messageId;

	private String name;

	@Column(name = "media_type")
	private String mediaType;

	private long size;

	private String sha256;

	protected Attachment() {
	}

	Attachment(Long messageId, String name, String mediaType, long size, String sha256) {
		this.messageId = messageId;
		this.name = name;
		this.mediaType = mediaType;
		this.size = size;
		this.sha256 = sha256;
	}

	Long id() {
		return id;
	}

	Long messageId() {
		return messageId;
	}

	String name() {
		return name;
	}

	String mediaType() {
		return mediaType;
	}

	long size() {
		return size;
	}

	String sha256() {
		return sha256;
	}

}
