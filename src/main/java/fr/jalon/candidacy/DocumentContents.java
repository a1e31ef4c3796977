package fr.jalon.candidacy;

import org.springframework.data.jpa.repository.JpaRepository;

interface DocumentContents extends JpaRepository<DocumentContent, String> {

}
