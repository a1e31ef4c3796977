package fr.jalon.message;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface Attachments extends JpaRepository<Attachment, Long> {

	List<Attachment> findByMessageIdInOrderById(Collection<Long> messageIds);

	Optional<Attachment> findByIdAndMessageId(Long id, Long messageId);

}
