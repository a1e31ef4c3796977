package fr.jalon.collectivite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.jalon.collectivite.OfficialDivisions.Commune;
import fr.jalon.collectivite.OfficialDivisions.Departement;
import fr.jalon.collectivite.OfficialDivisions.Epci;
import fr.jalon.collectivite.OfficialDivisions.Region;
import fr.jalon.system.StartupLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads every official body ({@link OfficialDivisions}: regions, départements, current communes with their delegated
 * and associated communes, intercommunalités with their members) into table collectivite on the first start, in one
 * transaction, by JDBC batches; the import is recorded in collectivite_import, and a start that finds a record
 * imports nothing. Runs before the demo seeds ({@link CollectiviteSeeds}), under the {@link StartupLock}: one node
 * imports, the others find its record.
 * <p>
 * A collectivité d'outre-mer (Saint-Pierre-et-Miquelon, Polynésie française…), which the files list as a region and
 * as a département, is one body of kind DEPARTEMENT under its code, by its own name.
 * <p>
 * Codes: a commune's INSEE code; an intercommunalité's SIREN; a département's code (« 81 »); a region's
 * {@value #REGION_PREFIX}code (a département may have the same number); a delegated or associated commune's
 * {@value #DELEGATED_PREFIX} or {@value #ASSOCIATED_PREFIX} and INSEE code (INSEE gives the one that holds the town
 * hall its commune's code). A commune's {@code epci} is its intercommunalité's SIREN; an intercommunalité's
 * département and region are those of its most populous member. A body already there with an official code takes
 * the official facts (name, kind, places, population, SIREN), and keeps what the data set does not hold (its note,
 * its programme flags); a body the data set lacks (a Pays, a PNR) is left as it is.
 */
@Component
@Order(0)
public class OfficialCollectivites implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(OfficialCollectivites.class);

	static final String REGION_PREFIX = "REG-";

	static final String DELEGATED_PREFIX = "COMD-";

	static final String ASSOCIATED_PREFIX = "COMA-";

	private static final int BATCH = 2000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final StartupLock startupLock;

	private final Clock clock;

	private final CollectiviteFacts facts;

	OfficialCollectivites(JdbcTemplate jdbc, PlatformTransactionManager transactions, StartupLock startupLock,
			Clock clock, CollectiviteFacts facts) {
		this.jdbc = jdbc;
		this.facts = facts;
		this.transaction = new TransactionTemplate(transactions);
		this.startupLock = startupLock;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		startupLock.acquire();
		importIfFirst();
	}

	/** What an import did: nothing ({@code imported} false) when one was recorded already. */
	public record Outcome(boolean imported, int inserted, int updated, long millis) {
	}

	/** Imports the shipped data unless an import is recorded already. */
	public Outcome importIfFirst() {
		long start = System.nanoTime();
		Outcome outcome = transaction.execute(status -> {
			Integer done = jdbc.queryForObject("select count(*) from collectivite_import", Integer.class);
			if (done != null && done > 0) {
				// A base imported before the facts were kept (V21): they are recorded once, now.
				Integer recorded = jdbc.queryForObject("select count(*) from collectivite_fact", Integer.class);
				if (recorded != null && recorded == 0) {
					recordFacts(rows(OfficialDivisions.shipped()));
					log.info("Facts of the official collectivités recorded (2020 and {}) in {} ms",
							OfficialDivisions.VALID_FROM, (System.nanoTime() - start) / 1_000_000);
				}
				return new Outcome(false, 0, 0, 0);
			}
			return load(OfficialDivisions.shipped(), start);
		});
		if (outcome.imported()) {
			log.info("Official collectivités imported from {}: {} added, {} updated, in {} ms", OfficialDivisions.SOURCE,
					outcome.inserted(), outcome.updated(), outcome.millis());
		}
		return outcome;
	}

	/** A body as table collectivite holds it. */
	record Row(String code, String name, Kind kind, String departement, String region, Integer population,
			String epci, String siren, String parent) {
	}

	/** The rows of the official data, in the file's order: regions, départements, communes, intercommunalités. */
	static List<Row> rows(OfficialDivisions divisions) {
		List<Row> rows = new ArrayList<>();
		for (Region region : divisions.regions()) {
			if (OfficialDivisions.OVERSEAS_COLLECTIVITY.equals(region.zone())) {
				continue; // the same body as its département entry, below
			}
			rows.add(new Row(REGION_PREFIX + region.code(), "Région " + region.nom(), Kind.REGION, null, region.code(),
					null, null, null, null));
		}
		for (Departement departement : divisions.departements()) {
			boolean overseas = OfficialDivisions.OVERSEAS_COLLECTIVITY.equals(departement.zone());
			rows.add(new Row(departement.code(), overseas ? departement.nom()
					: "Département " + linking(departement.typeLiaison()) + departement.nom(), Kind.DEPARTEMENT,
					departement.code(), departement.region(), null, null, null, null));
		}
		Map<String, String> epciOf = new HashMap<>();
		divisions.epcis().forEach(epci -> epci.membres().forEach(member -> epciOf.put(member.code(), epci.code())));
		Map<String, Commune> current = new HashMap<>();
		for (Commune commune : divisions.communes()) {
			switch (commune.type()) {
				case OfficialDivisions.CURRENT -> {
					current.put(commune.code(), commune);
					rows.add(new Row(commune.code(), commune.nom(), Kind.COMMUNE, commune.departement(),
							commune.region(), commune.population(), epciOf.get(commune.code()), commune.siren(), null));
				}
				case "commune-deleguee" -> rows.add(new Row(DELEGATED_PREFIX + commune.code(), commune.nom(),
						Kind.COMMUNE_DELEGUEE, commune.departement(), commune.region(), commune.population(), null,
						commune.siren(), commune.chefLieu()));
				case "commune-associee" -> rows.add(new Row(ASSOCIATED_PREFIX + commune.code(), commune.nom(),
						Kind.COMMUNE_ASSOCIEE, commune.departement(), commune.region(), commune.population(), null,
						commune.siren(), commune.chefLieu()));
				default -> {
					// arrondissements municipaux (Paris, Lyon, Marseille): parts of a commune, not bodies
				}
			}
		}
		for (Epci epci : divisions.epcis()) {
			Commune seat = epci.membres()
				.stream()
				.map(member -> current.get(member.code()))
				.filter(commune -> commune != null)
				.max(Comparator.comparing(commune -> commune.population() == null ? 0 : commune.population()))
				.orElse(null);
			rows.add(new Row(epci.code(), epci.nom(), Kind.EPCI, seat == null ? null : seat.departement(),
					seat == null ? null : seat.region(), epci.populationTotale(), null, epci.code(), null));
		}
		return rows;
	}

	/**
	 * The words that join « Département » to a département's name, from INSEE's type of name (TNCC): « du Tarn »,
	 * « de l'Aveyron », « des Hautes-Pyrénées ».
	 */
	static String linking(Integer typeLiaison) {
		return switch (typeLiaison == null ? 0 : typeLiaison) {
			case 1 -> "d'";
			case 2 -> "du ";
			case 3 -> "de la ";
			case 4, 6 -> "des ";
			case 5 -> "de l'";
			case 7 -> "de las ";
			case 8 -> "de los ";
			default -> "de ";
		};
	}

	private Outcome load(OfficialDivisions divisions, long start) {
		List<Row> rows = rows(divisions);
		Map<String, String> existing = new HashMap<>();
		jdbc.query("select code, name from collectivite", result -> {
			existing.put(result.getString(1), result.getString(2));
		});
		List<Row> inserted = new ArrayList<>();
		List<Row> updated = new ArrayList<>();
		Set<String> official = new HashSet<>();
		for (Row row : rows) {
			official.add(row.code());
			(existing.containsKey(row.code()) ? updated : inserted).add(row);
		}
		batch("insert into collectivite (name, search_name, kind, departement, region, population, epci, siren, "
				+ "parent, population_approximate, code) values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?)", inserted,
				this::setRow);
		batch("update collectivite set name = ?, search_name = ?, kind = ?, departement = ?, region = ?, "
				+ "population = ?, epci = ?, siren = ?, parent = ?, population_approximate = false where code = ?",
				updated, this::setRow);
		// The words of every body, the others' too: their search_name follows Collectivite.searchable as it is now.
		List<String[]> others = existing.entrySet()
			.stream()
			.filter(entry -> !official.contains(entry.getKey()))
			.map(entry -> new String[] { entry.getKey(), entry.getValue() })
			.toList();
		batch("update collectivite set search_name = ? where code = ?", others, (statement, other) -> {
			statement.setString(1, Collectivite.searchable(other[1]));
			statement.setString(2, other[0]);
		});
		Map<String, String> names = new LinkedHashMap<>();
		rows.forEach(row -> names.put(row.code(), row.name()));
		others.forEach(other -> names.put(other[0], other[1]));
		writeWords(names, existing.keySet());
		long factsStart = System.nanoTime();
		recordFacts(rows);
		log.info("Facts of the official collectivités (2020 and {}) recorded in {} ms", OfficialDivisions.VALID_FROM,
				(System.nanoTime() - factsStart) / 1_000_000);
		long millis = (System.nanoTime() - start) / 1_000_000;
		recordImport(divisions, OfficialDivisions.VALID_FROM, OfficialDivisions.SOURCE, millis, inserted.size(),
				updated.size());
		return new Outcome(true, inserted.size(), updated.size(), millis);
	}

	/**
	 * The one writing of the search words (table collectivite_word) of bodies: those of {@code names} (code → name)
	 * replace the words that the bodies of {@code withWords} had ({@link Collectivite#words}).
	 */
	void writeWords(Map<String, String> names, Collection<String> withWords) {
		batch("delete from collectivite_word where code = ?",
				names.keySet().stream().filter(withWords::contains).toList(),
				(statement, code) -> statement.setString(1, code));
		List<String[]> words = new ArrayList<>();
		names.forEach((code, name) -> Collectivite.words(Collectivite.searchable(name))
			.forEach(word -> words.add(new String[] { word, code })));
		batch("insert into collectivite_word (word, code) values (?, ?)", words, (statement, word) -> {
			statement.setString(1, word[0]);
			statement.setString(2, word[1]);
		});
	}

	/** Records an import of the official data, and how many bodies of each kind it holds. */
	void recordImport(OfficialDivisions divisions, LocalDate validFrom, String source, long millis, int inserted,
			int updated) {
		long communes = divisions.communes()
			.stream()
			.filter(commune -> OfficialDivisions.CURRENT.equals(commune.type()))
			.count();
		long delegated = divisions.communes()
			.stream()
			.filter(commune -> "commune-deleguee".equals(commune.type()) || "commune-associee".equals(commune.type()))
			.count();
		jdbc.update("insert into collectivite_import (id, imported_at, duration_ms, source, digest, regions, "
				+ "departements, communes, delegated, epcis, inserted, updated, valid_from) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(),
				Timestamp.from(clock.instant()), (int) millis, source, divisions.digest(), divisions.regions().size(),
				divisions.departements().size(), communes, delegated, divisions.epcis().size(), inserted, updated,
				validFrom == null ? null : java.sql.Date.valueOf(validFrom));
	}

	/** What an update wrote. */
	record Applied(int inserted, int updated, int ended) {
	}

	/**
	 * Applies a newer data set, in the caller's transaction: the rows that differ are written (a body already there
	 * keeps what the data set does not hold), with their words and their facts from {@code validFrom}
	 * ({@link CollectiviteFacts#record}); each of {@code ended} (code → its successor, or
	 * null for a body merged into none) ends on {@code validFrom}; the import is recorded.
	 */
	Applied update(OfficialDivisions divisions, LocalDate validFrom, String source, Map<String, String> ended) {
		long start = System.nanoTime();
		Map<String, Row> existing = new HashMap<>();
		jdbc.query("select code, name, kind, departement, region, population, epci, siren, parent from collectivite",
				result -> {
					existing.put(result.getString(1), new Row(result.getString(1), result.getString(2),
							Kind.valueOf(result.getString(3)), result.getString(4), result.getString(5),
							(Integer) result.getObject(6, Integer.class), result.getString(7), result.getString(8),
							result.getString(9)));
				});
		List<Row> inserted = new ArrayList<>();
		List<Row> updated = new ArrayList<>();
		Map<String, String> names = new LinkedHashMap<>();
		List<Row> rows = rows(divisions);
		for (Row row : rows) {
			Row before = existing.get(row.code());
			if (before == null) {
				inserted.add(row);
				names.put(row.code(), row.name());
			}
			else if (!before.equals(row)) {
				updated.add(row);
				if (!before.name().equals(row.name())) {
					names.put(row.code(), row.name());
				}
			}
		}
		batch("insert into collectivite (name, search_name, kind, departement, region, population, epci, siren, "
				+ "parent, population_approximate, code) values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?)", inserted,
				this::setRow);
		batch("update collectivite set name = ?, search_name = ?, kind = ?, departement = ?, region = ?, "
				+ "population = ?, epci = ?, siren = ?, parent = ?, population_approximate = false where code = ?",
				updated, this::setRow);
		writeWords(names, existing.keySet());
		batch("update collectivite set successor = ?, ended_on = ? where code = ?",
				new ArrayList<>(ended.entrySet()), (statement, ending) -> {
					text(statement, 1, ending.getValue());
					statement.setDate(2, java.sql.Date.valueOf(validFrom));
					statement.setString(3, ending.getKey());
				});
		// An ended body is no longer searched: its words go (CollectiviteSearch counts a word's bodies by them alone).
		batch("delete from collectivite_word where code = ?", new ArrayList<>(ended.keySet()),
				(statement, code) -> statement.setString(1, code));
		facts.record(validFrom, source, facts(rows));
		recordImport(divisions, validFrom, source, (System.nanoTime() - start) / 1_000_000, inserted.size(),
				updated.size());
		return new Applied(inserted.size(), updated.size(), ended.size());
	}


	/**
	 * The facts of the communes and intercommunalités at their dates ({@link CollectiviteFacts}): the 2020 set's from
	 * {@link OfficialDivisions#VALID_FROM_2020} (bodies merged away since included), then the current set's from
	 * {@link OfficialDivisions#VALID_FROM}, which writes only what changed since.
	 */
	private void recordFacts(List<Row> currentRows) {
		facts.record(OfficialDivisions.VALID_FROM_2020, OfficialDivisions.SOURCE_2020,
				facts(rows(OfficialDivisions.shipped2020())));
		facts.record(OfficialDivisions.VALID_FROM, OfficialDivisions.SOURCE, facts(currentRows));
	}

	/** The facts of the current communes and of the intercommunalités among the rows. */
	static List<CollectiviteFacts.Fact> facts(List<Row> rows) {
		return rows.stream()
			.filter(row -> row.kind() == Kind.COMMUNE || row.kind() == Kind.EPCI)
			.map(row -> new CollectiviteFacts.Fact(row.code(), row.name(), row.population(), row.epci()))
			.toList();
	}

	private void setRow(PreparedStatement statement, Row row) throws SQLException {
		statement.setString(1, row.name());
		statement.setString(2, Collectivite.searchable(row.name()));
		statement.setString(3, row.kind().name());
		text(statement, 4, row.departement());
		text(statement, 5, row.region());
		if (row.population() == null) {
			statement.setNull(6, Types.INTEGER);
		}
		else {
			statement.setInt(6, row.population());
		}
		text(statement, 7, row.epci());
		text(statement, 8, row.siren());
		text(statement, 9, row.parent());
		statement.setString(10, row.code());
	}

	private static void text(PreparedStatement statement, int index, String value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.VARCHAR);
		}
		else {
			statement.setString(index, value);
		}
	}

	private <T> void batch(String sql, List<T> items, ParameterizedPreparedStatementSetter<T> setter) {
		if (!items.isEmpty()) {
			jdbc.batchUpdate(sql, items, BATCH, setter);
		}
	}

}
