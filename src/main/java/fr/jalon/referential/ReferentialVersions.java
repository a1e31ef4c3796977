package fr.jalon.referential;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ReferentialVersions extends JpaRepository<ReferentialVersion, String> {

	List<ReferentialVersion> findByProgrammeOrderByVersion(String programme);

	Optional<ReferentialVersion> findFirstByProgrammeAndStatusOrderByVersionDesc(String programme,
			VersionStatus status);

	List<ReferentialVersion> findByStatusOrderByCreatedAt(VersionStatus status);

	List<ReferentialVersion> findByProgrammeAndStatusOrderByVersionDesc(String programme, VersionStatus status);

}
