package fr.jalon.collectivite;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface Collectivites extends JpaRepository<Collectivite, String>, JpaSpecificationExecutor<Collectivite> {

	/**
	 * A page of the collectivités whose name holds every word ({@link Collectivite#searchable folded}: letters and
	 * digits only), of that département and kind where given, by name.
	 */
	default Page<Collectivite> search(List<String> words, String departement, Kind kind, Pageable page) {
		Specification<Collectivite> matching = (root, query, cb) -> {
			List<jakarta.persistence.criteria.Predicate> all = new java.util.ArrayList<>();
			words.forEach(word -> all.add(cb.like(root.get("searchName"), "%" + word + "%")));
			if (departement != null) {
				all.add(cb.equal(root.get("departement"), departement));
			}
			if (kind != null) {
				all.add(cb.equal(root.get("kind"), kind));
			}
			return cb.and(all.toArray(jakarta.persistence.criteria.Predicate[]::new));
		};
		return findAll(matching, PageRequest.of(page.getPageNumber(), page.getPageSize(),
				Sort.by("name").and(Sort.by("code"))));
	}

}
