package fr.jalon.message;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A candidacy's last request for changes, open until the collectivité answers it. */
@Entity
@Table(name = "changes_request")
class ChangesRequest {

	@Id
	@Column(name = "candidacy_id")
	private String candidacyId;

	@Column(name = "requested_at")
	private Instant requestedAt;

	@Column(name = "requested_by")
	private String requestedBy;

	private String comment;

	@Column(name = "answered_at")
	private Instant answeredAt;

	protected ChangesRequest() {
	}

	ChangesRequest(String candidacyId) {
		this.candidacyId = candidacyId;
	}

	/** Asked (again): open from now, whatever an earlier one became. */
	void ask(Instant at, String by, String comment) {
		this.requestedAt = at;
		this.requestedBy = by;
		this.comment = comment;
		this.answeredAt = null;
	}

	void answer(Instant at) {
		if (answeredAt == null) {
			answeredAt = at;
		}
	}

	boolean open() {
		return answeredAt == null;
	}

	Instant requestedAt() {
		return requestedAt;
	}

	String comment() {
		return comment;
	}

}
