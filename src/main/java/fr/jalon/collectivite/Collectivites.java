package fr.jalon.collectivite;

import org.springframework.data.jpa.repository.JpaRepository;

/** The bodies by code; {@link CollectiviteSearch} finds them by name. */
public interface Collectivites extends JpaRepository<Collectivite, String> {

}
