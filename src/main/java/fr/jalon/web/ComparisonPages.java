package fr.jalon.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fr.jalon.candidacy.Comparison;
import fr.jalon.candidacy.Comparisons;
import fr.jalon.referential.Referentials;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.security.Visibilities;
import fr.jalon.security.Visibility;

/**
 * « Comparer » (reviewers and administrators, {@code /instruction/comparaison}: the table of their scope, with a CSV
 * link) and « Se comparer » (a collectivité, {@code /collectivite/comparaison}: its candidacies beside the regional
 * and national medians): the same service as the API ({@link Comparisons}), with a GET form.
 */
@Controller
class ComparisonPages {

	private final Comparisons comparisons;

	private final Referentials referentials;

	private final Visibilities visibilities;

	private final Exports exports;

	private final Labels labels;

	ComparisonPages(Comparisons comparisons, Referentials referentials, Visibilities visibilities, Exports exports,
			Labels labels) {
		this.comparisons = comparisons;
		this.referentials = referentials;
		this.visibilities = visibilities;
		this.exports = exports;
		this.labels = labels;
	}

	@GetMapping("/instruction/comparaison")
	String table(@AuthenticationPrincipal JalonUser user, @RequestParam(required = false) String programme,
			@RequestParam(required = false) String version, @RequestParam(required = false) String region,
			@RequestParam(required = false) String stage, Model model) {
		requireReviewerOrAdministrator(user);
		Comparisons.Query query = comparisons.check(programme(user, programme), version, region, stage);
		show(model, comparisons.compare(user, query), query);
		Map<String, String> asked = asked(query);
		asked.put("format", "csv");
		model.addAttribute("csvLink", link("/instruction/comparaison/export", asked));
		return "instruction/comparaison";
	}

	@GetMapping("/instruction/comparaison/export")
	void export(@AuthenticationPrincipal JalonUser user, @RequestParam(required = false) String programme,
			@RequestParam(required = false) String version, @RequestParam(required = false) String region,
			@RequestParam(required = false) String stage, @RequestParam(required = false) String format,
			HttpServletResponse response) throws IOException {
		requireReviewerOrAdministrator(user);
		Exports.Format asked = Exports.Format.of(format);
		exports.comparison(user, comparisons.check(programme(user, programme), version, region, stage), asked,
				response);
	}

	@GetMapping("/collectivite/comparaison")
	String own(@AuthenticationPrincipal JalonUser user, @RequestParam(required = false) String programme,
			@RequestParam(required = false) String version, @RequestParam(required = false) String stage, Model model) {
		Pages.require(user, Role.COLLECTIVITE);
		Comparisons.Query query = comparisons.check(programme(user, programme), version, null, stage);
		show(model, comparisons.compare(user, query), query);
		model.addAttribute("withheld", Exports.WITHHELD);
		return "collectivite/comparaison";
	}

	private static void requireReviewerOrAdministrator(JalonUser user) {
		if (user == null || !(user.is(Role.ADMIN) || user.isReviewer())) {
			Pages.require(user, Role.ADMIN);
		}
	}

	/** The programme asked, else the first in use that the user's role reviews (any for the others). */
	private String programme(JalonUser user, String asked) {
		if (asked != null && !asked.isBlank()) {
			return asked.strip();
		}
		Visibility visibility = visibilities.of(user);
		List<String> programmes = referentials.programmes();
		return programmes.stream()
			.filter(id -> visibility.kind() != Visibility.Kind.PROGRAMMES || visibility.programmes().contains(id))
			.findFirst()
			.orElse(programmes.isEmpty() ? null : programmes.get(0));
	}

	private void show(Model model, Comparison comparison, Comparisons.Query query) {
		Map<String, String> levels = new LinkedHashMap<>();
		comparison.scale().forEach(level -> levels.put(level.id(), level.label()));
		model.addAttribute("comparison", comparison);
		model.addAttribute("levels", levels);
		model.addAttribute("programmes", labels.programmes());
		model.addAttribute("versions", referentials.versions(comparison.programme()));
		model.addAttribute("stages", query.referential().stages());
		model.addAttribute("regions", labels.regions());
		model.addAttribute("asked", asked(query));
	}

	private static Map<String, String> asked(Comparisons.Query query) {
		Map<String, String> asked = new LinkedHashMap<>();
		asked.put("programme", query.referential().programme());
		asked.put("version", String.valueOf(query.referential().version()));
		if (query.region() != null) {
			asked.put("region", query.region());
		}
		if (query.stage() != null) {
			asked.put("stage", query.stage());
		}
		return asked;
	}

	private static String link(String path, Map<String, String> parameters) {
		org.springframework.web.util.UriComponentsBuilder builder = org.springframework.web.util.UriComponentsBuilder
			.fromPath(path);
		parameters.forEach(builder::queryParam);
		return builder.encode().build().toUriString();
	}

}
