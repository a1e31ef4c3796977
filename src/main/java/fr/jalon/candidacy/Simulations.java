package fr.jalon.candidacy;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.jalon.collectivite.Territories;
import fr.jalon.referential.Dossier;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referential.Shortfall;
import fr.jalon.referential.Referential.StageRule;
import fr.jalon.referential.Referentials;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Forbidden;
import fr.jalon.system.French;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.PlainText;
import fr.jalon.system.SingleLine;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * What a version of a programme's referential would decide, replayed on the evidence already recorded, against the
 * published version: for the candidacies a selection keeps (their deposit date, their collectivité's region, their
 * current stage), each one's dossier (current documents, assessments by source, indicator targets and values, data
 * fields) judged under both versions by {@link Referential#shortfalls}, rule by rule. Reads only: a simulation
 * changes nothing. The dossiers are read in five statements whatever the number of candidacies (the candidacies,
 * then their assessments, indicators, documents and data, each for the whole selection), not one per candidacy.
 */
@Service
@Validated
public class Simulations {

	private final Referentials referentials;

	private final Territories territories;

	private final JdbcTemplate jdbc;

	Simulations(Referentials referentials, Territories territories, JdbcTemplate jdbc) {
		this.referentials = referentials;
		this.territories = territories;
		this.jdbc = jdbc;
	}

	/**
	 * The selection: every field optional. {@code from} and {@code to} (ISO dates, {@code 2026-03-01}, both
	 * included, Paris time) bound the candidacies' deposit; {@code region} is an official region's code;
	 * {@code stage} a stage of the programme.
	 */
	public record Selection(@SingleLine String from, @SingleLine String to, @SingleLine String region,
			@SingleLine String stage) {

		public static final Selection ALL = new Selection(null, null, null, null);

	}

	/** The selection as understood, then each rule's counts, the flips, and the counts by region and by stage. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Simulation(String programme, int version, int publishedVersion, LocalDate from, LocalDate to,
			String region, String stage, int candidacies, List<RuleCount> rules, List<Flip> flips,
			List<Count> byRegion, List<Count> byStage) {
	}

	/**
	 * One stage rule of either version: how many candidacies pass it under the published version and under the
	 * simulated one (null: the version has no such rule).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record RuleCount(String id, String step, String title, Integer passedPublished, Integer passedSimulated) {
	}

	/** A candidacy whose result changes, with each rule that flips. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Flip(String candidacy, String title, String collectivite, String collectiviteName, String region,
			String regionName, String stage, String status, List<RuleFlip> rules) {
	}

	/**
	 * One rule that flips for a candidacy: passed under the published version ({@code before}) and under the simulated
	 * one ({@code after}; a rule a version lacks passes under it), and why it fails where it fails ({@code reasons}).
	 */
	public record RuleFlip(String rule, String step, String title, boolean before, boolean after,
			List<Shortfall> reasons) {
	}

	/** Candidacies and flips of one region or one stage ({@code code}, its French {@code label}). */
	public record Count(String code, String label, int candidacies, int flips) {
	}

	/** The simulation of version {@code version} of the programme over the selection, for an administrator. */
	@Transactional(readOnly = true)
	public Simulation simulate(JalonUser user, @SingleLine String programme, int version,
			@jakarta.validation.Valid Selection selection) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur simule une version du référentiel.");
		}
		// Unknown programme or version: a 404 naming it.
		Referential simulated = referentials.version(programme, version);
		Referential published = referentials.published(programme);
		Selection asked = selection == null ? Selection.ALL : selection;
		LocalDate from = date("from", asked.from());
		LocalDate to = date("to", asked.to());
		if (from != null && to != null && to.isBefore(from)) {
			throw InvalidInput.of("to", "La fin de la période (" + to + ") précède son début (" + from + ").");
		}
		String region = blankAsNull(asked.region());
		if (region != null && !territories.isRegion(region)) {
			throw InvalidInput.of("region", "Région inconnue : « " + PlainText.excerpt(region, 20)
					+ " » ; un code officiel de région est attendu (76 pour l'Occitanie).");
		}
		String stage = blankAsNull(asked.stage());
		if (stage != null && published.stage(stage).isEmpty() && simulated.stage(stage).isEmpty()) {
			throw InvalidInput.of("stage", "Étape inconnue du programme : « " + PlainText.excerpt(stage, 40)
					+ " » ; étapes possibles : "
					+ String.join(", ", published.stages().stream().map(Referential.Label::id).toList()) + ".");
		}
		Map<String, Row> rows = read(programme, from, to, region, stage, sources(published, simulated));
		return judge(programme, simulated, published, from, to, region, stage, rows);
	}

	private Simulation judge(String programme, Referential simulated, Referential published, LocalDate from,
			LocalDate to, String region, String stage, Map<String, Row> rows) {
		// The rules of both versions, by id: the published version's order, then the rules only the simulated one has.
		Map<String, StageRule> before = new LinkedHashMap<>();
		published.stageRules().forEach(rule -> before.put(rule.id(), rule));
		Map<String, StageRule> after = new LinkedHashMap<>();
		simulated.stageRules().forEach(rule -> after.put(rule.id(), rule));
		Set<String> ids = new LinkedHashSet<>(before.keySet());
		ids.addAll(after.keySet());
		// A rule both versions state alike, over the same criteria, indicators, scale and labels, judges alike: once.
		boolean sameJudgement = published.dimensions().equals(simulated.dimensions())
				&& published.scale().equals(simulated.scale())
				&& published.documentTypes().equals(simulated.documentTypes())
				&& published.fields().equals(simulated.fields());
		Set<String> alike = new HashSet<>();
		if (sameJudgement) {
			ids.stream().filter(id -> after.get(id) != null && after.get(id).equals(before.get(id))).forEach(alike::add);
		}
		Map<String, int[]> passed = new LinkedHashMap<>();
		ids.forEach(id -> passed.put(id, new int[2]));
		List<Flip> flips = new ArrayList<>();
		Map<String, int[]> byRegion = new TreeMap<>();
		Map<String, int[]> byStage = new LinkedHashMap<>();
		published.stages().forEach(each -> byStage.put(each.id(), new int[2]));
		for (Row row : rows.values()) {
			Dossier dossier = row.dossier();
			List<RuleFlip> flipped = new ArrayList<>();
			for (String id : ids) {
				StageRule then = before.get(id);
				StageRule now = after.get(id);
				List<Shortfall> thenShort = then == null ? List.of() : published.shortfalls(then, dossier);
				List<Shortfall> nowShort = now == null ? List.of()
						: alike.contains(id) ? thenShort : simulated.shortfalls(now, dossier);
				int[] count = passed.get(id);
				if (then != null && thenShort.isEmpty()) {
					count[0]++;
				}
				if (now != null && nowShort.isEmpty()) {
					count[1]++;
				}
				if (thenShort.isEmpty() != nowShort.isEmpty()) {
					StageRule named = now != null ? now : then;
					flipped.add(new RuleFlip(id, named.step(), named.title(), thenShort.isEmpty(), nowShort.isEmpty(),
							nowShort.isEmpty() ? thenShort : nowShort));
				}
			}
			String regionCode = row.region == null ? "" : row.region;
			int[] inRegion = byRegion.computeIfAbsent(regionCode, key -> new int[2]);
			int[] inStage = byStage.computeIfAbsent(row.stage, key -> new int[2]);
			inRegion[0]++;
			inStage[0]++;
			if (!flipped.isEmpty()) {
				inRegion[1]++;
				inStage[1]++;
				flips.add(new Flip(row.id, row.title, row.collectivite, row.collectiviteName, row.region,
						regionName(row.region), row.stage, row.status, flipped));
			}
		}
		flips.sort(java.util.Comparator.comparing(Flip::collectiviteName).thenComparing(Flip::candidacy));
		List<RuleCount> rules = ids.stream().map(id -> {
			StageRule named = after.containsKey(id) ? after.get(id) : before.get(id);
			int[] count = passed.get(id);
			return new RuleCount(id, named.step(), named.title(), before.containsKey(id) ? count[0] : null,
					after.containsKey(id) ? count[1] : null);
		}).toList();
		List<Count> regions = byRegion.entrySet()
			.stream()
			.map(entry -> new Count(entry.getKey(), regionName(entry.getKey()), entry.getValue()[0], entry.getValue()[1]))
			.toList();
		List<Count> stages = byStage.entrySet()
			.stream()
			.filter(entry -> entry.getValue()[0] > 0)
			.map(entry -> new Count(entry.getKey(), stageLabel(published, simulated, entry.getKey()),
					entry.getValue()[0], entry.getValue()[1]))
			.toList();
		return new Simulation(programme, simulated.version(), published.version(), from, to, region, stage, rows.size(),
				rules, flips, regions, stages);
	}

	private String regionName(String code) {
		String name = code == null || code.isEmpty() ? null : territories.regionName(code);
		return name == null ? (code == null || code.isEmpty() ? "Sans région" : code) : name;
	}

	private static String stageLabel(Referential published, Referential simulated, String stage) {
		return published.stage(stage)
			.or(() -> simulated.stage(stage))
			.map(Referential.Label::label)
			.orElse(stage);
	}

	/** The assessment sources the rules of either version read (a rule without source reads the collectivité's own). */
	private static Set<String> sources(Referential published, Referential simulated) {
		Set<String> sources = new HashSet<>();
		for (Referential referential : List.of(published, simulated)) {
			referential.stageRules().forEach(rule -> sources.add(rule.source() == null ? Referential.SELF : rule.source()));
		}
		return sources;
	}

	/** A candidacy of the selection, and its dossier as the statements fill it. */
	private static final class Row {

		final String id;

		final String title;

		final String collectivite;

		final String collectiviteName;

		final String region;

		final String stage;

		final String status;

		final Set<String> documentTypes = new HashSet<>();

		final Map<String, Map<String, String>> levels = new HashMap<>(8);

		final Map<String, Double> targets = new HashMap<>(64);

		final Map<String, Double> values = new HashMap<>(64);

		final Set<String> fields = new HashSet<>();

		Row(String id, String title, String collectivite, String collectiviteName, String region, String stage,
				String status) {
			this.id = id;
			this.title = title;
			this.collectivite = collectivite;
			this.collectiviteName = collectiviteName;
			this.region = region;
			this.stage = stage;
			this.status = status;
		}

		Dossier dossier() {
			return new Dossier(documentTypes, levels, targets, values, fields);
		}

	}

	/**
	 * The candidacies of the selection with their dossiers: one statement for the candidacies, then one for each part
	 * of the dossiers, each joined to the same selection.
	 */
	private Map<String, Row> read(String programme, LocalDate from, LocalDate to, String region, String stage,
			Set<String> sources) {
		StringBuilder where = new StringBuilder(" c.programme = ?");
		List<Object> arguments = new ArrayList<>(List.of(programme));
		if (from != null) {
			where.append(" and c.created_at >= ?");
			arguments.add(Timestamp.from(from.atStartOfDay(French.PARIS).toInstant()));
		}
		if (to != null) {
			where.append(" and c.created_at < ?");
			arguments.add(Timestamp.from(to.plusDays(1).atStartOfDay(French.PARIS).toInstant()));
		}
		if (region != null) {
			where.append(" and c.region = ?");
			arguments.add(region);
		}
		if (stage != null) {
			where.append(" and c.stage = ?");
			arguments.add(stage);
		}
		Object[] args = arguments.toArray();
		Map<String, Row> rows = new LinkedHashMap<>();
		jdbc.query("select c.id, c.title, c.collectivite, k.name, c.region, c.stage, c.status from candidacy c"
				+ " join collectivite k on k.code = c.collectivite where" + where + " order by c.created_at, c.id",
				result -> {
					String id = result.getString(1);
					rows.put(id, new Row(id, result.getString(2), result.getString(3), result.getString(4),
							result.getString(5), result.getString(6), result.getString(7)));
				}, args);
		if (rows.isEmpty()) {
			return rows;
		}
		// The rows of one candidacy come together: the last one found is kept.
		Row[] last = { null };
		java.util.function.Function<String, Row> row = id -> {
			Row found = last[0];
			if (found == null || !found.id.equals(id)) {
				found = rows.get(id);
				last[0] = found;
			}
			return found;
		};
		List<Object> withSources = new ArrayList<>(arguments);
		withSources.addAll(sources);
		jdbc.query("select a.candidacy_id, a.source, a.criterion, a.level from assessment a join candidacy c on c.id ="
				+ " a.candidacy_id where" + where + " and a.source in (" + String.join(", ", sources.stream().map(s -> "?").toList())
				+ ")", result -> {
					row.apply(result.getString(1)).levels
						.computeIfAbsent(result.getString(2), key -> new HashMap<>(64))
						.put(result.getString(3), result.getString(4));
				}, withSources.toArray());
		jdbc.query("select i.candidacy_id, i.indicator, i.target, i.measured from indicator_entry i join candidacy c"
				+ " on c.id = i.candidacy_id where" + where, result -> {
					Row found = row.apply(result.getString(1));
					String indicator = result.getString(2);
					double target = result.getDouble(3);
					if (!result.wasNull()) {
						found.targets.put(indicator, target);
					}
					double value = result.getDouble(4);
					if (!result.wasNull()) {
						found.values.put(indicator, value);
					}
				}, args);
		// A document counts while it is current: neither superseded by a new version nor withdrawn.
		jdbc.query("select d.candidacy_id, d.type from document d join candidacy c on c.id = d.candidacy_id where" + where
				+ " and d.superseded_by is null and d.withdrawn_at is null",
				result -> {
					row.apply(result.getString(1)).documentTypes.add(result.getString(2));
				}, args);
		jdbc.query("select d.candidacy_id, d.name from candidacy_data d join candidacy c on c.id = d.candidacy_id where"
				+ where, result -> {
					row.apply(result.getString(1)).fields.add(result.getString(2));
				}, args);
		return rows;
	}

	private static LocalDate date(String field, String value) {
		String text = blankAsNull(value);
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException e) {
			throw InvalidInput.of(field, "Date invalide : « " + PlainText.excerpt(text, 20)
					+ " » ; une date au format AAAA-MM-JJ est attendue (2026-03-01).");
		}
	}

	private static String blankAsNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
