package fr.jalon.candidacy;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.MultiLine;
import fr.jalon.system.SingleLine;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.jalon.collectivite.Collectivite;
import fr.jalon.collectivite.CollectiviteFacts;
import fr.jalon.collectivite.Collectivites;
import fr.jalon.collectivite.Kind;
import fr.jalon.referential.Dossier;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.referential.VersionStatus;
import fr.jalon.referential.VersionSummary;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.security.Visibilities;
import fr.jalon.security.Visibility;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.French;
import fr.jalon.system.Incomplete;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.InvalidInput.FieldError;
import fr.jalon.system.NotFound;
import fr.jalon.system.Paging;
import fr.jalon.system.PlainText;
import fr.jalon.system.Sorting;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Candidacies: submission, visibility, withdrawal, and the changes the workflow and reviewers make. */
@Service
@Validated
public class CandidacyService {

	private final Candidacies candidacies;

	private final Documents documents;

	private final Collectivites collectivites;

	private final Referentials referentials;

	private final CampaignDirectory campaigns;

	private final Visibilities visibilities;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final EntityManager entities;

	private final SealedMarks sealedMarks;

	private final CollectiviteFacts facts;

	CandidacyService(Candidacies candidacies, Documents documents, Collectivites collectivites,
			Referentials referentials, CampaignDirectory campaigns, Visibilities visibilities,
			ApplicationEventPublisher events, Clock clock, SealedMarks sealedMarks, EntityManager entities,
			CollectiviteFacts facts) {
		this.entities = entities;
		this.facts = facts;
		this.sealedMarks = sealedMarks;
		this.candidacies = candidacies;
		this.documents = documents;
		this.collectivites = collectivites;
		this.referentials = referentials;
		this.campaigns = campaigns;
		this.visibilities = visibilities;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public CandidacyView submit(JalonUser user, @Valid NewCandidacy request) {
		if (!user.is(Role.COLLECTIVITE)) {
			throw new Forbidden("Seule une collectivité peut déposer une candidature.");
		}
		String programme = requireProgramme(request.programme());
		Collectivite collectivite = collectivites.findById(request.collectivite())
			.orElseThrow(() -> InvalidInput.of("collectivite",
					"Collectivité inconnue : « " + request.collectivite() + " »."));
		if (!collectivite.code().equals(user.scope())) {
			throw new Forbidden("Une collectivité ne dépose de candidature que pour elle-même.");
		}
		Set<String> partners = new LinkedHashSet<>(request.partners() == null ? List.of() : request.partners());
		List<FieldError> errors = new ArrayList<>();
		int index = 0;
		for (String partner : partners) {
			if (!collectivites.existsById(partner)) {
				errors.add(new FieldError("partners[" + index + "]", "collectivité inconnue : « " + partner + " »"));
			}
			index++;
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput("Partenaires inconnus.", errors);
		}
		Referential referential = referentials.inForce(programme, collectivite.code());
		String campaign = null;
		if (referential.runsCampaigns()) {
			campaign = requireOpenCampaign(programme, request.campaign(), collectivite, partners);
		}
		else if (request.campaign() != null) {
			throw InvalidInput.of("campaign", "Le programme « " + referential.name() + " » ne procède pas par campagnes.");
		}
		// save() merges an entity with an assigned id: what follows works on the managed copy it returns.
		Candidacy candidacy = candidacies.save(new Candidacy(referential, collectivite.code(),
				collectivite.departement(), collectivite.region(), request.title().strip(), request.description(),
				partners, campaign, user.getUsername(), now()));
		events.publishEvent(new CandidacySubmitted(candidacy.id(), programme, candidacy.collectiviteCode(),
				candidacy.departementCode(), candidacy.regionCode(), campaign));
		events.publishEvent(AuditEvent.onCandidacy(user.getUsername(), "CANDIDACY_SUBMITTED", candidacy.id(),
				programme + " : " + candidacy.title()));
		return view(candidacy);
	}

	/** A programme in use (with a published referential); else a 400 naming those there are. */
	public String requireProgramme(@SingleLine String programme) {
		List<String> known = referentials.programmes();
		if (programme == null || !known.contains(programme)) {
			throw InvalidInput.of("programme", "Programme inconnu : « " + PlainText.excerpt(programme)
					+ " » ; programmes possibles : " + String.join(", ", known) + ".");
		}
		return programme;
	}

	/**
	 * A programme that runs campaigns: a commune applies within an open campaign of its region, with its
	 * intercommunalité as partner, and possibly other communes of that intercommunalité.
	 */
	private String requireOpenCampaign(String programme, String campaignId, Collectivite commune,
			Set<String> partners) {
		if (campaignId == null || campaignId.isBlank()) {
			throw InvalidInput.of("campaign", "Une candidature à ce programme se dépose dans une campagne.");
		}
		CampaignDirectory.CampaignWindow campaign = campaigns.find(campaignId)
			.filter(window -> programme.equals(window.programme()))
			.orElseThrow(() -> InvalidInput.of("campaign", "Campagne inconnue : « " + campaignId + " »."));
		if (!campaign.region().equals(commune.region())) {
			throw new Forbidden("Cette campagne est ouverte aux communes d'une autre région.");
		}
		if (campaign.announced() || !now().isBefore(campaign.closesAt())) {
			throw new Conflict("La campagne est close depuis le " + campaign.closesAt() + ".");
		}
		if (commune.kind() != Kind.COMMUNE) {
			throw InvalidInput.of("collectivite", "Seule une commune dépose une candidature dans une campagne.");
		}
		if (commune.epci() == null || !partners.contains(commune.epci())) {
			throw InvalidInput.of("partners", "Nommez l'intercommunalité de la commune ("
					+ (commune.epci() == null ? "inconnue" : commune.epci()) + ") parmi les partenaires.");
		}
		List<FieldError> errors = new ArrayList<>();
		int index = 0;
		for (String partner : partners) {
			Collectivite other = collectivites.findById(partner).orElseThrow();
			if (!partner.equals(commune.epci())
					&& (other.kind() != Kind.COMMUNE || !commune.epci().equals(other.epci()))) {
				errors.add(new FieldError("partners[" + index + "]",
						"ni l'intercommunalité de la commune, ni une commune membre : « " + partner + " »"));
			}
			index++;
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput("Partenaires invalides.", errors);
		}
		return campaign.id();
	}

	/** The candidacy, if the user may see it; otherwise it does not exist for them. */
	@Transactional(readOnly = true)
	public Candidacy visible(JalonUser user, @SingleLine String id) {
		return candidacies.findById(id)
			.filter(candidacy -> visibilities.canSee(user, candidacy))
			.orElseThrow(() -> new NotFound("Candidature introuvable : " + id + "."));
	}

	/** The candidacy, if it is within what one visibility allows: for a list, computed once for all its rows. */
	@Transactional(readOnly = true)
	public java.util.Optional<Candidacy> findVisible(Visibility visibility, String id) {
		return candidacies.findById(id).filter(visibility::allows);
	}

	@Transactional(readOnly = true)
	public CandidacyView view(JalonUser user, @SingleLine String id) {
		return view(visible(user, id)).sealed(sealedMarks.of(user, id));
	}

	@Transactional(readOnly = true)
	public CandidacyView view(String id) {
		return view(candidacies.findById(id).orElseThrow());
	}

	/** The keys a candidacy list sorts by ({@link Sorting}): submission, title, collectivité's name, stage, status. */
	public static final List<String> SORTS = List.of("submitted", "title", "collectivite", "stage", "status");

	/**
	 * A page of the candidacies the user may see, filtered (programme, stage, status) before paging, oldest first
	 * ({@link Sort.Direction#ASC}) or newest first: {@link #list(JalonUser, ListFilter, Sorting, Paging)}.
	 */
	@Transactional(readOnly = true)
	public Page<CandidacyView> list(JalonUser user, @SingleLine String programme, @SingleLine String stage,
			@SingleLine String status, Paging paging, Sort.Direction order) {
		return list(user, new ListFilter(null, programme, stage, status, null, null, null, false),
				new Sorting("submitted", order == Sort.Direction.DESC), paging);
	}

	/**
	 * A page of the candidacies the user may see that the filter keeps ({@link #matching}), in that order (then by
	 * id), each without its documents ({@link CandidacyView#documents()} null: a candidacy's own view lists them). A
	 * constant number of statements whatever the page's size: the page, its count, and each lazy collection once for
	 * the whole page (hibernate.default_batch_fetch_size).
	 */
	@Transactional(readOnly = true)
	public Page<CandidacyView> list(JalonUser user, ListFilter filter, Sorting sorting, Paging paging) {
		requireKnownFilters(filter.programme(), filter.stage(), filter.status());
		Visibility visibility = visibilities.of(user);
		List<String> partnerOf = partnerOf(visibility);
		CriteriaBuilder cb = entities.getCriteriaBuilder();
		CriteriaQuery<Long> counting = cb.createQuery(Long.class);
		Root<Candidacy> counted = counting.from(Candidacy.class);
		long total = entities.createQuery(counting.select(cb.count(counted))
			.where(visibleTo(visibility, partnerOf, counted, cb), matching(filter, counted, counting, cb)))
			.getSingleResult();
		if (total == 0 || paging.offset() >= total) {
			return new PageImpl<>(List.of(), paging.pageable(Sort.unsorted()), total);
		}
		CriteriaQuery<Candidacy> paged = cb.createQuery(Candidacy.class);
		Root<Candidacy> root = paged.from(Candidacy.class);
		List<Predicate> where = new ArrayList<>(List.of(visibleTo(visibility, partnerOf, root, cb),
				matching(filter, root, paged, cb)));
		paged.select(root).orderBy(order(sorting, root, paged, cb, where)).where(where.toArray(Predicate[]::new));
		List<Candidacy> found = entities.createQuery(paged)
			.setFirstResult((int) paging.offset())
			.setMaxResults(paging.size())
			.getResultList();
		Map<String, Referential> definitions = new java.util.HashMap<>();
		return new PageImpl<>(found, paging.pageable(Sort.unsorted()), total).map(candidacy -> CandidacyView.of(
				candidacy, definitions.computeIfAbsent(candidacy.programmeId() + ":" + candidacy.referentialVersion(),
						key -> referentialOf(candidacy)),
				null));
	}

	/** A candidacy as an export writes it: one row of the list, its collectivité's name read with it. */
	public record Row(String id, String title, String collectivite, String collectiviteName, String programme,
			String stage, String status, String departement, String region, Instant submitted) {
	}

	/**
	 * Every candidacy the user may see that the filter keeps, in that order, handed one at a time to {@code sink}
	 * while the database streams them (a fetch size, no entity kept: memory does not grow with the rows): what an
	 * export writes. The caller checks the filter first ({@link #requireKnownFilters}) so that a bad one fails before
	 * anything is written.
	 */
	@Transactional(readOnly = true)
	public void export(JalonUser user, ListFilter filter, Sorting sorting, java.util.function.Consumer<Row> sink) {
		Visibility visibility = visibilities.of(user);
		List<String> partnerOf = partnerOf(visibility);
		CriteriaBuilder cb = entities.getCriteriaBuilder();
		CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
		Root<Candidacy> root = query.from(Candidacy.class);
		Root<Collectivite> collectivite = query.from(Collectivite.class);
		List<Predicate> where = new ArrayList<>(List.of(visibleTo(visibility, partnerOf, root, cb),
				matching(filter, root, query, cb), cb.equal(collectivite.get("code"), root.get("collectivite"))));
		List<jakarta.persistence.criteria.Order> order = sorting.key().equals("collectivite")
				? orderWith(collectivite.get("name"), sorting, root, cb) : order(sorting, root, query, cb, where);
		query.multiselect(root.get("id"), root.get("title"), root.get("collectivite"), collectivite.get("name"),
				root.get("programme"), root.get("stage"), root.get("status"), root.get("departement"),
				root.get("region"), root.get("createdAt"))
			.where(where.toArray(Predicate[]::new))
			.orderBy(order);
		try (java.util.stream.Stream<Object[]> rows = entities.createQuery(query)
			.setHint(org.hibernate.jpa.HibernateHints.HINT_FETCH_SIZE, EXPORT_FETCH_SIZE)
			.setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
			.getResultStream()) {
			rows.forEach(row -> sink.accept(new Row((String) row[0], (String) row[1], (String) row[2],
					(String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7],
					(String) row[8], (Instant) row[9])));
		}
	}

	/**
	 * A candidacy as the open data publishes it: its programme and version, its collectivité (code, name, kind) and
	 * territory, its title, its status and when it reached it (null while in progress). No account, person, comment
	 * or document.
	 */
	public record PublicFacts(String id, String programme, int referentialVersion, String collectivite,
			String collectiviteName, fr.jalon.collectivite.Kind kind, String departement, String region, String title,
			String status, Instant statusAt) {
	}

	/**
	 * The public facts of every candidacy that ended in one of its programme's end statuses (the caller keeps those
	 * its programme counts as a success), and of the candidacies named (those that hold a certificate), whatever
	 * their status.
	 */
	@Transactional(readOnly = true)
	public List<PublicFacts> publicFacts(java.util.Collection<String> ids) {
		Map<String, PublicFacts> found = new java.util.LinkedHashMap<>();
		String select = "select c.id, c.programme, c.referentialVersion, c.collectivite, k.name, k.kind, c.departement,"
				+ " c.region, c.title, c.status, max(e.at) from Candidacy c join Collectivite k on k.code = c.collectivite"
				+ " left join c.history e on e.event = c.status where ";
		String group = " group by c.id, c.programme, c.referentialVersion, c.collectivite, k.name, k.kind,"
				+ " c.departement, c.region, c.title, c.status";
		publicFacts(entities.createQuery(select + "c.status not in (:open)" + group, Object[].class)
			.setParameter("open", List.of(Status.IN_PROGRESS, Status.WITHDRAWN)), found);
		List<String> named = List.copyOf(new java.util.LinkedHashSet<>(ids));
		for (int from = 0; from < named.size(); from += EXPORT_FETCH_SIZE) {
			publicFacts(entities.createQuery(select + "c.id in (:ids)" + group, Object[].class)
				.setParameter("ids", named.subList(from, Math.min(named.size(), from + EXPORT_FETCH_SIZE))), found);
		}
		return List.copyOf(found.values());
	}

	private static void publicFacts(jakarta.persistence.TypedQuery<Object[]> query, Map<String, PublicFacts> found) {
		query.setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
			.getResultList()
			.forEach(row -> found.putIfAbsent((String) row[0],
					new PublicFacts((String) row[0], (String) row[1], ((Number) row[2]).intValue(), (String) row[3],
							(String) row[4], (fr.jalon.collectivite.Kind) row[5], (String) row[6], (String) row[7],
							(String) row[8], (String) row[9], (Instant) row[10])));
	}

	/** The rows a streamed export asks of the database at a time. */
	public static final int EXPORT_FETCH_SIZE = 500;

	/** A collectivité's partnerships, read first ({@link #visibleTo(Visibility, List, Root, CriteriaBuilder)}). */
	private List<String> partnerOf(Visibility visibility) {
		// « its own or these ids » then uses an index on each side, where « its own or a partner row exists » made
		// PostgreSQL read every candidacy.
		return visibility.kind() == Visibility.Kind.COLLECTIVITE ? candidacies.idsWithPartner(visibility.collectivite())
				: List.of();
	}

	/**
	 * The candidacy list's order, then by id (a stable page); sorting by the collectivité's name joins the
	 * collectivités, adding the join's condition to {@code where}.
	 */
	private static List<jakarta.persistence.criteria.Order> order(Sorting sorting, Root<Candidacy> root,
			CriteriaQuery<?> query, CriteriaBuilder cb, List<Predicate> where) {
		jakarta.persistence.criteria.Expression<?> key = switch (sorting.key()) {
			case "title" -> root.get("title");
			case "stage" -> root.get("stage");
			case "status" -> root.get("status");
			case "collectivite" -> {
				Root<Collectivite> collectivite = query.from(Collectivite.class);
				where.add(cb.equal(collectivite.get("code"), root.get("collectivite")));
				yield collectivite.get("name");
			}
			default -> root.get("createdAt");
		};
		return orderWith(key, sorting, root, cb);
	}

	private static List<jakarta.persistence.criteria.Order> orderWith(jakarta.persistence.criteria.Expression<?> key,
			Sorting sorting, Root<Candidacy> root, CriteriaBuilder cb) {
		return sorting.descending() ? List.of(cb.desc(key), cb.desc(root.get("id")))
				: List.of(cb.asc(key), cb.asc(root.get("id")));
	}

	/**
	 * The query side of a {@link ListFilter}'s candidacy filters, for the candidacy list and the task list (which joins
	 * the candidacies): each word of {@code q} in the title or the collectivité's name (both folded), or {@code q} the
	 * start of the candidacy's id or its collectivité's code; the programme, stage, status, département, region.
	 */
	public static Predicate matching(ListFilter filter, Root<Candidacy> root,
			jakarta.persistence.criteria.AbstractQuery<?> query, CriteriaBuilder cb) {
		List<Predicate> predicates = new ArrayList<>();
		if (filter.q() != null) {
			List<Predicate> words = new ArrayList<>();
			for (String word : filter.words()) {
				jakarta.persistence.criteria.Subquery<String> named = query.subquery(String.class);
				Root<Collectivite> collectivite = named.from(Collectivite.class);
				named.select(collectivite.get("code")).where(cb.like(collectivite.get("searchName"), "%" + word + "%"));
				words.add(cb.or(cb.like(root.get("searchTitle"), "%" + word + "%"), root.get("collectivite").in(named)));
			}
			String raw = filter.q().toLowerCase(java.util.Locale.ROOT);
			Predicate code = cb.or(cb.like(root.get("id"), escapeLike(raw) + "%", '\\'),
					cb.equal(root.get("collectivite"), filter.q()));
			predicates.add(words.isEmpty() ? code : cb.or(cb.and(words.toArray(Predicate[]::new)), code));
		}
		if (filter.programme() != null) {
			predicates.add(cb.equal(root.get("programme"), filter.programme()));
		}
		if (filter.stage() != null) {
			predicates.add(cb.equal(root.get("stage"), filter.stage()));
		}
		if (filter.status() != null) {
			predicates.add(cb.equal(root.get("status"), filter.status()));
		}
		if (filter.departement() != null) {
			predicates.add(cb.equal(root.get("departement"), filter.departement()));
		}
		if (filter.region() != null) {
			predicates.add(cb.equal(root.get("region"), filter.region()));
		}
		return cb.and(predicates.toArray(Predicate[]::new));
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * A list's filters name a programme in use, and a stage and a status that it (or any programme) declares
	 * (null: no filter, nothing read); otherwise {@link InvalidInput} naming the field. The task list checks its
	 * filters here too.
	 */
	public void requireKnownFilters(String programme, String stage, String status) {
		if (programme == null && stage == null && status == null) {
			return;
		}
		List<Referential> definitions = programme == null ? referentials.programmes().stream().map(referentials::published).toList()
				: List.of(referentials.published(requireProgramme(programme)));
		if (stage != null && definitions.stream().noneMatch(definition -> definition.stage(stage).isPresent())) {
			throw InvalidInput.of("stage", "Étape inconnue : « " + PlainText.excerpt(stage) + " » ; étapes possibles : "
					+ String.join(", ", definitions.stream().flatMap(d -> d.stages().stream()).map(Referential.Label::id).distinct().toList()) + ".");
		}
		if (status != null && !Status.IN_PROGRESS.equals(status) && !Status.WITHDRAWN.equals(status)
				&& definitions.stream().noneMatch(definition -> definition.endStatus(status).isPresent())) {
			throw InvalidInput.of("status", "État inconnu : « " + PlainText.excerpt(status) + " » ; états possibles : "
					+ String.join(", ", java.util.stream.Stream.concat(java.util.stream.Stream.of(Status.IN_PROGRESS, Status.WITHDRAWN),
							definitions.stream().flatMap(d -> d.statuses().stream()).map(Referential.EndStatus::id)).distinct().toList()) + ".");
		}
	}

	/**
	 * The query side of {@link Visibility}: the same cases as {@link Visibility#allows}. The candidacy list and the
	 * task list (which joins the candidacies to the engine's tasks) both filter with it.
	 */
	public static Predicate visibleTo(Visibility visibility, jakarta.persistence.criteria.Root<Candidacy> root,
			jakarta.persistence.criteria.CriteriaBuilder cb) {
		return visibleTo(visibility, null, root, cb);
	}

	/**
	 * {@link #visibleTo(Visibility, jakarta.persistence.criteria.Root, jakarta.persistence.criteria.CriteriaBuilder)}
	 * with, for a collectivité, {@code partnerOf}: the ids of the candidacies that name it as a partner, read
	 * beforehand, so that « its own or these ids » uses an index on each side (null: a subquery on the partners).
	 */
	static Predicate visibleTo(Visibility visibility, List<String> partnerOf,
			jakarta.persistence.criteria.Root<Candidacy> root, jakarta.persistence.criteria.CriteriaBuilder cb) {
		return switch (visibility.kind()) {
			case ALL -> cb.conjunction();
			case NONE -> cb.disjunction();
			case COLLECTIVITE -> partnerOf == null
					? cb.or(cb.equal(root.get("collectivite"), visibility.collectivite()),
							cb.isMember(visibility.collectivite(), root.<Set<String>>get("partners")))
					: partnerOf.isEmpty() ? cb.equal(root.get("collectivite"), visibility.collectivite())
							: cb.or(cb.equal(root.get("collectivite"), visibility.collectivite()),
									root.get("id").in(partnerOf));
			case PROGRAMMES -> cb.and(root.get("programme").in(visibility.programmes()), switch (visibility.scopeKind()) {
				case NATIONAL -> cb.conjunction();
				case DEPARTEMENT -> cb.equal(root.get("departement"), visibility.scope());
				case REGION -> cb.equal(root.get("region"), visibility.scope());
			});
		};
	}

	@Transactional
	public CandidacyView withdraw(JalonUser user, @SingleLine String id, @MultiLine(max = 4000) String comment) {
		lock(id);
		Candidacy candidacy = visible(user, id);
		if (!user.owns(candidacy)) {
			throw new Forbidden("Seule la collectivité candidate peut retirer sa candidature.");
		}
		candidacy.withdraw(user.getUsername(), comment, now());
		events.publishEvent(new CandidacyWithdrawn(candidacy.id()));
		events.publishEvent(AuditEvent.onCandidacy(user.getUsername(), "CANDIDACY_WITHDRAWN", candidacy.id(), comment));
		return view(candidacy);
	}

	/**
	 * Holds the candidacy until the transaction ends, so that the changes made to one candidacy
	 * (completions, withdrawal, uploads) happen one after the other. Call it before loading the
	 * candidacy, so that what is loaded is what the previous change left.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(String id) {
		candidacies.lockById(id);
	}

	// --- what the workflow does

	@Transactional
	public void enterStage(String id, String stage) {
		Candidacy candidacy = candidacy(id);
		candidacy.enterStage(stage, referentialOf(candidacy), now());
	}

	@Transactional
	public void close(String id, String status) {
		Candidacy candidacy = candidacy(id);
		boolean again = status.equals(candidacy.status());
		candidacy.close(status, referentialOf(candidacy), now());
		events.publishEvent(new CandidacyClosed(id, status, again));
		events.publishEvent(AuditEvent.onCandidacy("system", "CANDIDACY_CLOSED", id, status));
	}

	/** Its process started: the candidacy runs that version of its programme's process to its end. */
	@Transactional
	public void startedWith(String id, int processVersion) {
		candidacy(id).startedWith(processVersion);
	}

	@Transactional
	public void recordEvent(String id, String event, String actor, String comment) {
		candidacy(id).record(now(), event, actor, null, comment);
	}

	// --- what reviewers and collectivités hand in

	/**
	 * Records a completed step: validates and stores its assessments and indicators, checks what the
	 * referential requires of that step, and writes the history. Throws, leaving nothing changed
	 * once the transaction rolls back, when the input is invalid or incomplete.
	 */
	@Transactional
	public void recordCompletion(String id, Completion completion, boolean checkRequirements) {
		Candidacy candidacy = candidacy(id);
		candidacy.requireWorkable();
		Referential referential = referentialOf(candidacy);
		validate(referential, completion);
		Map<String, String> data = validData(referential, completion.step(), completion.data());
		Instant now = now();
		if (completion.source() != null) {
			completion.assessment()
				.forEach((criterion, input) -> candidacy.assess(completion.source(), criterion, input.level(),
						input.comment(), completion.actor(), now));
		}
		if ("target".equals(completion.indicatorField())) {
			completion.indicators().forEach((indicator, input) -> {
				if (input.target() != null) {
					candidacy.setIndicatorTarget(indicator, input.target());
				}
			});
		}
		else if ("value".equals(completion.indicatorField())) {
			completion.indicators().forEach((indicator, input) -> {
				if (input.value() != null) {
					candidacy.setIndicatorValue(indicator, input.value());
				}
			});
		}
		data.forEach(candidacy::setData);
		if (checkRequirements) {
			List<String> missing = referential.missing(completion.step(), dossier(candidacy),
					completion.source() == null ? Referential.SELF : completion.source());
			if (!missing.isEmpty()) {
				throw new Incomplete("Il manque des éléments pour terminer cette étape.", missing);
			}
		}
		candidacy.record(now, completion.step(), completion.actor(), completion.outcome(), completion.comment());
		events.publishEvent(new StepCompleted(candidacy.id(), candidacy.programmeId(), completion.step(),
				completion.outcome(), completion.comment(), completion.actor()));
		events.publishEvent(AuditEvent.onCandidacy(completion.actor(), "TASK_COMPLETED", candidacy.id(),
				completion.step() + " " + completion.outcome()
						+ (completion.comment() == null ? "" : " : " + completion.comment())));
	}

	/**
	 * The data handed in: each a field the programme declares, that this step's rules ask for, of its type
	 * (a number field takes no negative amount); every fault reported at once.
	 */
	private static Map<String, String> validData(Referential referential, String step, Map<String, Object> data) {
		Map<String, String> valid = new java.util.LinkedHashMap<>();
		List<FieldError> errors = new ArrayList<>();
		Set<String> asked = new LinkedHashSet<>();
		referential.stageRules().stream().filter(rule -> rule.step().equals(step)).forEach(rule -> asked.addAll(rule.fields()));
		data.forEach((name, value) -> {
			var field = referential.field(name);
			if (field.isEmpty() || !asked.contains(name)) {
				errors.add(new FieldError("data." + PlainText.excerpt(name), (field.isEmpty() ? "champ inconnu du programme"
						: "champ non demandé à cette étape") + " ; champs de cette étape : "
						+ (asked.isEmpty() ? "aucun" : String.join(", ", asked))));
			}
			else if (value instanceof Number number && number.doubleValue() < 0) {
				errors.add(new FieldError("data." + name, "un nombre positif ou nul est attendu"));
			}
			else if (value != null) {
				DataValues.Result result = DataValues.write(field.get(), value);
				result.value().ifPresentOrElse(text -> valid.put(name, text),
						() -> errors.add(new FieldError("data." + name, result.error())));
			}
		});
		if (!errors.isEmpty()) {
			throw new InvalidInput("Certaines données ne correspondent pas au programme.", InvalidInput.firstOf(errors));
		}
		return valid;
	}

	/**
	 * Checks the candidacy's communes against the eligibility rules of its referential version and
	 * records the outcome, with the failed rules as reasons.
	 */
	@Transactional
	public boolean checkEligibility(String id) {
		Candidacy candidacy = candidacy(id);
		List<String> reasons = eligibility(candidacy, referentialOf(candidacy)).stream()
			.filter(check -> !check.passed())
			.map(check -> check.communeName() + " : " + check.title() + " (non satisfait"
					+ ("population".equals(check.field()) ? ", population "
							+ (check.value() instanceof Number number ? French.number(number) + " " + check.when()
									: "inconnue") : "") + ")")
			.toList();
		candidacy.record(now(), reasons.isEmpty() ? "ELIGIBLE" : "NOT_ELIGIBLE", "system", null,
				reasons.isEmpty() ? "Toutes les conditions d'éligibilité sont remplies." : String.join(" ; ", reasons));
		return reasons.isEmpty();
	}

	/**
	 * Each eligibility rule of the candidacy's referential version against each of its communes (the collectivité,
	 * then its partners; intercommunalités are not judged), with the value read: what the check decides on, and
	 * what a reviewer sees of it.
	 */
	@Transactional(readOnly = true)
	public List<EligibilityCheck> eligibility(JalonUser user, @SingleLine String id) {
		Candidacy candidacy = visible(user, id);
		return eligibility(candidacy, referentialOf(candidacy));
	}

	private List<EligibilityCheck> eligibility(Candidacy candidacy, Referential referential) {
		List<EligibilityCheck> checks = new ArrayList<>();
		List<String> communes = new ArrayList<>();
		communes.add(candidacy.collectivite());
		communes.addAll(candidacy.partners());
		for (String code : communes) {
			Collectivite commune = collectivites.findById(code).orElseThrow();
			if (commune.kind() != Kind.COMMUNE) {
				continue;
			}
			for (Referential.EligibilityRule rule : referential.eligibility()) {
				LocalDate readAt = factDate(candidacy, rule.readsAt());
				Object value;
				LocalDate asOf = null;
				Boolean current = null;
				switch (rule.field()) {
					case "population" -> {
						Optional<CollectiviteFacts.Dated> dated = rule.readsAt() == Referential.FactDate.TODAY
								? Optional.empty() : facts.at(code, readAt);
						value = dated.map(fact -> (Object) fact.fact().population()).orElse(commune.population());
						// As of the data set in force then: the body's row may be older (unchanged since).
						asOf = dated.isEmpty() ? null : facts.setInForce(readAt).orElse(null);
						current = dated.isEmpty();
					}
					case "actionCoeurDeVille" -> value = commune.actionCoeurDeVille();
					case "largeUrbanPole" -> value = commune.largeUrbanPole();
					default -> value = null;
				}
				boolean official = "population".equals(rule.field());
				checks.add(new EligibilityCheck(commune.code(), commune.name(), rule.id(), rule.title(), rule.field(),
						value, rule.isMetBy(value), official ? readAt : null, asOf, current));
			}
		}
		return checks;
	}

	/**
	 * The day at which a rule reads the facts of a collectivité ({@link Referential.FactDate}), in Paris time: the
	 * candidacy's campaign's opening (the day the campaign was created; a candidacy without campaign: its
	 * submission), its submission (the candidacy's creation), or today.
	 */
	private LocalDate factDate(Candidacy candidacy, Referential.FactDate at) {
		Instant instant = switch (at) {
			case CAMPAIGN -> candidacy.campaign() == null ? candidacy.createdAt()
					: campaigns.find(candidacy.campaign())
						.map(CampaignDirectory.CampaignWindow::opensAt)
						.orElse(candidacy.createdAt());
			case SUBMISSION -> candidacy.createdAt();
			case TODAY -> now();
		};
		return LocalDate.ofInstant(instant, French.PARIS);
	}

	/** The candidacy's collectivité with its population and intercommunalité, and its partners. */
	@Transactional(readOnly = true)
	public Territory territory(JalonUser user, @SingleLine String id) {
		Candidacy candidacy = visible(user, id);
		Collectivite own = collectivites.findById(candidacy.collectivite()).orElse(null);
		Territory.Place epci = own == null || own.epci() == null ? null
				: collectivites.findById(own.epci()).map(CandidacyService::place)
					.orElse(new Territory.Place(own.epci(), own.epci(), null, false));
		return new Territory(own == null ? new Territory.Place(candidacy.collectivite(), candidacy.collectivite(), null, false)
				: place(own), epci,
				candidacy.partners().stream().sorted()
					.map(code -> collectivites.findById(code).map(CandidacyService::place)
						.orElse(new Territory.Place(code, code, null, false)))
					.toList());
	}

	private static Territory.Place place(Collectivite collectivite) {
		return new Territory.Place(collectivite.code(), collectivite.name(), collectivite.population(),
				collectivite.populationApproximate());
	}

	/** The referential version the candidacy keeps: what its programme declared when it started. */
	@Transactional(readOnly = true)
	public Referential referentialOf(String id) {
		return referentialOf(candidacy(id));
	}

	Referential referentialOf(Candidacy candidacy) {
		return referentials.content(candidacy.programmeId(), candidacy.referentialVersion());
	}

	/** The candidacies of a campaign, for its announcement. */
	@Transactional(readOnly = true)
	public List<Candidacy> ofCampaign(String campaignId) {
		return candidacies.findByCampaign(campaignId);
	}

	private static void validate(Referential referential, Completion completion) {
		List<FieldError> errors = new ArrayList<>();
		for (Map.Entry<String, Completion.LevelInput> entry : completion.assessment().entrySet()) {
			String field = "assessment." + entry.getKey();
			if (!referential.hasCriterion(entry.getKey())) {
				errors.add(new FieldError(field, "critère inconnu du référentiel v" + referential.version()));
			}
			else if (entry.getValue() == null || entry.getValue().level() == null
					|| !referential.hasLevel(entry.getValue().level())) {
				errors.add(new FieldError(field + ".level", "niveau absent de l'échelle du référentiel"));
			}
		}
		for (Map.Entry<String, Completion.IndicatorInput> entry : completion.indicators().entrySet()) {
			String indicator = entry.getKey();
			if (!referential.hasIndicator(indicator)) {
				errors.add(new FieldError("indicators." + indicator,
						"indicateur inconnu du référentiel v" + referential.version()));
			}
			else if (entry.getValue() == null) {
				errors.add(new FieldError("indicators." + indicator, "valeur absente"));
			}
			else if (!finite(entry.getValue().target())) {
				errors.add(new FieldError("indicators." + indicator + ".target", "un nombre fini"));
			}
			else if (!finite(entry.getValue().value())) {
				errors.add(new FieldError("indicators." + indicator + ".value", "un nombre fini"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput("Certaines données ne correspondent pas au référentiel.", errors);
		}
	}

	private static boolean finite(Double number) {
		return number == null || Double.isFinite(number);
	}

	Dossier dossier(Candidacy candidacy) {
		return dossier(candidacy, Set.of());
	}

	/** The dossier without the levels of the sealed sources ({@link SealedMarks}). */
	private Dossier dossier(Candidacy candidacy, Set<String> sealedSources) {
		Set<String> types = new LinkedHashSet<>();
		documents.findByCandidacyIdOrderByUploadedAt(candidacy.id()).stream().filter(Document::current)
			.forEach(document -> types.add(document.type()));
		Map<String, Map<String, String>> levels = new java.util.HashMap<>();
		candidacy.assessments()
			.stream()
			.filter(assessment -> !sealedSources.contains(assessment.source()))
			.forEach(assessment -> levels.computeIfAbsent(assessment.source(), source -> new java.util.HashMap<>())
				.put(assessment.criterion(), assessment.level()));
		Map<String, Double> targets = new java.util.HashMap<>();
		Map<String, Double> values = new java.util.HashMap<>();
		candidacy.indicators().forEach(entry -> {
			if (entry.target() != null) {
				targets.put(entry.indicator(), entry.target());
			}
			if (entry.value() != null) {
				values.put(entry.indicator(), entry.value());
			}
		});
		return new Dossier(types, levels, targets, values, new LinkedHashSet<>(candidacy.data().keySet()));
	}

	/** The dossier against its referential version: levels by source, indicators, and every stage rule. */
	@Transactional(readOnly = true)
	public Evaluation evaluation(JalonUser user, @SingleLine String id) {
		return evaluation(user, id, null);
	}

	/**
	 * The dossier judged under version {@code version} of its programme's referential (null: its own), with what
	 * that version judges otherwise than its own ({@link Evaluation#differences()}). Its own version stays the one
	 * that counts: nothing is changed. Who may see the candidacy may use any version but a draft, which only
	 * administrators may ({@link #mayEvaluateUnder}); an unknown version is {@link NotFound}.
	 */
	@Transactional(readOnly = true)
	public Evaluation evaluation(JalonUser user, @SingleLine String id, Integer version) {
		Candidacy candidacy = visible(user, id);
		SealedMarks.Sealed sealed = sealedMarks.of(user, id);
		Dossier dossier = dossier(candidacy, sealed.sources());
		Evaluation own = Evaluation.of(candidacy, referentialOf(candidacy), dossier, sealed.sources());
		if (version == null || version == candidacy.referentialVersion()) {
			return own;
		}
		Referential other = evaluableVersion(user, candidacy, version);
		return Evaluation.of(candidacy, other, dossier, sealed.sources()).against(own);
	}

	/** The versions of the candidacy's referential that the user may judge it under, oldest first. */
	@Transactional(readOnly = true)
	public List<VersionSummary> evaluationVersions(JalonUser user, @SingleLine String id) {
		Candidacy candidacy = visible(user, id);
		return referentials.versions(candidacy.programmeId())
			.stream()
			.filter(version -> version.version() == candidacy.referentialVersion()
					|| mayEvaluateUnder(user, version.status()))
			.toList();
	}

	/** The one rule on versions other than a candidacy's own: drafts for administrators only, the others for all. */
	private static boolean mayEvaluateUnder(JalonUser user, VersionStatus status) {
		return status != VersionStatus.DRAFT || user.is(Role.ADMIN);
	}

	private Referential evaluableVersion(JalonUser user, Candidacy candidacy, int number) {
		Referential version;
		try {
			version = referentials.version(candidacy.programmeId(), number);
		}
		catch (NotFound e) {
			throw new NotFound("Paramètre « version » : la version " + number + " du référentiel « "
					+ candidacy.programmeId() + " » n'existe pas.");
		}
		if (!mayEvaluateUnder(user, VersionStatus.valueOf(version.status()))) {
			throw new Forbidden("Paramètre « version » : la version " + number
					+ " est un brouillon ; seul un administrateur évalue une candidature selon un brouillon.");
		}
		return version;
	}

	Candidacy candidacy(String id) {
		return candidacies.findById(id).orElseThrow(() -> new NotFound("Candidature introuvable : " + id + "."));
	}

	CandidacyView view(Candidacy candidacy) {
		return CandidacyView.of(candidacy, referentialOf(candidacy),
				documents.findByCandidacyIdOrderByUploadedAt(candidacy.id()));
	}

	private Instant now() {
		return clock.instant();
	}

}
