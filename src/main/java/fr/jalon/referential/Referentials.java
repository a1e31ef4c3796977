package fr.jalon.referential;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.SingleLine;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Conflict;
import fr.jalon.system.Duplicates;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.InvalidInput.FieldError;
import fr.jalon.system.NotFound;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The referential versions of each programme: created as drafts by administrators, piloted on
 * chosen collectivités, published for general use, retired when a newer one is published.
 */
@Service
@Validated
public class Referentials {

	private final ReferentialVersions versions;

	private final KnownSteps knownSteps;

	private final ObjectMapper json;

	private final ApplicationEventPublisher events;

	/** Parsed contents, by version id; a version's content never changes once stored. */
	private final Map<String, Referential> parsed = new ConcurrentHashMap<>();

	/** The reader of stored contents: lenient on keys that older versions of Jalon wrote. */
	private final ObjectMapper stored;

	Referentials(ReferentialVersions versions, KnownSteps knownSteps, ObjectMapper json,
			ApplicationEventPublisher events) {
		this.versions = versions;
		this.knownSteps = knownSteps;
		this.json = json;
		this.stored = json.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.events = events;
	}

	/**
	 * The version a new candidacy of that collectivité starts with: the newest version piloted on it,
	 * else the published one.
	 */
	@Transactional(readOnly = true)
	public Referential inForce(String programme, String collectivite) {
		return versions.findByProgrammeAndStatusOrderByVersionDesc(programme, VersionStatus.PILOT)
			.stream()
			.filter(version -> version.pilotedOn(collectivite))
			.findFirst()
			.map(this::read)
			.orElseGet(() -> published(programme));
	}

	@Transactional(readOnly = true)
	public Referential published(@SingleLine String programme) {
		return versions.findFirstByProgrammeAndStatusOrderByVersionDesc(programme, VersionStatus.PUBLISHED)
			.map(this::read)
			.orElseThrow(() -> new NotFound("Aucun référentiel publié pour le programme « " + programme + " »."));
	}

	@Transactional(readOnly = true)
	public Referential version(@SingleLine String programme, int version) {
		return read(stored(programme, version));
	}

	@Transactional(readOnly = true)
	public List<VersionSummary> versions(@SingleLine String programme) {
		List<ReferentialVersion> all = versions.findByProgrammeOrderByVersion(programme);
		if (all.isEmpty()) {
			throw new NotFound("Programme « " + programme + " » inconnu.");
		}
		return all.stream().map(ReferentialVersion::summary).toList();
	}

	/**
	 * A new draft version from a raw document (JSON or YAML read as a tree), checked by
	 * {@link ReferentialValidator}: refused with every fault, and nothing stored, when invalid. A version
	 * sent again with the same content (its status aside) stores nothing and answers the stored one; the
	 * same number with another content is {@link VersionTaken}.
	 */
	@Transactional
	public CreatedVersion create(JalonUser user, @SingleLine String programme, JsonNode document) {
		requireAdministrator(user);
		versions.lockProgramme(programme);
		List<ReferentialVersion> existing = versions.findByProgrammeOrderByVersion(programme);
		if (existing.isEmpty()) {
			throw new NotFound("Programme « " + programme + " » inconnu.");
		}
		Set<Integer> numbers = existing.stream().map(ReferentialVersion::version).collect(Collectors.toSet());
		Set<String> steps = knownSteps.of(programme);
		ReferentialValidator.Result result = ReferentialValidator.read(document, programme, numbers, steps);
		if (onlyItsNumberIsTaken(result, document, numbers)) {
			ReferentialValidator.Result again = ReferentialValidator.read(document, programme, Set.of(), steps);
			if (again.valid()) {
				return sentAgain(stored(programme, again.referential().version()), again.referential());
			}
		}
		if (!result.valid()) {
			throw new InvalidInput("Le référentiel comporte " + result.faults().size()
					+ " erreur(s) ; rien n'a été enregistré.",
					result.faults().stream().map(fault -> new FieldError(fault.field(), fault.message())).toList());
		}
		Referential candidate = result.referential();
		requireFitsItsProgramme(candidate, "rien n'a été enregistré");
		ReferentialVersion version = insert(new ReferentialVersion(programme, candidate.version(), candidate.title(),
				write(candidate)));
		events.publishEvent(AuditEvent.on(user.getUsername(), "REFERENTIAL_CREATED", version.id(), candidate.title()));
		return new CreatedVersion(read(version), true);
	}

	@Transactional
	public VersionSummary pilot(JalonUser user, @SingleLine String programme, int number,
			Set<@SingleLine String> collectivites) {
		requireAdministrator(user);
		if (collectivites == null || collectivites.isEmpty()) {
			throw InvalidInput.of("collectivites", "Nommez au moins une collectivité pilote.");
		}
		versions.lockProgramme(programme);
		ReferentialVersion version = stored(programme, number);
		requireFitsItsProgramme(read(version), "elle n'est pas proposée");
		version.pilot(new LinkedHashSet<>(collectivites));
		events.publishEvent(AuditEvent.on(user.getUsername(), "REFERENTIAL_PILOTED", version.id(),
				String.join(", ", collectivites)));
		return version.summary();
	}

	/** Publishes the version for general use; the one published before it retires. */
	@Transactional
	public VersionSummary publish(JalonUser user, @SingleLine String programme, int number) {
		requireAdministrator(user);
		versions.lockProgramme(programme);
		ReferentialVersion version = stored(programme, number);
		requireFitsItsProgramme(read(version), "elle n'est pas publiée");
		publishInPlaceOfOthers(version);
		events.publishEvent(AuditEvent.on(user.getUsername(), "REFERENTIAL_PUBLISHED", version.id(), null));
		return version.summary();
	}

	/**
	 * Stores a new version by an insert, at once: a number that another request has just stored (the
	 * database's unique key) is {@link VersionTaken}, and nothing of this one is stored.
	 */
	private ReferentialVersion insert(ReferentialVersion version) {
		return Duplicates.asConflict(() -> versions.saveAndFlush(version),
				() -> VersionTaken.concurrently(version.programme(), version.version()));
	}

	/**
	 * Publishes the version, under its programme's lock: the one published before retires first, so that the
	 * database, which holds at most one published version per programme, never sees two.
	 */
	private void publishInPlaceOfOthers(ReferentialVersion version) {
		version.requirePublishable();
		versions.findByProgrammeAndStatusOrderByVersionDesc(version.programme(), VersionStatus.PUBLISHED)
			.forEach(ReferentialVersion::retire);
		versions.flush();
		version.publish();
		Duplicates.asConflict(() -> versions.saveAndFlush(version),
				() -> new Conflict("Une autre version du référentiel « " + version.programme()
						+ " » vient d'être publiée ; rien n'a changé. Rechargez les versions avant de recommencer."));
	}

	@Transactional(readOnly = true)
	public ReferentialDiff diff(@SingleLine String programme, int from, int to) {
		return ReferentialDiff.between(version(programme, from), version(programme, to), json);
	}

	/** Whether the document's one fault is a number the programme has: perhaps the same version sent again. */
	private static boolean onlyItsNumberIsTaken(ReferentialValidator.Result result, JsonNode document,
			Set<Integer> numbers) {
		JsonNode number = document == null ? null : document.path("version");
		return !result.valid() && number != null && number.isIntegralNumber() && numbers.contains(number.asInt())
				&& result.faults().stream().allMatch(fault -> fault.field().equals("/version"));
	}

	/** The same number sent again: nothing to store if the content is the same, a conflict otherwise. */
	private CreatedVersion sentAgain(ReferentialVersion stored, Referential candidate) {
		try {
			if (json.readTree(stored.content()).equals(json.readTree(write(candidate)))) {
				return new CreatedVersion(read(stored), false);
			}
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Stored referential " + stored.id() + " is unreadable", e);
		}
		throw VersionTaken.withOtherContent(stored.programme(), stored.version());
	}

	/**
	 * A version runs with its programme's latest process, whose stages, statuses, roles, certificates and
	 * deadlines it must declare, and keeps each role's scope as every programme in use declares it.
	 */
	private void requireFitsItsProgramme(Referential candidate, String consequence) {
		List<FieldError> faults = new java.util.ArrayList<>(knownSteps.processFaults(candidate));
		faults.addAll(roleConflicts(candidate));
		if (!faults.isEmpty()) {
			throw new InvalidInput("Le référentiel ne convient pas au processus ou aux rôles en service ; "
					+ consequence + ".", faults);
		}
	}

	/**
	 * The roles of a candidate referential whose kind of scope differs from what a programme in use — another,
	 * or its own version in use — declares: an account of a role has one scope, read the same way everywhere,
	 * and a role's accounts never see more than they did.
	 */
	public List<FieldError> roleConflicts(Referential candidate) {
		List<FieldError> faults = new java.util.ArrayList<>();
		for (int i = 0; i < candidate.roles().size(); i++) {
			Referential.RoleDeclaration role = candidate.roles().get(i);
			if (role == null || role.id() == null) {
				continue;
			}
			for (String programme : programmes()) {
				java.util.Optional<Referential.RoleDeclaration> there = definition(programme)
					.flatMap(definition -> definition.role(role.id()));
				if (there.isPresent() && there.get().scope() != role.scope()) {
					faults.add(new FieldError("/roles/" + i + "/scope", "le rôle " + role.id() + " a pour périmètre « "
							+ there.get().scope().name().toLowerCase(java.util.Locale.ROOT) + " » dans le programme « "
							+ programme + " » en service : un compte de ce rôle n'a qu'un périmètre"));
				}
			}
		}
		return faults;
	}

	private ReferentialVersion stored(String programme, int version) {
		return versions.findById(programme + ":" + version)
			.orElseThrow(() -> new NotFound("Version " + version + " du référentiel « " + programme + " » inconnue."));
	}

	private static void requireAdministrator(JalonUser user) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur modifie les référentiels.");
		}
	}

	/**
	 * A stored version's content, parsed once. It enters the cache only once its transaction has committed:
	 * a version written by a transaction that then rolls back (a refused deployment) is never remembered.
	 * Stored content was checked when written; it is read leniently, so that a key an older Jalon wrote and
	 * this one no longer knows does not make a stored version unreadable.
	 */
	private Referential read(ReferentialVersion version) {
		Referential known = parsed.get(version.id());
		if (known != null) {
			return known.withStatus(version.status().name());
		}
		Referential content;
		try {
			content = stored.readValue(version.content(), Referential.class);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Stored referential " + version.id() + " is unreadable", e);
		}
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCommit() {
						parsed.putIfAbsent(version.id(), content);
					}
				});
		}
		return content.withStatus(version.status().name());
	}

	private String write(Referential referential) {
		try {
			return json.writeValueAsString(referential);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	// --- the programmes in use

	/** The programmes in use: those with a published referential, in the order they were first deployed. */
	@Transactional(readOnly = true)
	public List<String> programmes() {
		return versions.findPublishedProgrammes().stream().distinct().toList();
	}

	/**
	 * What a programme in use declares: its published referential version. The database is asked which version
	 * that is, without its content, which is read only the first time.
	 */
	@Transactional(readOnly = true)
	public java.util.Optional<Referential> definition(@SingleLine String programme) {
		return versions.findPublished(programme).map(published -> {
			Referential known = parsed.get(published.id());
			return known != null ? known.withStatus(published.status().name())
					: read(stored(programme, published.version()));
		});
	}

	/** The content of a version (without its status), read once: a version's content never changes. */
	@Transactional(readOnly = true)
	public Referential content(String programme, int version) {
		Referential known = parsed.get(programme + ":" + version);
		return known != null ? known : version(programme, version);
	}

	// --- deploying a programme: its referential beside its process

	/**
	 * A referential document checked for a deployment: the referential, or every fault (pointers); with
	 * faults, what could still be read of it ({@code bestEffort}, possibly null), so that its process can be
	 * checked against its declarations at the same time.
	 */
	public record Checked(Referential referential, List<FieldError> faults, Referential bestEffort) {
	}

	/**
	 * Checks a referential document (JSON or YAML, as a tree) for the deployment of the programme it names,
	 * against the steps (user task ids) of the process deployed with it. Stores nothing.
	 */
	@Transactional(readOnly = true)
	public Checked check(JsonNode document, Set<String> steps) {
		ReferentialValidator.Result result = ReferentialValidator.read(document, null, Set.of(), steps);
		List<FieldError> faults = result.faults()
			.stream()
			.map(fault -> new FieldError(fault.field(), fault.message()))
			.toList();
		if (result.valid()) {
			return new Checked(result.referential(), faults, result.referential());
		}
		Referential bestEffort;
		try {
			bestEffort = json.copy()
				.disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.treeToValue(document, Referential.class);
		}
		catch (JsonProcessingException | IllegalArgumentException e) {
			bestEffort = null;
		}
		return new Checked(null, faults, bestEffort);
	}

	/**
	 * Stores and publishes the referential of a programme being deployed, in the deployment's transaction:
	 * the version in general use from now on (the one published before retires). A version already stored
	 * with the same content is published as it is; the same number with another content is refused.
	 */
	@Transactional
	public Referential deploy(JalonUser user, Referential referential) {
		requireAdministrator(user);
		String programme = referential.programme();
		versions.lockProgramme(programme);
		java.util.Optional<ReferentialVersion> existing = versions.findById(programme + ":" + referential.version());
		ReferentialVersion version;
		if (existing.isPresent()) {
			if (!read(existing.get()).withStatus(null).equals(referential.withStatus(null))) {
				throw new InvalidInput("La version " + referential.version() + " du référentiel « " + programme
						+ " » existe déjà avec un autre contenu.", List.of(new FieldError("/version",
								"version déjà utilisée ; prenez un numéro nouveau")));
			}
			version = existing.get();
		}
		else {
			version = insert(new ReferentialVersion(programme, referential.version(), referential.title(),
					write(referential.withStatus(null))));
			events.publishEvent(AuditEvent.on(user.getUsername(), "REFERENTIAL_CREATED", version.id(), referential.title()));
		}
		if (version.status() != VersionStatus.PUBLISHED) {
			publishInPlaceOfOthers(version);
			events.publishEvent(AuditEvent.on(user.getUsername(), "REFERENTIAL_PUBLISHED", version.id(), null));
		}
		return read(version);
	}

}
