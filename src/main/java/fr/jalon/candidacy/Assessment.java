package fr.jalon.candidacy;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** The level one source (the collectivité itself, or an expert) gives to one criterion. */
@Entity
class Assessment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String source;

	private String criterion;

	private String level;

	private String comment;

	private String author;

	private Instant at;

	protected Assessment() {
	}

	Assessment(String source, String criterion, String level, String comment, String author, Instant at) {
		this.source = source;
		this.criterion = criterion;
		revise(level, comment, author, at);
	}

	void revise(String level, String comment, String author, Instant at) {
		this.level = level;
		this.comment = comment;
		this.author = author;
		this.at = at;
	}

	boolean concerns(String source, String criterion) {
		return this.source.equals(source) && this.criterion.equals(criterion);
	}

	String source() {
		return source;
	}

	String criterion() {
		return criterion;
	}

	String level() {
		return level;
	}

	String comment() {
		return comment;
	}

	String author() {
		return author;
	}

}
