package fr.jalon.candidacy;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface Candidacies extends JpaRepository<Candidacy, String>, JpaSpecificationExecutor<Candidacy> {

	List<Candidacy> findByCampaign(String campaign);

}
