package fr.jalon.referential;

import java.time.Instant;

import java.util.LinkedHashSet;
import java.util.Set;

import fr.jalon.system.AssignedId;
import fr.jalon.system.Conflict;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A stored version of a referential; its content is the JSON of {@link Referential}. Created by an insert,
 * never a merge; its status changes under its programme's lock ({@link ReferentialVersions#lockProgramme}),
 * and a change made on a stale copy is refused by its row version.
 */
@Entity
@Table(name = "referential_version")
class ReferentialVersion extends AssignedId<String> {

	@Id
	private String id;

	private String programme;

	private int version;

	@Enumerated(EnumType.STRING)
	private VersionStatus status;

	/**
	 * The programme while this version is {@code PUBLISHED}, null otherwise, written with the status: the
	 * database's unique index on it holds at most one published version per programme (migration V10).
	 */
	@Column(name = "published_programme")
	private String publishedProgramme;

	private String title;

	private String content;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "published_at")
	private Instant publishedAt;

	@Version
	@Column(name = "row_version")
	private long rowVersion;

	@ElementCollection
	@CollectionTable(name = "referential_pilot", joinColumns = @JoinColumn(name = "referential_id"))
	@Column(name = "collectivite")
	private Set<String> pilots = new LinkedHashSet<>();

	protected ReferentialVersion() {
	}

	ReferentialVersion(String programme, int version, String title, String content) {
		this.id = programme + ":" + version;
		this.programme = programme;
		this.version = version;
		this.title = title;
		this.content = content;
		this.status = VersionStatus.DRAFT;
		this.createdAt = Instant.now();
	}

	/** Tries the version on these collectivités (added to those already piloting it). */
	void pilot(Set<String> collectivites) {
		if (status != VersionStatus.DRAFT && status != VersionStatus.PILOT) {
			throw new Conflict("La version " + version + " est " + status + " : elle ne peut plus être pilotée.");
		}
		status = VersionStatus.PILOT;
		pilots.addAll(collectivites);
	}

	void publish() {
		requirePublishable();
		status = VersionStatus.PUBLISHED;
		publishedProgramme = programme;
		publishedAt = Instant.now();
	}

	/** Refuses a version that is no longer a draft or a pilot: only those are published. */
	void requirePublishable() {
		if (status != VersionStatus.DRAFT && status != VersionStatus.PILOT) {
			throw new Conflict("La version " + version + " est " + status + " : elle ne peut être publiée.");
		}
	}

	/** A newer version was published: this one is no longer given to new candidacies. */
	void retire() {
		if (status != VersionStatus.PUBLISHED) {
			throw new IllegalStateException("only a published version retires");
		}
		status = VersionStatus.RETIRED;
		publishedProgramme = null;
	}

	boolean pilotedOn(String collectivite) {
		return status == VersionStatus.PILOT && pilots.contains(collectivite);
	}

	Set<String> pilots() {
		return Set.copyOf(pilots);
	}

	String programme() {
		return programme;
	}

	@Override
	public String getId() {
		return id;
	}

	String id() {
		return id;
	}

	int version() {
		return version;
	}

	VersionStatus status() {
		return status;
	}

	VersionSummary summary() {
		return new VersionSummary(programme, version, status, title, pilots(), createdAt, publishedAt);
	}

	String content() {
		return content;
	}

}
