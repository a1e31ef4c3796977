package fr.jalon.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.candidacy.Simulations;
import fr.jalon.collectivite.CollectiviteSearch;
import fr.jalon.collectivite.Territories;
import fr.jalon.referential.CreatedVersion;
import fr.jalon.referential.Referential;
import fr.jalon.referential.ReferentialDiff;
import fr.jalon.referential.Referentials;
import fr.jalon.referential.VersionSummary;
import fr.jalon.referential.VersionTaken;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Conflict;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.InvalidInput.FieldError;
import fr.jalon.system.NotFound;
import fr.jalon.system.StrictReading;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' referential pages: versions, one version read, a new version (its faults
 * beside the lines), the diff of two versions, pilot and publish.
 */
@Controller
class ReferentialPages {

	private final Referentials referentials;

	/** The same reading as the API's {@code application/yaml}, into the raw document the service validates. */
	private final ObjectMapper yaml = StrictReading.yaml();

	private final CollectiviteSearch collectivites;

	private final Simulations simulations;

	private final Territories territories;

	private final Exports exports;

	ReferentialPages(Referentials referentials, CollectiviteSearch collectivites, Simulations simulations,
			Territories territories, Exports exports) {
		this.referentials = referentials;
		this.collectivites = collectivites;
		this.simulations = simulations;
		this.territories = territories;
		this.exports = exports;
	}

	@GetMapping("/administration/referentiels")
	String list(@AuthenticationPrincipal JalonUser user, Model model) {
		Pages.require(user, Role.ADMIN);
		Map<ProgrammeName, List<VersionSummary>> versions = new LinkedHashMap<>();
		for (ProgrammeName programme : ProgrammeName.all(referentials)) {
			versions.put(programme, referentials.versions(programme.id()));
		}
		model.addAttribute("versions", versions);
		return "admin/referentiels";
	}

	@GetMapping("/administration/referentiels/{programme}/versions/{version}")
	String version(@AuthenticationPrincipal JalonUser user, @PathVariable String programme, @PathVariable int version,
			Model model) {
		Pages.require(user, Role.ADMIN);
		return versionPage(programme, version, model, "", null);
	}

	private String versionPage(String programme, int version, Model model, String pilots, String pilotsError) {
		model.addAttribute("referential", referentials.version(known(programme).id(), version));
		model.addAttribute("summary", summary(programme, version));
		model.addAttribute("pilots", collectivites.field(pilots));
		model.addAttribute("pilotsError", pilotsError);
		return "admin/version";
	}

	@GetMapping("/administration/referentiels/{programme}/nouvelle")
	String newVersion(@AuthenticationPrincipal JalonUser user, @PathVariable String programme, Model model)
			throws JsonProcessingException {
		Pages.require(user, Role.ADMIN);
		Referential base = referentials.published(known(programme).id());
		int next = referentials.versions(programme).stream().mapToInt(VersionSummary::version).max().orElse(0) + 1;
		Referential draft = base.asDraft(next);
		model.addAttribute("programme", known(programme));
		model.addAttribute("source", yaml.writeValueAsString(draft).replaceFirst("^---\\s*\n", ""));
		model.addAttribute("annotated", null);
		return "admin/nouvelle-version";
	}

	@PostMapping("/administration/referentiels/{programme}/versions")
	String create(@AuthenticationPrincipal JalonUser user, @PathVariable String programme,
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(name = "source", required = false) String text, Model model, HttpServletResponse response,
			RedirectAttributes redirect) throws IOException {
		Pages.require(user, Role.ADMIN);
		ProgrammeName known = known(programme);
		// The API's bound, checked before anything reads the document (a 413 page, in French).
		boolean uploaded = file != null && !file.isEmpty();
		StrictReading.requireYamlSize(uploaded ? file.getSize() : text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length);
		String source = uploaded ? new String(file.getBytes(), StandardCharsets.UTF_8) : text == null ? "" : text;
		List<FieldError> faults;
		int status = HttpServletResponse.SC_BAD_REQUEST;
		try {
			CreatedVersion outcome = referentials.create(user, known.id(), yaml.readTree(source));
			int created = outcome.referential().version();
			redirect.addFlashAttribute("message", outcome.created() ? "Version " + created + " créée (brouillon)."
					: "La version " + created + " existait déjà à l'identique : rien n'a changé.");
			return "redirect:/administration/referentiels/" + known.id() + "/versions/" + created;
		}
		catch (InvalidInput e) {
			faults = e.errors();
			model.addAttribute("summaryText", e.getMessage());
		}
		catch (VersionTaken e) {
			faults = e.errors();
			model.addAttribute("summaryText", e.getMessage());
			status = HttpServletResponse.SC_CONFLICT;
		}
		catch (JsonProcessingException e) {
			faults = List.of(new FieldError("", unreadable(e)));
			model.addAttribute("summaryText", "Le document n'a pas pu être lu ; rien n'a été enregistré.");
			// The reader's fault, in French with its line, beside the field (admin/nouvelle-version).
			model.addAttribute("unreadable", faults.get(0).message());
			if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
				model.addAttribute("annotated", parseFault(source, e));
			}
		}
		response.setStatus(status);
		model.addAttribute("programme", known);
		model.addAttribute("source", source);
		if (!model.containsAttribute("annotated")) {
			model.addAttribute("annotated", YamlLines.annotate(source, faults));
		}
		return "admin/nouvelle-version";
	}

	@GetMapping("/administration/referentiels/{programme}/diff")
	String diff(@AuthenticationPrincipal JalonUser user, @PathVariable String programme,
			@RequestParam(name = "de", required = false) Integer from, @RequestParam(name = "a", required = false) Integer to,
			Model model) {
		Pages.require(user, Role.ADMIN);
		ProgrammeName known = known(programme);
		List<VersionSummary> versions = referentials.versions(known.id());
		int first = from != null ? from : versions.get(Math.max(0, versions.size() - 2)).version();
		int second = to != null ? to : versions.get(versions.size() - 1).version();
		model.addAttribute("programme", known);
		model.addAttribute("versions", versions);
		model.addAttribute("from", first);
		model.addAttribute("to", second);
		ReferentialDiff diff = referentials.diff(known.id(), first, second);
		model.addAttribute("sections", List.of(new Section("Échelle", diff.scale()), new Section("Dimensions", diff.dimensions()),
				new Section("Engagements (critères)", diff.criteria()), new Section("Indicateurs", diff.indicators()),
				new Section("Règles des étapes", diff.stageRules()), new Section("Éligibilité", diff.eligibility()),
				new Section("Aides", diff.subsidies())));
		return "admin/diff";
	}

	/**
	 * « Simuler » a version: the selection's form (période, région, étape) and, on the candidacies it keeps, what the
	 * version would decide against the published one ({@link Simulations}, the API's service); a fault in the form is
	 * shown under its field, with a 400.
	 */
	@GetMapping("/administration/referentiels/{programme}/versions/{version}/simulation")
	String simulation(@AuthenticationPrincipal JalonUser user, @PathVariable String programme, @PathVariable int version,
			@RequestParam(name = "du", required = false) String from, @RequestParam(name = "au", required = false) String to,
			@RequestParam(name = "region", required = false) String region,
			@RequestParam(name = "etape", required = false) String stage, Model model, HttpServletResponse response) {
		Pages.require(user, Role.ADMIN);
		ProgrammeName known = known(programme);
		Referential referential = referentials.version(known.id(), version);
		Map<String, String> values = new LinkedHashMap<>();
		values.put("du", from == null ? "" : from);
		values.put("au", to == null ? "" : to);
		values.put("region", region == null ? "" : region);
		values.put("etape", stage == null ? "" : stage);
		model.addAttribute("programme", known);
		model.addAttribute("referential", referential);
		model.addAttribute("published", referentials.published(known.id()));
		model.addAttribute("regions", territories.regions());
		model.addAttribute("values", values);
		model.addAttribute("csv", "/administration/referentiels/" + known.id() + "/versions/" + version
				+ "/simulation.csv" + org.springframework.web.util.UriComponentsBuilder.newInstance()
					.queryParam("du", values.get("du"))
					.queryParam("au", values.get("au"))
					.queryParam("region", values.get("region"))
					.queryParam("etape", values.get("etape"))
					.encode()
					.build()
					.toUriString());
		Map<String, String> errors = new LinkedHashMap<>();
		try {
			model.addAttribute("simulation", simulations.simulate(user, known.id(), version,
					new Simulations.Selection(from, to, region, stage)));
		}
		catch (InvalidInput e) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			e.errors().forEach(error -> errors.put(PAGE_FIELDS.getOrDefault(error.field(), error.field()), error.message()));
		}
		model.addAttribute("errors", errors);
		return "admin/simulation";
	}

	/** The simulation's flips as CSV, the same selection as the page's. */
	@GetMapping("/administration/referentiels/{programme}/versions/{version}/simulation.csv")
	void simulationCsv(@AuthenticationPrincipal JalonUser user, @PathVariable String programme,
			@PathVariable int version, @RequestParam(name = "du", required = false) String from,
			@RequestParam(name = "au", required = false) String to,
			@RequestParam(name = "region", required = false) String region,
			@RequestParam(name = "etape", required = false) String stage, HttpServletResponse response)
			throws IOException {
		Pages.require(user, Role.ADMIN);
		exports.simulation(simulations.simulate(user, known(programme).id(), version,
				new Simulations.Selection(from, to, region, stage)), response);
	}

	/** The page's names of the selection's fields. */
	private static final Map<String, String> PAGE_FIELDS = Map.of("from", "du", "to", "au", "region", "region", "stage",
			"etape");

	@PostMapping("/administration/referentiels/{programme}/versions/{version}/pilote")
	String pilot(@AuthenticationPrincipal JalonUser user, @PathVariable String programme, @PathVariable int version,
			@RequestParam(name = "collectivites", required = false) String pilots, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		try {
			// Names or codes (the field's script sends codes): resolved by the search the API and the suggestions use.
			referentials.pilot(user, known(programme).id(), version,
					new LinkedHashSet<>(collectivites.resolve("collectivites", pilots)));
			redirect.addFlashAttribute("message", "Version " + version + " proposée en pilote.");
		}
		catch (InvalidInput e) {
			// The form again, the error under the field (with the candidates of an ambiguous name).
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			String messages = String.join(" ", e.errors().stream().map(FieldError::message).toList());
			model.addAttribute("failure", "Version " + version + " non proposée en pilote : " + messages);
			return versionPage(programme, version, model, pilots, messages);
		}
		catch (Conflict e) {
			redirect.addFlashAttribute("failure", e.getMessage());
		}
		return "redirect:/administration/referentiels/" + programme + "/versions/" + version;
	}

	@PostMapping("/administration/referentiels/{programme}/versions/{version}/publication")
	String publish(@AuthenticationPrincipal JalonUser user, @PathVariable String programme, @PathVariable int version,
			RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		try {
			referentials.publish(user, known(programme).id(), version);
			redirect.addFlashAttribute("message", "Version " + version + " publiée.");
		}
		catch (Conflict e) {
			redirect.addFlashAttribute("failure", e.getMessage());
		}
		return "redirect:/administration/referentiels/" + programme + "/versions/" + version;
	}

	/** One kind of element in a diff, for the page. */
	public record Section(String label, ReferentialDiff.Changes changes) {
	}

	private VersionSummary summary(String programme, int version) {
		return referentials.versions(programme)
			.stream()
			.filter(summary -> summary.version() == version)
			.findFirst()
			.orElseThrow(() -> new NotFound("Version " + version + " inconnue."));
	}

	/**
	 * A parser's fault as an administrator reads it: in French, naming the line and column; the parser's own words
	 * (English, technical) stay for the API and the logs.
	 */
	static String unreadable(JsonProcessingException e) {
		com.fasterxml.jackson.core.JsonLocation location = e.getLocation();
		String where = location == null || location.getLineNr() <= 0 ? ""
				: " à la ligne " + location.getLineNr() + (location.getColumnNr() > 0 ? ", colonne " + location.getColumnNr() : "");
		return "Document illisible" + where + " : ce n'est pas du YAML ou du JSON valide. Vérifiez l'indentation, "
				+ "les deux-points et les guillemets de cette ligne et de la précédente.";
	}

	private static YamlLines parseFault(String source, JsonProcessingException e) {
		YamlLines lines = YamlLines.annotate(source, List.of());
		int line = e.getLocation().getLineNr();
		List<YamlLines.Line> annotated = lines.lines()
			.stream()
			.map(each -> each.number() == line
					? new YamlLines.Line(each.number(), each.text(), List.of(unreadable(e)))
					: each)
			.toList();
		return new YamlLines(annotated, List.of());
	}

	private ProgrammeName known(String programme) {
		return ProgrammeName.known(referentials, programme);
	}

}
