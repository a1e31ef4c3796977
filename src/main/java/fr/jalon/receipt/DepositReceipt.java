package fr.jalon.receipt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * What a submission handed in, recorded in its transaction: the step, who, when, and the documents the dossier
 * held then (by id: a document's metadata and bytes never change). Never changed; its PDF is drawn from it.
 */
@Entity
@Table(name = "deposit_receipt")
class DepositReceipt {

	@Id
	private String id;

	@Column(name = "candidacy_id")
	private String candidacyId;

	private int number;

	private String step;

	private String stage;

	private String actor;

	private Instant at;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "deposit_receipt_document", joinColumns = @JoinColumn(name = "receipt_id"))
	@OrderColumn(name = "line")
	@Column(name = "document_id")
	private List<String> documentIds = new ArrayList<>();

	protected DepositReceipt() {
	}

	DepositReceipt(String candidacyId, int number, String step, String stage, String actor, Instant at,
			List<String> documentIds) {
		this.id = UUID.randomUUID().toString();
		this.candidacyId = candidacyId;
		this.number = number;
		this.step = step;
		this.stage = stage;
		this.actor = actor;
		this.at = at;
		this.documentIds = new ArrayList<>(documentIds);
	}

	String candidacyId() {
		return candidacyId;
	}

	int number() {
		return number;
	}

	String step() {
		return step;
	}

	String stage() {
		return stage;
	}

	String actor() {
		return actor;
	}

	Instant at() {
		return at;
	}

	List<String> documentIds() {
		return documentIds;
	}

}
