package fr.jalon.campaign;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface Campaigns extends JpaRepository<Campaign, String> {

	List<Campaign> findByProgrammeOrderByCreatedAt(String programme);

	org.springframework.data.domain.Page<Campaign> findByProgramme(String programme,
			org.springframework.data.domain.Pageable page);

	boolean existsByProgrammeAndRegion(String programme, String region);

}
