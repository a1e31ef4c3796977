package fr.jalon.system;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An entity whose id Jalon assigns (a user name, a programme and a number, a UUID), saved new by an
 * {@code INSERT}, never by a merge: a merge on an assigned id reads the row, finds none, and writes over
 * whatever a concurrent request stored in between. Spring Data asks {@link #isNew()}: true until the entity
 * is persisted or loaded. A row already there is then the database's unique key violation, turned into a
 * conflict by {@link Duplicates}.
 */
@MappedSuperclass
public abstract class AssignedId<ID> implements Persistable<ID> {

	@Transient
	private boolean stored;

	@PostPersist
	@PostLoad
	void markStored() {
		this.stored = true;
	}

	@Override
	public boolean isNew() {
		return !stored;
	}

}
