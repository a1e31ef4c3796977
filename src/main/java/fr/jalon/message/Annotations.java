package fr.jalon.message;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface Annotations extends JpaRepository<Annotation, Long> {

	Page<Annotation> findByCandidacyId(String candidacyId, Pageable pageable);

	Page<Annotation> findByCandidacyIdAndAuthor(String candidacyId, String author, Pageable pageable);

}
