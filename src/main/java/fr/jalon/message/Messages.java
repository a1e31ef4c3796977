package fr.jalon.message;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface Messages extends JpaRepository<Message, Long> {

	Page<Message> findByCandidacyId(String candidacyId, Pageable pageable);

	Optional<Message> findByIdAndCandidacyId(Long id, String candidacyId);

}
