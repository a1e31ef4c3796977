package fr.jalon.referential;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ReferentialVersions extends JpaRepository<ReferentialVersion, String> {

	List<ReferentialVersion> findByProgrammeOrderByVersion(String programme);

	Optional<ReferentialVersion> findFirstByProgrammeAndStatusOrderByVersionDesc(String programme,
			VersionStatus status);

	List<ReferentialVersion> findByStatusOrderByCreatedAt(VersionStatus status);

	List<ReferentialVersion> findByProgrammeAndStatusOrderByVersionDesc(String programme, VersionStatus status);

	/**
	 * Every version of the programme, locked until the transaction ends ({@code SELECT … FOR UPDATE}, in the
	 * order of their numbers): what creates, pilots, publishes or retires a version of a programme waits for
	 * whatever else does, so that exactly one version is ever {@code PUBLISHED}. The first query of such a
	 * transaction on these rows, so that what it reads next is what the previous one committed.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select v from ReferentialVersion v where v.programme = ?1 order by v.version")
	List<ReferentialVersion> lockProgramme(String programme);

}
