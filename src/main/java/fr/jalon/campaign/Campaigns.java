package fr.jalon.campaign;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface Campaigns extends JpaRepository<Campaign, String> {

	List<Campaign> findByProgrammeOrderByCreatedAt(String programme);

	boolean existsByProgrammeAndRegion(String programme, String region);

}
