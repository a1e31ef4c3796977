package fr.jalon.security;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Invitations extends JpaRepository<Invitation, String> {

	/** The invitation, its row locked: two uses of one link at once make one account, not two. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select i from Invitation i where i.tokenHash = ?1")
	Optional<Invitation> lockedById(String tokenHash);

}
