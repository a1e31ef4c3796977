package fr.jalon.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.Status;
import fr.jalon.collectivite.Collectivites;
import fr.jalon.collectivite.Territories;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.review.ReviewService;
import fr.jalon.security.Visibilities;
import fr.jalon.system.French;

import org.springframework.stereotype.Component;

/** The French words the pages show for the product's codes; templates call it as {@code @labels}. */
@Component("labels")
public class Labels {

	static final ZoneId PARIS = French.PARIS;

	private static final Map<String, String> OUTCOMES = Map.of("SUBMIT", "Transmettre", "APPROVE", "Approuver",
			"REQUEST_CHANGES", "Demander des compléments", "ADJOURN", "Ajourner", "REJECT", "Refuser");

	private static final Map<String, String> PLATFORM_STATUSES = Map.of(Status.IN_PROGRESS, "En cours",
			Status.WITHDRAWN, "Retirée");

	/** The events the platform itself records, whatever the programme. */
	private static final Map<String, String> EVENTS = Map.of("SUBMITTED", "Candidature déposée", "STAGE_ENTERED",
			"Nouvelle étape", "DOCUMENT_UPLOADED", "Document déposé", Status.WITHDRAWN, "Candidature retirée",
			"ELIGIBLE", "Éligible", "NOT_ELIGIBLE", "Non éligible", "REMINDER_SENT", "Relance", "TASK_ESCALATED",
			"Échéance dépassée, signalée", "DOCUMENT_REPLACED", "Document remplacé", "DOCUMENT_WITHDRAWN",
			"Document retiré");

	/** What a document of a dossier is now ({@link fr.jalon.candidacy.DocumentStatus}). */
	private static final Map<String, String> DOCUMENT_STATUSES = Map.of(
			fr.jalon.candidacy.DocumentStatus.DEPOSITED, "Déposé",
			fr.jalon.candidacy.DocumentStatus.CHANGES_REQUESTED, "À compléter",
			fr.jalon.candidacy.DocumentStatus.SUPERSEDED, "Remplacé",
			fr.jalon.candidacy.DocumentStatus.WITHDRAWN, "Retiré");

	private final Collectivites collectivites;

	private final Territories territories;

	private final Referentials referentials;

	private final Visibilities visibilities;

	private final ReviewService reviews;

	Labels(Collectivites collectivites, Territories territories, Referentials referentials, Visibilities visibilities,
			ReviewService reviews) {
		this.collectivites = collectivites;
		this.territories = territories;
		this.referentials = referentials;
		this.visibilities = visibilities;
		this.reviews = reviews;
	}

	private Optional<Referential> definition(String programme) {
		return programme == null ? Optional.empty()
				: remembered("definitions", programme, () -> referentials.definition(programme));
	}

	/**
	 * What a page asks again and again (a programme's declarations, a collectivité's name) is read once per
	 * request: a list's rows then cost no statement of their own. Outside a request, read each time.
	 */
	@SuppressWarnings("unchecked")
	private static <T> T remembered(String kind, String key, java.util.function.Supplier<T> read) {
		org.springframework.web.context.request.RequestAttributes request = org.springframework.web.context.request.RequestContextHolder
			.getRequestAttributes();
		if (request == null) {
			return read.get();
		}
		String name = Labels.class.getName() + "." + kind;
		Map<String, Object> known = (Map<String, Object>) request.getAttribute(name,
				org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
		if (known == null) {
			known = new java.util.HashMap<>();
			request.setAttribute(name, known, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
		}
		if (!known.containsKey(key)) {
			known.put(key, read.get());
		}
		return (T) known.get(key);
	}

	/** The names of the collectivités a list shows, read in one statement for the rest of the request. */
	public void readCollectivites(java.util.Collection<String> codes) {
		java.util.Set<String> wanted = new java.util.HashSet<>(codes);
		wanted.remove(null);
		Map<String, String> found = new java.util.HashMap<>();
		collectivites.findAllById(wanted).forEach(collectivite -> found.put(collectivite.code(), name(collectivite)));
		wanted.forEach(code -> remembered("collectivites", code, () -> found.getOrDefault(code, code)));
	}

	private static String name(fr.jalon.collectivite.Collectivite collectivite) {
		return collectivite.name() + " (" + collectivite.code() + ")";
	}

	/** The programmes in use, with their French names. */
	public java.util.List<ProgrammeName> programmes() {
		return ProgrammeName.all(referentials);
	}

	/** What each programme in use declares, in the order they were deployed. */
	public java.util.List<Referential> programmeDefinitions() {
		return referentials.programmes().stream().flatMap(id -> referentials.definition(id).stream()).toList();
	}

	/** The stages a programme in use declares, in order. */
	public java.util.List<Referential.Label> stages(String programme) {
		return definition(programme).map(Referential::stages).orElse(java.util.List.of());
	}

	// --- the words of a programme's declarations: those in use (lists of tasks, the dashboard), or those of
	// the referential version a candidacy keeps (its own pages). An id nobody declares shows as itself.

	private Optional<Referential> definition(CandidacyView candidacy) {
		try {
			return Optional.of(referentials.content(candidacy.programme(), candidacy.referentialVersion()));
		}
		catch (RuntimeException e) {
			return definition(candidacy.programme());
		}
	}

	public String programme(String id) {
		return definition(id).map(Referential::name).orElse(String.valueOf(id));
	}

	public String stage(String programme, String stage) {
		return stage(definition(programme), stage);
	}

	public String stage(CandidacyView candidacy, String stage) {
		return stage(definition(candidacy), stage);
	}

	public String status(String programme, String status) {
		return status(definition(programme), status);
	}

	public String status(CandidacyView candidacy) {
		return status(definition(candidacy), candidacy.status());
	}

	/** The style of a status: in progress, a success, or another end. */
	public String statusClass(String programme, String status) {
		return statusClass(definition(programme), status);
	}

	public String statusClass(CandidacyView candidacy) {
		return statusClass(definition(candidacy), candidacy.status());
	}

	public String document(String programme, String type) {
		return document(definition(programme), type);
	}

	public String document(CandidacyView candidacy, String type) {
		return document(definition(candidacy), type);
	}

	/** A data field's label, as its programme declares it. */
	public String field(String programme, String field) {
		return field(definition(programme), field);
	}

	public String field(CandidacyView candidacy, String field) {
		return field(definition(candidacy), field);
	}

	public String subsidy(String programme, String subsidy) {
		return subsidy(definition(programme), subsidy);
	}

	public String subsidy(CandidacyView candidacy, String subsidy) {
		return subsidy(definition(candidacy), subsidy);
	}

	/** A history event: the platform's, an end status, or a step's name in the programme's latest process. */
	public String event(String programme, String event) {
		return event(definition(programme), programme, null, event);
	}

	/** A history event of a candidacy: its steps named as the process version it runs names them. */
	public String event(CandidacyView candidacy, String event) {
		return event(definition(candidacy), candidacy.programme(), candidacy.programmeVersion(), event);
	}

	private static String stage(Optional<Referential> declarations, String stage) {
		if (stage == null) {
			return "";
		}
		return declarations.flatMap(found -> found.stage(stage)).map(Referential.Label::label).orElse(stage);
	}

	private static String status(Optional<Referential> declarations, String status) {
		if (status == null) {
			return "";
		}
		if (PLATFORM_STATUSES.containsKey(status)) {
			return PLATFORM_STATUSES.get(status);
		}
		return declarations.flatMap(found -> found.endStatus(status)).map(Referential.EndStatus::label).orElse(status);
	}

	private static String statusClass(Optional<Referential> declarations, String status) {
		if (Status.IN_PROGRESS.equals(status)) {
			return "in_progress";
		}
		return declarations.flatMap(found -> found.endStatus(status))
			.filter(Referential.EndStatus::success)
			.map(success -> "reussite")
			.orElse("echec");
	}

	private static String document(Optional<Referential> declarations, String type) {
		if (type == null) {
			return "";
		}
		return declarations.flatMap(found -> found.documentType(type)).map(Referential.Label::label).orElse(type);
	}

	private static String field(Optional<Referential> declarations, String field) {
		return declarations.flatMap(found -> found.field(field))
			.map(Referential.Field::label)
			.orElse(String.valueOf(field));
	}

	private static String subsidy(Optional<Referential> declarations, String subsidy) {
		return declarations.flatMap(found -> found.subsidies()
			.stream()
			.filter(declared -> declared.id().equals(subsidy))
			.findFirst())
			.map(Referential.Subsidy::title)
			.orElse(String.valueOf(subsidy));
	}

	private String event(Optional<Referential> declarations, String programme, Integer processVersion, String event) {
		if (event == null) {
			return "";
		}
		if (EVENTS.containsKey(event)) {
			return EVENTS.get(event);
		}
		Optional<Referential.EndStatus> status = declarations.flatMap(found -> found.endStatus(event));
		if (status.isPresent()) {
			return status.get().label();
		}
		return reviews.stepName(programme, processVersion, event).orElse(event);
	}

	public String outcome(String outcome) {
		return outcome == null ? "" : OUTCOMES.getOrDefault(outcome, outcome);
	}

	// --- words for codes the platform itself writes (issue 15: labels, not codes, wherever a user reads).

	/** The actor the platform records for what the engine did by itself ({@code Candidacy.record}, audit). */
	static final String SYSTEM_ACTOR = "system";

	/** Who did something: a user's name as recorded, or « Jalon (automatique) » for what the engine did. */
	public String actor(String actor) {
		if (actor == null) {
			return "";
		}
		return SYSTEM_ACTOR.equals(actor) ? "Jalon (automatique)" : actor;
	}

	/**
	 * Who did something, as the row recorded it then: « Marie Dupont (Commune d’Albi) », the person's name and the
	 * body they acted for; the username alone for a row older than names, « Jalon (automatique) » for the engine.
	 */
	public String actor(String actor, String actorName, fr.jalon.security.ActedBy.ActingFor actingFor) {
		if (actor == null || SYSTEM_ACTOR.equals(actor) || actorName == null) {
			return actor(actor);
		}
		return actingFor == null ? actorName : actorName + " (" + body(actingFor.role(), actingFor.scope()) + ")";
	}

	/**
	 * The body an account acts for: « Commune d’Albi » (a collectivité), « DDT, Tarn » (a role and its département or
	 * region), « Administrateur » (a national role).
	 */
	public String body(String role, String scope) {
		if (role == null) {
			return "";
		}
		if (fr.jalon.security.Role.COLLECTIVITE.equals(role)) {
			return scope == null ? role(role) : remembered("bodies", scope, () -> collectivites.findById(scope)
				.map(found -> found.kind() == fr.jalon.collectivite.Kind.COMMUNE ? "Commune " + French.de(found.name())
						: found.name())
				.orElse(scope));
		}
		if (scope == null) {
			return role(role);
		}
		String territory = territories.departementName(scope);
		if (territory == null) {
			territory = territories.regionName(scope);
		}
		return role(role) + ", " + (territory == null ? scope : territory);
	}

	/** A step (a task definition key) as the programme's latest process names it. */
	public String step(String programme, String key) {
		return key == null ? "" : reviews.stepName(programme, null, key).orElse(key);
	}

	/** A document's status: « Déposé », « À compléter », « Remplacé », « Retiré ». */
	public String documentStatus(String status) {
		return status == null ? "" : DOCUMENT_STATUSES.getOrDefault(status, status);
	}

	/** A data value as people read it: Oui or Non, a number the French way, a text as it is. */
	public String value(Object value) {
		if (value instanceof Boolean yes) {
			return yes ? "Oui" : "Non";
		}
		if (value instanceof Number number) {
			return French.number(number);
		}
		return value == null ? "" : value.toString();
	}

	public String role(String role) {
		return role == null ? "" : visibilities.label(role);
	}

	public String collectivite(String code) {
		if (code == null) {
			return "";
		}
		return remembered("collectivites", code,
				() -> collectivites.findById(code).map(Labels::name).orElse(code));
	}

	/**
	 * What became of a body that ended (issue 17): « Commune fusionnée le 1er janvier 2027 dans Vongnes-Flaxieu
	 * (01456) », or « Collectivité disparue du référentiel officiel le … » when it merged into none; none while it
	 * lasts.
	 */
	public String ended(String code) {
		if (code == null) {
			return null;
		}
		return remembered("ended", code, () -> collectivites.findById(code)
			.filter(found -> found.endedOn() != null)
			.map(found -> found.successor() == null
					? "Collectivité disparue du référentiel officiel le " + French.day(found.endedOn())
					: (found.kind() == fr.jalon.collectivite.Kind.COMMUNE ? "Commune fusionnée" : "Fusionnée") + " le "
							+ French.day(found.endedOn()) + " dans " + collectivite(found.successor()))
			.orElse(null));
	}

	/** Every status a candidacy may have, of the platform then of the programmes in use, label by id (a list's filter). */
	public Map<String, String> statuses() {
		Map<String, String> statuses = new java.util.LinkedHashMap<>();
		statuses.put(Status.IN_PROGRESS, PLATFORM_STATUSES.get(Status.IN_PROGRESS));
		statuses.put(Status.WITHDRAWN, PLATFORM_STATUSES.get(Status.WITHDRAWN));
		programmeDefinitions().forEach(definition -> definition.statuses()
			.forEach(status -> statuses.putIfAbsent(status.id(), status.label())));
		return statuses;
	}

	/** Every region, name by code (a list's filter). */
	public java.util.SortedMap<String, String> regions() {
		return territories.regions();
	}

	public String region(String code) {
		String name = code == null ? null : territories.regionName(code);
		return name == null ? String.valueOf(code) : name;
	}

	// --- dates, hours, numbers, amounts and sizes: French's, under the names the templates call.

	/** « 1er juin 2025 ». */
	public String date(Instant instant) {
		return French.date(instant);
	}

	/** « 12 juin 2025 à 14 h 32 ». */
	public String dateTime(Instant instant) {
		return French.dateTime(instant);
	}

	/** An hour of the day as the French say it: « 14 h 32 ». */
	public String time(Instant instant) {
		return French.time(instant);
	}

	/** A day: « 1er janvier 2027 ». */
	public String day(java.time.LocalDate day) {
		return French.day(day);
	}

	/** A count as the French write it: « 34 969 ». */
	public String count(Integer value) {
		return value == null ? "" : French.number(value.doubleValue());
	}

	/** The state of an update of the official collectivités (collectivite/CollectiviteUpdates). */
	public String updateStatus(String status) {
		return switch (String.valueOf(status)) {
			case "PREVIEW" -> "Aperçu, non appliqué";
			case "APPLIED" -> "Appliqué";
			case "DISCARDED" -> "Écarté";
			default -> String.valueOf(status);
		};
	}

	/** A kind of change of an update of the official collectivités, as its preview names it. */
	public String updateChange(String kind) {
		return switch (String.valueOf(kind)) {
			case "added" -> "Communes ajoutées";
			case "renamed" -> "Communes renommées";
			case "merged" -> "Communes fusionnées dans une commune nouvelle";
			case "removed" -> "Communes disparues";
			case "epciMembership" -> "Communes changeant d’intercommunalité";
			case "epciAdded" -> "Intercommunalités ajoutées";
			case "epciRemoved" -> "Intercommunalités disparues";
			case "epciRenamed" -> "Intercommunalités renommées";
			case "population" -> "Populations changées";
			default -> String.valueOf(kind);
		};
	}

	/** A number as the French write it: « 12 345 », « 3,5 », no useless decimals. */
	public String number(Double value) {
		return French.number(value);
	}

	/** An amount in euros: « 45 000 € ». */
	public String euros(Object value) {
		return value instanceof Number number ? French.euros(number) : value == null ? "" : value + "\u00A0€";
	}

	/** A level's label on the scale, or its id. */
	public String level(java.util.List<Referential.Level> scale, String id) {
		if (id == null) {
			return "—";
		}
		return scale.stream().filter(level -> level.id().equals(id)).map(Referential.Level::label).findFirst().orElse(id);
	}

	/** The candidacy's path, stage by stage: done, current (or stopped there), to come. */
	public java.util.List<PathStep> path(CandidacyView candidacy) {
		Referential definition = referentials.content(candidacy.programme(), candidacy.referentialVersion());
		java.util.List<Referential.Label> stages = definition.stages();
		int current = stages.stream().map(Referential.Label::id).toList().indexOf(candidacy.stage());
		// A success reached in its stage completes it; the stages after it are to come when the process has a later
		// step (a labelled candidacy awaiting its confirmation), and there are none otherwise.
		boolean completed = definition.endStatus(candidacy.status()).map(Referential.EndStatus::success).orElse(false)
				&& candidacy.reachedInItsStage();
		java.util.List<PathStep> path = new java.util.ArrayList<>();
		for (int i = 0; i < stages.size(); i++) {
			String state;
			if (i < current) {
				state = "faite";
			}
			else if (i == current) {
				state = candidacy.workable() ? "en-cours" : completed ? "faite" : "arretee";
			}
			else {
				state = "a-venir";
			}
			path.add(new PathStep(i + 1, stages.get(i).label(), state));
		}
		return path;
	}

	/** One stage of a path; {@code state}: faite, en-cours, arretee, a-venir. */
	public record PathStep(int number, String label, String state) {

		public String stateLabel() {
			return switch (state) {
				case "faite" -> "étape franchie";
				case "en-cours" -> "étape en cours";
				case "arretee" -> "candidature arrêtée à cette étape";
				default -> "étape à venir";
			};
		}

	}

	/** A file size as people read it: « 512 o », « 12 Ko », « 3,4 Mo ». */
	public String size(long bytes) {
		return French.size(bytes);
	}

	public boolean overdue(Instant due) {
		return due != null && due.isBefore(Instant.now());
	}

	// --- added by the dsfr-admin part: a referential version's status, as the administrator's pages show it.

	private static final Map<String, String> VERSION_STATUSES = Map.of("DRAFT", "Brouillon", "PILOT", "Pilote",
			"PUBLISHED", "Publiée", "RETIRED", "Retirée");

	/** A referential version's status ({@link fr.jalon.referential.VersionStatus}): « Brouillon », « Publiée »… */
	public String versionStatus(Object status) {
		return status == null ? "" : VERSION_STATUSES.getOrDefault(status.toString(), status.toString());
	}

}
