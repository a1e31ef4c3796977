package fr.jalon.message;

import org.springframework.data.jpa.repository.JpaRepository;

interface AttachmentContents extends JpaRepository<AttachmentContent, Long> {

}
