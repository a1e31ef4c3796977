package fr.jalon.candidacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import fr.jalon.collectivite.Collectivite;
import fr.jalon.collectivite.Collectivites;
import fr.jalon.collectivite.Territories;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.security.Visibilities;
import fr.jalon.security.Visibility;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.system.PlainText;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The comparison of collectivités (issue 18): for one programme and referential version (the published one unless
 * asked), the candidacies of that version, filtered by region and current stage, each with the level retained per
 * criterion and its indicators ({@link Comparison}).
 * <ul>
 * <li>An administrator or a reviewer gets the rows of what they may see ({@link Visibility}, as the candidacy list):
 * a DDT its département, a regional commission its region, national roles everything of their programmes.</li>
 * <li>A collectivité gets only its own candidacies (never one of another, not even one it is a partner of), beside
 * the medians of the other collectivités' candidacies of that version, in its region and nationally: counts and
 * medians only, withdrawn candidacies left out, a median given only over at least {@value #MIN_COUNT} distinct
 * collectivités (however many candidacies one of them has), per criterion and per indicator among those that gave
 * one.</li>
 * </ul>
 * The level retained for a criterion is that of the last assessment source the programme declares that gave one (the
 * experts after the collectivité, the second expert after the first), else the collectivité's own ({@code SELF});
 * the sources sealed from the caller ({@link SealedMarks}) are passed over. A constant number of statements whatever
 * the number of candidacies: the rows, their assessments, their indicators (and for a collectivité, the others'
 * assessments, indicators and counts).
 */
@Service
public class Comparisons {

	/**
	 * The fewest distinct collectivités (other than the caller) a median is given over, so that no single
	 * collectivité's level can be read off, not even one with several candidacies.
	 */
	public static final int MIN_COUNT = 3;

	private static final Pattern REGION = Pattern.compile("[0-9]{2,3}");

	private final EntityManager entities;

	private final Referentials referentials;

	private final Visibilities visibilities;

	private final SealedMarks sealedMarks;

	private final Territories territories;

	private final Collectivites collectivites;

	Comparisons(EntityManager entities, Referentials referentials, Visibilities visibilities, SealedMarks sealedMarks,
			Territories territories, Collectivites collectivites) {
		this.entities = entities;
		this.referentials = referentials;
		this.visibilities = visibilities;
		this.sealedMarks = sealedMarks;
		this.territories = territories;
		this.collectivites = collectivites;
	}

	/** What a comparison asks, checked ({@link #check}): the referential version read, the filters known. */
	public record Query(Referential referential, String region, String stage) {
	}

	/**
	 * The query's parameters checked before anything is read or written: the programme in use (else 404), the
	 * version a number (else 400 naming {@code version}) that the programme has (else 404), the region an official
	 * region's code and the stage one of the version (else 400 naming them).
	 */
	@Transactional(readOnly = true)
	public Query check(String programme, String version, String region, String stage) {
		if (programme == null || !referentials.programmes().contains(programme)) {
			throw new NotFound("Programme inconnu : « " + PlainText.excerpt(programme) + " » ; programmes possibles : "
					+ String.join(", ", referentials.programmes()) + ".");
		}
		Referential referential;
		if (version == null || version.isBlank()) {
			referential = referentials.published(programme);
		}
		else {
			int number;
			try {
				number = Integer.parseInt(version.strip());
			}
			catch (NumberFormatException e) {
				throw InvalidInput.of("version", "Un numéro de version attendu, pas « " + PlainText.excerpt(version, 20)
						+ " ».");
			}
			if (referentials.versions(programme).stream().noneMatch(summary -> summary.version() == number)) {
				throw new NotFound("Version inconnue : le programme « " + programme + " » n'a pas de version "
						+ number + ".");
			}
			referential = referentials.content(programme, number);
		}
		String regionCode = blankToNull(region);
		if (regionCode != null && (!REGION.matcher(regionCode).matches() || !territories.isRegion(regionCode))) {
			throw InvalidInput.of("region", "Un code de région attendu (76, 84), pas « " + PlainText.excerpt(regionCode, 20)
					+ " ».");
		}
		String stageId = blankToNull(stage);
		if (stageId != null && referential.stage(stageId).isEmpty()) {
			throw InvalidInput.of("stage", "Étape inconnue : « " + PlainText.excerpt(stageId) + " » ; étapes possibles : "
					+ String.join(", ", referential.stages().stream().map(Referential.Label::id).toList()) + ".");
		}
		return new Query(referential, regionCode, stageId);
	}

	/** The comparison the user may see ({@link #check} first, then {@link #compare(JalonUser, Query)}). */
	@Transactional(readOnly = true)
	public Comparison compare(JalonUser user, String programme, String version, String region, String stage) {
		return compare(user, check(programme, version, region, stage));
	}

	@Transactional(readOnly = true)
	public Comparison compare(JalonUser user, Query query) {
		if (user == null) {
			throw new Forbidden("Réservé aux comptes connectés.");
		}
		Referential referential = query.referential();
		boolean collectivite = user.is(Role.COLLECTIVITE);
		Scope scope = collectivite ? Scope.own(user.scope(), query.stage())
				: new Scope(visibilities.of(user), null, null, query.region(), query.stage());
		List<Comparison.Row> rows = rows(referential, scope, user);
		Comparison.Medians regional = null;
		Comparison.Medians national = null;
		if (collectivite) {
			String ownRegion = collectivites.findById(user.scope()).map(Collectivite::region).orElse(null);
			Others others = others(referential, Scope.others(user.scope(), query.stage()));
			regional = others.medians(referential, ownRegion);
			national = others.medians(referential, null);
		}
		return new Comparison(referential.programme(), referential.version(), collectivite ? null : query.region(),
				query.stage(), referential.scale(), headings(referential), indicatorHeadings(referential), rows, regional,
				national);
	}

	/**
	 * Which candidacies of the version a query reads: those {@code visibility} allows, or only those of {@code own}
	 * (a collectivité's own, partners' excluded), or all but those of {@code except} and the withdrawn ones (the
	 * others, for the medians); in a region, at a stage.
	 */
	private record Scope(Visibility visibility, String own, String except, String region, String stage) {

		static Scope own(String collectivite, String stage) {
			return new Scope(Visibility.ALL, collectivite, null, null, stage);
		}

		static Scope others(String collectivite, String stage) {
			return new Scope(Visibility.ALL, null, collectivite, null, stage);
		}

	}

	private List<Predicate> where(Referential referential, Scope scope, Root<Candidacy> root, CriteriaBuilder cb) {
		List<Predicate> where = new ArrayList<>();
		where.add(cb.equal(root.get("programme"), referential.programme()));
		where.add(cb.equal(root.get("referentialVersion"), referential.version()));
		where.add(CandidacyService.visibleTo(scope.visibility(), root, cb));
		if (scope.own() != null) {
			where.add(cb.equal(root.get("collectivite"), scope.own()));
		}
		if (scope.except() != null) {
			where.add(cb.notEqual(root.get("collectivite"), scope.except()));
			where.add(cb.notEqual(root.get("status"), Status.WITHDRAWN));
		}
		if (scope.region() != null) {
			where.add(cb.equal(root.get("region"), scope.region()));
		}
		if (scope.stage() != null) {
			where.add(cb.equal(root.get("stage"), scope.stage()));
		}
		return where;
	}

	private List<Comparison.Row> rows(Referential referential, Scope scope, JalonUser user) {
		CriteriaBuilder cb = entities.getCriteriaBuilder();
		CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
		Root<Candidacy> root = query.from(Candidacy.class);
		Root<Collectivite> collectivite = query.from(Collectivite.class);
		List<Predicate> where = where(referential, scope, root, cb);
		where.add(cb.equal(collectivite.get("code"), root.get("collectivite")));
		query.multiselect(root.get("id"), root.get("title"), root.get("collectivite"), collectivite.get("name"),
				root.get("departement"), root.get("region"), root.get("stage"), root.get("status"))
			.where(where.toArray(Predicate[]::new))
			.orderBy(cb.asc(collectivite.get("name")), cb.asc(root.get("title")), cb.asc(root.get("id")));
		List<Object[]> found = entities.createQuery(query).getResultList();
		if (found.isEmpty()) {
			return List.of();
		}
		Map<String, Map<String, Map<String, String>>> levels = assessments(referential, scope);
		Map<String, Map<String, Comparison.Measure>> measures = indicators(referential, scope);
		Map<String, SealedMarks.Sealed> sealed = user.is(Role.COLLECTIVITE) ? Map.of()
				: sealedMarks.of(user, found.stream().map(row -> (String) row[0]).toList());
		List<Comparison.Row> rows = new ArrayList<>();
		for (Object[] row : found) {
			String id = (String) row[0];
			Set<String> hidden = sealed.getOrDefault(id, SealedMarks.Sealed.NONE).sources();
			Map<String, String> retained = new LinkedHashMap<>();
			Map<String, String> sources = new LinkedHashMap<>();
			Map<String, Map<String, String>> given = levels.getOrDefault(id, Map.of());
			referential.criteria().forEach(criterion -> retained(referential, given.get(criterion.id()), hidden)
				.ifPresent(source -> {
					retained.put(criterion.id(), given.get(criterion.id()).get(source));
					sources.put(criterion.id(), source);
				}));
			Map<String, Comparison.Measure> indicators = new LinkedHashMap<>();
			Map<String, Comparison.Measure> measured = measures.getOrDefault(id, Map.of());
			referential.indicators().forEach(indicator -> {
				if (measured.containsKey(indicator.id())) {
					indicators.put(indicator.id(), measured.get(indicator.id()));
				}
			});
			rows.add(new Comparison.Row(id, (String) row[1], (String) row[2], (String) row[3], (String) row[4],
					(String) row[5], (String) row[6], (String) row[7], retained, sources, indicators));
		}
		return rows;
	}

	/**
	 * The source whose level is retained for a criterion, among those given ({@code level by source}): the last one the
	 * programme declares, then the collectivité's own; the hidden ones passed over.
	 */
	static java.util.Optional<String> retained(Referential referential, Map<String, String> given,
			Collection<String> hidden) {
		if (given == null || given.isEmpty()) {
			return java.util.Optional.empty();
		}
		List<Referential.Label> declared = referential.assessmentSources();
		for (int i = declared.size() - 1; i >= 0; i--) {
			String source = declared.get(i).id();
			if (given.get(source) != null && !hidden.contains(source)) {
				return java.util.Optional.of(source);
			}
		}
		return given.get(Referential.SELF) != null && !hidden.contains(Referential.SELF)
				? java.util.Optional.of(Referential.SELF) : java.util.Optional.empty();
	}

	/** Candidacy id → criterion → source → level, for the candidacies of the scope (one statement). */
	private Map<String, Map<String, Map<String, String>>> assessments(Referential referential, Scope scope) {
		Map<String, Map<String, Map<String, String>>> levels = new HashMap<>();
		for (Object[] row : assessmentRows(referential, scope)) {
			levels.computeIfAbsent((String) row[0], id -> new HashMap<>())
				.computeIfAbsent((String) row[2], criterion -> new HashMap<>())
				.put((String) row[1], (String) row[3]);
		}
		return levels;
	}

	/** {@code [candidacy id, source, criterion, level, region, collectivité]} of the scope's candidacies. */
	private List<Object[]> assessmentRows(Referential referential, Scope scope) {
		CriteriaBuilder cb = entities.getCriteriaBuilder();
		CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
		Root<Candidacy> root = query.from(Candidacy.class);
		Join<Candidacy, Assessment> assessment = root.join("assessments");
		query.multiselect(root.get("id"), assessment.get("source"), assessment.get("criterion"),
				assessment.get("level"), root.get("region"), root.get("collectivite"))
			.where(where(referential, scope, root, cb).toArray(Predicate[]::new));
		return entities.createQuery(query).getResultList();
	}

	/** Candidacy id → indicator → target and value, for the candidacies of the scope (one statement). */
	private Map<String, Map<String, Comparison.Measure>> indicators(Referential referential, Scope scope) {
		Map<String, Map<String, Comparison.Measure>> measures = new HashMap<>();
		for (Object[] row : indicatorRows(referential, scope)) {
			if (row[2] != null || row[3] != null) {
				measures.computeIfAbsent((String) row[0], id -> new HashMap<>())
					.put((String) row[1], new Comparison.Measure((Double) row[2], (Double) row[3]));
			}
		}
		return measures;
	}

	/** {@code [candidacy id, indicator, target, value, region, collectivité]} of the scope's candidacies. */
	private List<Object[]> indicatorRows(Referential referential, Scope scope) {
		CriteriaBuilder cb = entities.getCriteriaBuilder();
		CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
		Root<Candidacy> root = query.from(Candidacy.class);
		Join<Candidacy, IndicatorEntry> entry = root.join("indicators");
		query.multiselect(root.get("id"), entry.get("indicator"), entry.get("target"), entry.get("value"),
				root.get("region"), root.get("collectivite"))
			.where(where(referential, scope, root, cb).toArray(Predicate[]::new));
		return entities.createQuery(query).getResultList();
	}

	/** The other collectivités' candidacies of the version: counts by region, levels retained, values. */
	private Others others(Referential referential, Scope scope) {
		CriteriaBuilder cb = entities.getCriteriaBuilder();
		CriteriaQuery<Object[]> counting = cb.createQuery(Object[].class);
		Root<Candidacy> root = counting.from(Candidacy.class);
		counting.multiselect(root.get("region"), cb.count(root))
			.where(where(referential, scope, root, cb).toArray(Predicate[]::new))
			.groupBy(root.get("region"));
		Map<String, Long> counts = new HashMap<>();
		entities.createQuery(counting).getResultList()
			.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
		Map<String, String> regions = new HashMap<>();
		Map<String, String> collectivitesOf = new HashMap<>();
		Map<String, Map<String, Map<String, String>>> levels = new HashMap<>();
		for (Object[] row : assessmentRows(referential, scope)) {
			regions.put((String) row[0], (String) row[4]);
			collectivitesOf.put((String) row[0], (String) row[5]);
			levels.computeIfAbsent((String) row[0], id -> new HashMap<>())
				.computeIfAbsent((String) row[2], criterion -> new HashMap<>())
				.put((String) row[1], (String) row[3]);
		}
		// Per criterion, the rank retained of each candidacy (with its region and collectivité).
		Map<String, List<Ranked>> ranks = new HashMap<>();
		levels.forEach((id, byCriterion) -> byCriterion.forEach((criterion, given) -> retained(referential, given,
				Set.of()).ifPresent(source -> {
					int rank = referential.rank(given.get(source));
					if (rank >= 0) {
						ranks.computeIfAbsent(criterion, key -> new ArrayList<>())
							.add(new Ranked(regions.get(id), collectivitesOf.get(id), rank));
					}
				})));
		Map<String, List<Valued>> values = new HashMap<>();
		for (Object[] row : indicatorRows(referential, scope)) {
			if (row[3] != null) {
				values.computeIfAbsent((String) row[1], key -> new ArrayList<>())
					.add(new Valued((String) row[4], (String) row[5], (Double) row[3]));
			}
		}
		return new Others(counts, ranks, values);
	}

	private record Ranked(String region, String collectivite, int rank) {
	}

	private record Valued(String region, String collectivite, double value) {
	}

	private record Others(Map<String, Long> counts, Map<String, List<Ranked>> ranks, Map<String, List<Valued>> values) {

		/** The medians in a region (null: nationally). */
		Comparison.Medians medians(Referential referential, String region) {
			long candidacies = region == null ? counts.values().stream().mapToLong(Long::longValue).sum()
					: counts.getOrDefault(region, 0L);
			Map<String, Comparison.LevelMedian> levels = new LinkedHashMap<>();
			referential.criteria().forEach(criterion -> {
				List<Ranked> given = ranks.getOrDefault(criterion.id(), List.of())
					.stream()
					.filter(ranked -> region == null || region.equals(ranked.region()))
					.toList();
				int[] kept = given.stream().mapToInt(Ranked::rank).sorted().toArray();
				boolean withheld = given.stream().map(Ranked::collectivite).distinct().count() < MIN_COUNT;
				levels.put(criterion.id(), new Comparison.LevelMedian(kept.length, withheld ? null
						: referential.scale().get(kept[(kept.length - 1) / 2]).id()));
			});
			Map<String, Comparison.ValueMedian> indicators = new LinkedHashMap<>();
			referential.indicators().forEach(indicator -> {
				List<Valued> given = values.getOrDefault(indicator.id(), List.of())
					.stream()
					.filter(valued -> region == null || region.equals(valued.region()))
					.toList();
				double[] kept = given.stream().mapToDouble(Valued::value).sorted().toArray();
				boolean withheld = given.stream().map(Valued::collectivite).distinct().count() < MIN_COUNT;
				indicators.put(indicator.id(), new Comparison.ValueMedian(kept.length, withheld ? null : median(kept)));
			});
			return new Comparison.Medians(region, candidacies, levels, indicators);
		}

	}

	/** The median of sorted values: the middle one, or the mean of the two middle ones. */
	static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static List<Comparison.Heading> headings(Referential referential) {
		return referential.criteria().map(criterion -> new Comparison.Heading(criterion.id(), criterion.title(), null))
			.toList();
	}

	private static List<Comparison.Heading> indicatorHeadings(Referential referential) {
		return referential.indicators()
			.map(indicator -> new Comparison.Heading(indicator.id(), indicator.title(), indicator.unit()))
			.toList();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
