package fr.jalon.message;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A reviewer's private note on a candidacy: never shown to a collectivité. */
@Entity
class Annotation {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "candidacy_id")
	private String candidacyId;

	private Instant at;

	private String author;

	private String text;

	protected Annotation() {
	}

	Annotation(String candidacyId, Instant at, String author, String text) {
		this.candidacyId = candidacyId;
		this.at = at;
		this.author = author;
		this.text = text;
	}

	Long id() {
		return id;
	}

	Instant at() {
		return at;
	}

	String author() {
		return author;
	}

	String text() {
		return text;
	}

}
