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

	List<ReferentialVersion> findByProgrammeAndStatusOrderByVersionDesc(String programme, VersionStatus status);

	/** The versions that are not drafts, by programme and number: no content, no pilots. */
	@Query("select new fr.jalon.referential.VersionInUse(v.programme, v.version, v.status, v.createdAt)"
			+ " from ReferentialVersion v where v.status <> fr.jalon.referential.VersionStatus.DRAFT"
			+ " order by v.programme, v.version")
	List<VersionInUse> findInUse();

	/** The programmes with a published version, in the order those versions were created: no content. */
	@Query("select v.programme from ReferentialVersion v where v.status = fr.jalon.referential.VersionStatus.PUBLISHED"
			+ " order by v.createdAt")
	List<String> findPublishedProgrammes();

	/** The programme's published version, if any: no content. */
	@Query("select new fr.jalon.referential.VersionInUse(v.programme, v.version, v.status, v.createdAt)"
			+ " from ReferentialVersion v where v.programme = ?1 and v.status = fr.jalon.referential.VersionStatus.PUBLISHED")
	Optional<VersionInUse> findPublished(String programme);

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
