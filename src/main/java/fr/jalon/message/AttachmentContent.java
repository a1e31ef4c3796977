package fr.jalon.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of an attachment, apart from its metadata so that a thread's page never loads them. */
@Entity
@Table(name = "message_attachment_content")
class AttachmentContent {

	@Id
	@Column(name = "attachment_id")
	private Long attachmentId;

	private byte[] content;

	protected AttachmentContent() {
	}

	AttachmentContent(Long attachmentId, byte[] content) {
		this.attachmentId = attachmentId;
		this.content = content;
	}

	byte[] content() {
		return content;
	}

}
