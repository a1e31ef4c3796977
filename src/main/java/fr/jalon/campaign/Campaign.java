package fr.jalon.campaign;

import java.time.Instant;
import java.util.UUID;

import fr.jalon.system.AssignedId;
import fr.jalon.system.Conflict;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A regional call for candidacies to a programme, open until a closing date, then announced once. */
@Entity
class Campaign extends AssignedId<String> {

	@Id
	private String id;

	private String programme;

	private String region;

	private String title;

	@Column(name = "closes_at")
	private Instant closesAt;

	@Column(name = "created_by")
	private String createdBy;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "announced_at")
	private Instant announcedAt;

	@Column(name = "announced_by")
	private String announcedBy;

	@Version
	private long version;

	protected Campaign() {
	}

	Campaign(String programme, String region, String title, Instant closesAt, String createdBy, Instant now) {
		this.id = UUID.randomUUID().toString();
		this.programme = programme;
		this.region = region;
		this.title = title;
		this.closesAt = closesAt;
		this.createdBy = createdBy;
		this.createdAt = now;
	}

	void announce(String actor, Instant now) {
		if (announcedAt != null) {
			throw new Conflict("Les résultats de cette campagne ont déjà été annoncés le " + announcedAt + ".");
		}
		this.announcedAt = now;
		this.announcedBy = actor;
	}

	@Override
	public String getId() {
		return id;
	}

	String id() {
		return id;
	}

	String programme() {
		return programme;
	}

	String region() {
		return region;
	}

	String title() {
		return title;
	}

	Instant closesAt() {
		return closesAt;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant announcedAt() {
		return announcedAt;
	}

	String announcedBy() {
		return announcedBy;
	}

	boolean isAnnounced() {
		return announcedAt != null;
	}

}
