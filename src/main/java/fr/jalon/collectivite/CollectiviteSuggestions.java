package fr.jalon.collectivite;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages' autocomplete ({@code static/js/collectivites.js}): the collectivités whose name holds what someone types,
 * for any signed-in page session (names and codes are public facts: nothing more is shown). The API's search
 * ({@link CollectiviteController}) takes HTTP Basic or a token; this one the page's session. Same search, same
 * validation ({@link CollectiviteSearch}); a {@code q} too short or too long is a problem detail naming {@code q}.
 */
@RestController
class CollectiviteSuggestions {

	private final CollectiviteSearch search;

	CollectiviteSuggestions(CollectiviteSearch search) {
		this.search = search;
	}

	@GetMapping("/collectivites/suggestions")
	List<Suggestion> suggest(@RequestParam(required = false) String q) {
		return search.suggest(q).stream().map(Suggestion::of).toList();
	}

	/** A suggestion: the code, the name, the kind in French, the département, and the field's label. */
	record Suggestion(String code, String name, String kind, String departement, String label) {

		static Suggestion of(Collectivite c) {
			return new Suggestion(c.code(), c.name(), c.kind().label(), c.departement(), CollectiviteSearch.label(c));
		}

	}

}
