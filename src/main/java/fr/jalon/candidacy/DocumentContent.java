package fr.jalon.candidacy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of a document, apart from its metadata so that listings never load them. */
@Entity
@Table(name = "document_content")
class DocumentContent {

	@Id
	@Column(name = "document_id")
	private String documentId;

	private byte[] content;

	protected DocumentContent() {
	}

	DocumentContent(String documentId, byte[] content) {
		this.documentId = documentId;
		this.content = content;
	}

	byte[] content() {
		return content;
	}

}
