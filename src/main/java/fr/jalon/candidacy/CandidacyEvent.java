package fr.jalon.candidacy;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a candidacy's history: who did what, when, at which stage, with which comment. */
@Entity
@Table(name = "candidacy_event")
@jakarta.persistence.EntityListeners(fr.jalon.security.ActedByStamp.class)
class CandidacyEvent implements fr.jalon.security.ActedBy.Stamped {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Instant at;

	private String stage;

	private String event;

	private String actor;

	@jakarta.persistence.Embedded
	private fr.jalon.security.ActedBy actedBy;

	private String outcome;

	private String comment;

	protected CandidacyEvent() {
	}

	CandidacyEvent(Instant at, String stage, String event, String actor, String outcome, String comment) {
		this.at = at;
		this.stage = stage;
		this.event = event;
		this.actor = actor;
		this.outcome = outcome;
		this.comment = comment;
	}

	Instant at() {
		return at;
	}

	String stage() {
		return stage;
	}

	String event() {
		return event;
	}

	String actor() {
		return actor;
	}

	String outcome() {
		return outcome;
	}

	String comment() {
		return comment;
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
