package fr.jalon.candidacy;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface Documents extends JpaRepository<Document, String> {

	List<Document> findByCandidacyIdOrderByUploadedAt(String candidacyId);

	Optional<Document> findByIdAndCandidacyId(String id, String candidacyId);

}
