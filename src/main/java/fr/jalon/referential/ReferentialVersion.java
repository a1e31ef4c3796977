package fr.jalon.referential;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored version of a referential; its content is the JSON of {@link Referential}. */
@Entity
@Table(name = "referential_version")
class ReferentialVersion {

	@Id
	private String id;

	private String programme;

	private int version;

	@Enumerated(EnumType.STRING)
	private VersionStatus status;

	private String title;

	private String content;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "published_at")
	private Instant publishedAt;

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

	void publish() {
		if (status == VersionStatus.PUBLISHED || status == VersionStatus.RETIRED) {
			throw new IllegalStateException("version " + id + " is already " + status);
		}
		status = VersionStatus.PUBLISHED;
		publishedAt = Instant.now();
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

	String content() {
		return content;
	}

}
