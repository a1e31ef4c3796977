package fr.jalon.collectivite;

import fr.jalon.system.SingleLine;
import java.util.Arrays;
import java.util.List;

import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.system.PlainText;
import fr.jalon.system.Paging;
import fr.jalon.system.Roles;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/collectivites")
class CollectiviteController {

	private final CollectiviteSearch collectivites;

	private final Collectivites bodies;

	CollectiviteController(CollectiviteSearch collectivites, Collectivites bodies) {
		this.collectivites = collectivites;
		this.bodies = bodies;
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping
	@Transactional(readOnly = true)
	ResponseEntity<List<CollectiviteView>> search(@RequestParam(required = false) @SingleLine(max = CollectiviteSearch.QUERY_MAX) String q,
			@RequestParam(required = false) @SingleLine String departement,
			@RequestParam(required = false) @SingleLine String kind,
			@RequestParam(required = false) @SingleLine(max = 32) String epci, Paging paging,
			HttpServletRequest request) {
		return paging.answer(collectivites.search(q, blankToNull(departement), kind(kind), blankToNull(epci),
				paging.pageable(org.springframework.data.domain.Sort.unsorted())).map(CollectiviteView::of), request);
	}

	/** One body, by its code: an ended one too (a merged commune names its successor). */
	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{code}")
	@Transactional(readOnly = true)
	CollectiviteView get(@PathVariable @SingleLine(max = 32) String code) {
		return bodies.findById(code)
			.map(CollectiviteView::of)
			.orElseThrow(() -> new NotFound("Collectivité introuvable : " + PlainText.excerpt(code) + "."));
	}

	private static Kind kind(String kind) {
		if (kind == null || kind.isBlank()) {
			return null;
		}
		return Arrays.stream(Kind.values())
			.filter(k -> k.name().equalsIgnoreCase(kind))
			.findFirst()
			.orElseThrow(() -> InvalidInput.of("kind",
					"Type de collectivité inconnu ; valeurs possibles : " + Arrays.toString(Kind.values())));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	record CollectiviteView(String code, String name, Kind kind, String departement, String region,
			Integer population, Boolean populationApproximate, String epci, String siren, String parent,
			String successor, java.time.LocalDate endedOn) {

		static CollectiviteView of(Collectivite c) {
			return new CollectiviteView(c.code(), c.name(), c.kind(), c.departement(), c.region(), c.population(),
					c.populationApproximate() ? Boolean.TRUE : null, c.epci(), c.siren(), c.parent(), c.successor(), c.endedOn());
		}

	}

}
