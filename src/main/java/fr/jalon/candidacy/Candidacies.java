package fr.jalon.candidacy;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface Candidacies extends JpaRepository<Candidacy, String>, JpaSpecificationExecutor<Candidacy> {

	List<Candidacy> findByCampaign(String campaign);

	/** How many candidacies each programme has in each status: {@code [programme, status, count]}. */
	@Query("select c.programme, c.status, count(c) from Candidacy c group by c.programme, c.status")
	List<Object[]> countByProgrammeAndStatus();

	/** How many candidacies each of these campaigns has: {@code [campaign, count]}, for those that have one. */
	@Query("select c.campaign, count(c) from Candidacy c where c.campaign in :campaigns group by c.campaign")
	List<Object[]> countByCampaign(@Param("campaigns") java.util.Collection<String> campaigns);

	/** The candidacies that name this collectivité as a partner (by candidacy_partner's index on partner). */
	@Query(value = "select candidacy_id from candidacy_partner where partner = :partner", nativeQuery = true)
	List<String> idsWithPartner(@Param("partner") String partner);

	/** Holds the candidacy's row until the transaction ends (nothing when there is no such candidacy). */
	@Query(value = "select id from candidacy where id = :id for update", nativeQuery = true)
	Optional<String> lockById(@Param("id") String id);

}
