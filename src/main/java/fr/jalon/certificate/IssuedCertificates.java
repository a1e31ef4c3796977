package fr.jalon.certificate;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface IssuedCertificates extends JpaRepository<Certificate, String> {

	List<Certificate> findByCandidacyIdOrderByIssuedAt(String candidacyId);

	List<Certificate> findAllByOrderByIssuedAtAscCodeAsc();

	/** How many certificates were issued, revoked ones included, of each programme and kind: {@code [programme, kind, count]}. */
	@Query("select c.programme, c.kind, count(c) from Certificate c group by c.programme, c.kind")
	List<Object[]> countByProgrammeAndKind();

}
