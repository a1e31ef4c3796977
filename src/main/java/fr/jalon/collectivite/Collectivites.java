package fr.jalon.collectivite;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Collectivites extends JpaRepository<Collectivite, String> {

	@Query("""
			select c from Collectivite c
			where (:q is null or c.searchName like concat('%', :q, '%'))
			  and (:departement is null or c.departement = :departement)
			  and (:kind is null or c.kind = :kind)
			order by c.name""")
	List<Collectivite> search(@Param("q") String q, @Param("departement") String departement,
			@Param("kind") Kind kind);

}
