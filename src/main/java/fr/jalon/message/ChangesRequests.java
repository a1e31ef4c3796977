package fr.jalon.message;

import org.springframework.data.jpa.repository.JpaRepository;

interface ChangesRequests extends JpaRepository<ChangesRequest, String> {

}
