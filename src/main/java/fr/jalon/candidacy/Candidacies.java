package fr.jalon.candidacy;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface Candidacies extends JpaRepository<Candidacy, String>, JpaSpecificationExecutor<Candidacy> {

}
