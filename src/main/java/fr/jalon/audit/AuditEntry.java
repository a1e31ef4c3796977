package fr.jalon.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** One line of the audit trail; never changed once written. */
@Entity
@Immutable
@Table(name = "audit_entry")
@jakarta.persistence.EntityListeners(fr.jalon.security.ActedByStamp.class)
class AuditEntry implements fr.jalon.security.ActedBy.Stamped {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Instant at;

	private String actor;

	@jakarta.persistence.Embedded
	private fr.jalon.security.ActedBy actedBy;

	private String action;

	@Column(name = "candidacy_id")
	private String candidacyId;

	private String target;

	private String detail;

	protected AuditEntry() {
	}

	AuditEntry(Instant at, String actor, String action, String candidacyId, String target, String detail) {
		this.at = at;
		this.actor = actor;
		this.action = action;
		this.candidacyId = candidacyId;
		this.target = target;
		this.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 4000);
	}

	Long id() {
		return id;
	}

	Instant at() {
		return at;
	}

	String actor() {
		return actor;
	}

	String action() {
		return action;
	}

	String candidacyId() {
		return candidacyId;
	}

	String target() {
		return target;
	}

	String detail() {
		return detail;
	}

	@Override
	public String actorUsername() {
		return actor;
	}

	@Override
	public void stamp(fr.jalon.security.ActedBy actedBy) {
		this.actedBy = actedBy;
	}

	/** Who acted, as their account stood then; none for the system or a row older than names. */
	fr.jalon.security.ActedBy actedBy() {
		return actedBy;
	}

}
