package fr.jalon.message;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A message of a candidacy's thread: who wrote it, from which side, when. */
@Entity
@jakarta.persistence.EntityListeners(fr.jalon.security.ActedByStamp.class)
class Message implements fr.jalon.security.ActedBy.Stamped {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "candidacy_id")
	private String candidacyId;

	private Instant at;

	private String author;

	@jakarta.persistence.Embedded
	private fr.jalon.security.ActedBy actedBy;

	@Column(name = "from_collectivite")
	private boolean fromCollectivite;

	private String text;

	protected Message() {
	}

	Message(String candidacyId, Instant at, String author, boolean fromCollectivite, String text) {
		this.candidacyId = candidacyId;
		this.at = at;
		this.author = author;
		this.fromCollectivite = fromCollectivite;
		this.text = text;
	}

	Long id() {
		return id;
	}

	String candidacyId() {
		return candidacyId;
	}

	Instant at() {
		return at;
	}

	String author() {
		return author;
	}

	boolean fromCollectivite() {
		return fromCollectivite;
	}

	String text() {
		return text;
	}

	@Override
	public String actorUsername() {
		return author;
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
