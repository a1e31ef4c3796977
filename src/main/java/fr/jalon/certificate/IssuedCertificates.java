package fr.jalon.certificate;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface IssuedCertificates extends JpaRepository<Certificate, String> {

	List<Certificate> findByCandidacyIdOrderByIssuedAt(String candidacyId);

}
