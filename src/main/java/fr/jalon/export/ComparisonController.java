package fr.jalon.export;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.jalon.candidacy.Comparisons;
import fr.jalon.security.JalonUser;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.Negotiation;
import fr.jalon.system.PlainText;
import fr.jalon.system.Roles;
import fr.jalon.web.Exports;

/**
 * {@code GET /api/programmes/{programme}/comparison?version=&region=&stage=}: the comparison of collectivités
 * ({@link Comparisons}) as JSON, or as CSV ({@code Accept} preferring {@code text/csv} to JSON, or
 * {@code format=csv}) or XLSX ({@code format=xlsx}) written as the lists' exports are ({@link Exports}). Reviewers and administrators get the
 * table of their scope, a collectivité its own rows beside the anonymised medians.
 */
@RestController
class ComparisonController {

	private final Comparisons comparisons;

	private final Exports exports;

	ComparisonController(Comparisons comparisons, Exports exports) {
		this.comparisons = comparisons;
		this.exports = exports;
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/api/programmes/{programme}/comparison")
	Object compare(@AuthenticationPrincipal JalonUser user, @PathVariable String programme,
			@RequestParam(required = false) String version, @RequestParam(required = false) String region,
			@RequestParam(required = false) String stage, @RequestParam(required = false) String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
			throws IOException {
		Exports.Format asked = format(format, accept);
		Comparisons.Query query = comparisons.check(programme, version, region, stage);
		if (asked == null) {
			return comparisons.compare(user, query);
		}
		exports.comparison(user, query, asked, response);
		return null;
	}

	/** {@code format}: json, csv or xlsx; absent, CSV if the Accept header prefers it to JSON ({@link Negotiation}). */
	private static Exports.Format format(String format, String accept) {
		if (format == null || format.isBlank()) {
			return Negotiation.prefersCsv(accept) ? Exports.Format.CSV : null;
		}
		if ("json".equals(format.strip())) {
			return null;
		}
		if (!"csv".equals(format.strip()) && !"xlsx".equals(format.strip())) {
			throw InvalidInput.of("format", "Format inconnu : « " + PlainText.excerpt(format, 20)
					+ " » ; formats possibles : json, csv, xlsx.");
		}
		return Exports.Format.of(format.strip());
	}

}
