package fr.jalon.collectivite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.Api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 17: after a first start, the API reaches every official body, as the shipped files say (read here on their
 * own, not by the application's reader); a second import changes nothing; the search finds names whatever their
 * case, accents, hyphens or « St ».
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=official-collectivites")
@ActiveProfiles("test")
class OfficialCollectivitesTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	OfficialCollectivites official;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CollectiviteSearch search;

	private final ObjectMapper json = new ObjectMapper();

	private Api albi() {
		return new Api(http, "mairie-albi");
	}

	private JsonNode shipped(String name) throws IOException {
		try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream(
				"/decoupage-administratif/" + name + ".json.gz"))) {
			return json.readTree(in);
		}
	}

	/** An INSEE code, as the official communes have; the communes other tests make have codes of their own. */
	static final java.util.regex.Pattern INSEE = java.util.regex.Pattern.compile("[0-9][0-9AB][0-9]{3}");

	@Test
	void reachesEveryCurrentCommuneAndEveryEpciWithThePopulationsAndMembersOfTheShippedFiles() throws IOException {
		Map<String, Integer> communes = new TreeMap<>();
		Map<String, String> names = new HashMap<>();
		for (JsonNode commune : shipped("communes")) {
			if (commune.get("type").asText().equals("commune-actuelle")) {
				communes.put(commune.get("code").asText(),
						commune.hasNonNull("population") ? commune.get("population").asInt() : null);
				names.put(commune.get("code").asText(), commune.get("nom").asText());
			}
		}
		Map<String, Integer> epcis = new TreeMap<>();
		Map<String, TreeSet<String>> members = new TreeMap<>();
		for (JsonNode epci : shipped("epci")) {
			epcis.put(epci.get("code").asText(), epci.get("populationTotale").asInt());
			TreeSet<String> codes = new TreeSet<>();
			epci.get("membres").forEach(member -> codes.add(member.get("code").asText()));
			members.put(epci.get("code").asText(), codes);
		}
		assertThat(communes).hasSizeGreaterThan(30_000);
		assertThat(epcis).hasSizeGreaterThan(1_000);

		Map<String, Integer> servedCommunes = new TreeMap<>();
		Map<String, String> servedNames = new HashMap<>();
		Map<String, TreeSet<String>> servedMembers = new TreeMap<>();
		for (JsonNode commune : albi().all("/api/collectivites?kind=COMMUNE")) {
			String code = commune.get("code").asText();
			if (!INSEE.matcher(code).matches()) {
				continue; // a commune that another test made (the database may be shared: PostgreSQL suites)
			}
			servedCommunes.put(code, commune.hasNonNull("population") ? commune.get("population").asInt() : null);
			servedNames.put(code, commune.get("name").asText());
			if (commune.hasNonNull("epci")) {
				servedMembers.computeIfAbsent(commune.get("epci").asText(), epci -> new TreeSet<>()).add(code);
			}
		}
		Map<String, Integer> servedEpcis = new TreeMap<>();
		for (JsonNode epci : albi().all("/api/collectivites?kind=EPCI")) {
			servedEpcis.put(epci.get("code").asText(), epci.get("population").asInt());
		}
		// The differences first (each body with what the API served and what the file says), then the whole maps.
		assertThat(mismatches(servedCommunes, communes)).isEmpty();
		assertThat(mismatches(servedNames, names)).isEmpty();
		assertThat(mismatches(servedEpcis, epcis)).isEmpty();
		assertThat(mismatches(servedMembers, members)).isEmpty();
		assertThat(servedCommunes).isEqualTo(communes);
		assertThat(servedNames).isEqualTo(names);
		assertThat(servedEpcis).isEqualTo(epcis);
		assertThat(servedMembers).isEqualTo(members);
		// The API's filter by intercommunalité lists the same members.
		JsonNode albigeois = albi().all("/api/collectivites?epci=248100737");
		TreeSet<String> listed = new TreeSet<>();
		albigeois.forEach(member -> listed.add(member.get("code").asText()));
		assertThat(listed).isEqualTo(members.get("248100737"));
	}

	@Autowired
	CollectiviteFacts facts;

	@Test
	void recordsTheFactsOfThe2020SetAndOfTheCurrentSetAtTheirDates() throws IOException {
		java.time.LocalDate june2020 = java.time.LocalDate.of(2020, 6, 1);
		java.time.LocalDate today = java.time.LocalDate.now();
		// L'Isle-sur-la-Sorgue: 19,398 inhabitants in 2020, 20,244 now.
		CollectiviteFacts.Dated isle2020 = facts.at("84054", june2020).orElseThrow();
		assertThat(isle2020.fact()).isEqualTo(
				new CollectiviteFacts.Fact("84054", "L'Isle-sur-la-Sorgue", 19_398, "248400319"));
		assertThat(isle2020.validFrom()).isEqualTo(OfficialDivisions.VALID_FROM_2020);
		assertThat(isle2020.source()).isEqualTo(OfficialDivisions.SOURCE_2020);
		CollectiviteFacts.Dated isleNow = facts.at("84054", today).orElseThrow();
		assertThat(isleNow.fact().population()).isEqualTo(20_244);
		assertThat(isleNow.validFrom()).isEqualTo(OfficialDivisions.VALID_FROM);
		assertThat(isleNow.source()).isEqualTo(OfficialDivisions.SOURCE);
		assertThat(facts.at("84054", java.time.LocalDate.of(2019, 12, 31))).isEmpty();

		// Every current commune and every EPCI of both sets, exactly as each file says, at a date of its year.
		Map<String, CollectiviteFacts.Fact> expected2020 = expected("2020/communes", "2020/epci");
		Map<String, CollectiviteFacts.Fact> expectedNow = expected("communes", "epci");
		assertThat(expected2020).hasSizeGreaterThan(35_000);
		Map<String, CollectiviteFacts.Fact> read2020 = new HashMap<>();
		Map<String, CollectiviteFacts.Fact> readNow = new HashMap<>();
		jdbc.query("select code, valid_from, name, population, epci from collectivite_fact", result -> {
			int read = result.getInt(4);
			Integer population = result.wasNull() ? null : read;
			CollectiviteFacts.Fact fact = new CollectiviteFacts.Fact(result.getString(1), result.getString(3),
					population, result.getString(5));
			java.time.LocalDate from = result.getDate(2).toLocalDate();
			if (from.equals(OfficialDivisions.VALID_FROM_2020)) {
				read2020.put(fact.code(), fact);
			}
			else if (from.equals(OfficialDivisions.VALID_FROM)) {
				readNow.put(fact.code(), fact);
			}
		});
		// Recorded only where a fact changed: the 2020 row holds on for the others.
		Map<String, CollectiviteFacts.Fact> heldNow = new HashMap<>(read2020);
		heldNow.keySet().retainAll(expectedNow.keySet());
		heldNow.putAll(readNow);
		assertThat(differences(read2020, expected2020)).isEmpty();
		assertThat(differences(heldNow, expectedNow)).isEmpty();
		// Bodies merged away since 2020 keep their facts.
		assertThat(read2020.keySet()).anyMatch(code -> !expectedNow.containsKey(code));

		// An EPCI membership that changed between the two sets reads as each set says.
		String moved = expectedNow.values()
			.stream()
			.filter(fact -> fact.epci() != null && expected2020.containsKey(fact.code())
					&& expected2020.get(fact.code()).epci() != null
					&& !fact.epci().equals(expected2020.get(fact.code()).epci()))
			.map(CollectiviteFacts.Fact::code)
			.sorted()
			.findFirst()
			.orElseThrow();
		assertThat(facts.at(moved, june2020).orElseThrow().fact().epci()).isEqualTo(expected2020.get(moved).epci());
		assertThat(facts.at(moved, today).orElseThrow().fact().epci()).isEqualTo(expectedNow.get(moved).epci());
	}

	/** The codes where two sets of facts differ, each with what was read and what was expected (first 10). */
	private static List<String> differences(Map<String, CollectiviteFacts.Fact> read,
			Map<String, CollectiviteFacts.Fact> expected) {
		TreeSet<String> codes = new TreeSet<>(read.keySet());
		codes.addAll(expected.keySet());
		return codes.stream()
			.filter(code -> !java.util.Objects.equals(read.get(code), expected.get(code)))
			.limit(10)
			.map(code -> read.get(code) + " ≠ " + expected.get(code))
			.toList();
	}

	/** The facts a set's files give: current communes (with the EPCI that lists them) and EPCIs. */
	private Map<String, CollectiviteFacts.Fact> expected(String communes, String epcis) throws IOException {
		Map<String, String> epciOf = new HashMap<>();
		Map<String, CollectiviteFacts.Fact> expected = new HashMap<>();
		for (JsonNode epci : shipped(epcis)) {
			epci.get("membres").forEach(member -> epciOf.put(member.get("code").asText(), epci.get("code").asText()));
			expected.put(epci.get("code").asText(), new CollectiviteFacts.Fact(epci.get("code").asText(),
					epci.get("nom").asText(), epci.get("populationTotale").asInt(), null));
		}
		for (JsonNode commune : shipped(communes)) {
			if (commune.get("type").asText().equals("commune-actuelle")) {
				String code = commune.get("code").asText();
				expected.put(code, new CollectiviteFacts.Fact(code, commune.get("nom").asText(),
						commune.hasNonNull("population") ? commune.get("population").asInt() : null, epciOf.get(code)));
			}
		}
		return expected;
	}

	@Test
	void keepsDelegatedCommunesUnderTheirCommuneAndDepartementsAndRegionsApart() {
		JsonNode arbignieu = albi().get("/api/collectivites?q=Arbignieu&departement=01").getBody().get(0);
		assertThat(arbignieu.get("code").asText()).isEqualTo("COMD-01015");
		assertThat(arbignieu.get("kind").asText()).isEqualTo("COMMUNE_DELEGUEE");
		assertThat(arbignieu.get("parent").asText()).isEqualTo("01015");
		JsonNode seine = albi().get("/api/collectivites?q=Seine-Maritime&kind=DEPARTEMENT").getBody().get(0);
		assertThat(seine.get("code").asText()).isEqualTo("76");
		assertThat(seine.get("name").asText()).isEqualTo("Département de la Seine-Maritime");
		JsonNode occitanie = albi().get("/api/collectivites?q=Occitanie&kind=REGION").getBody().get(0);
		assertThat(occitanie.get("code").asText()).isEqualTo("REG-76");
		assertThat(albi().get("/api/collectivites?q=Tarn&kind=DEPARTEMENT").getBody().get(0).get("name").asText())
			.isEqualTo("Département du Tarn");
		// A body that the official data lacks stays, from the seeds.
		assertThat(albi().get("/api/collectivites?q=Midi-Quercy&kind=PAYS").getBody().get(0).get("code").asText())
			.isEqualTo("PAYS-MIDI-QUERCY");
		// A commune of the seeds, found in the data, holds the official SIREN.
		assertThat(albi().get("/api/collectivites?q=albi").getBody().get(0).get("siren").asText())
			.isEqualTo("218100048");
	}

	@Test
	void aSecondImportChangesNothing() {
		String before = fingerprint();
		long imports = jdbc.queryForObject("select count(*) from collectivite_import", Long.class);
		assertThat(imports).isEqualTo(1);
		OfficialCollectivites.Outcome again = official.importIfFirst();
		assertThat(again.imported()).isFalse();
		assertThat(jdbc.queryForObject("select count(*) from collectivite_import", Long.class)).isEqualTo(imports);
		assertThat(fingerprint()).isEqualTo(before);
		Map<String, Object> record = jdbc.queryForMap("select * from collectivite_import");
		assertThat(record.get("SOURCE") != null ? record.get("SOURCE") : record.get("source")).asString()
			.contains("decoupage-administratif");
	}

	/** Each key whose values differ: « code: served → expected ». */
	private static <V> List<String> mismatches(Map<String, V> served, Map<String, V> expected) {
		TreeSet<String> keys = new TreeSet<>(served.keySet());
		keys.addAll(expected.keySet());
		return keys.stream()
			.filter(key -> !java.util.Objects.equals(served.get(key), expected.get(key)) || served.containsKey(key) != expected.containsKey(key))
			.map(key -> key + ": " + served.get(key) + " → " + expected.get(key))
			.toList();
	}

	private String fingerprint() {
		return jdbc.queryForObject("select count(*) from collectivite", Long.class) + "/"
				+ jdbc.queryForObject("select count(*) from collectivite_word", Long.class) + "/"
				+ jdbc.queryForObject("select sum(coalesce(population, 0)) from collectivite", Long.class);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "saint etienne|42218", "St-Étienne|42218", "ST ETIENNE|42218",
			"albi|81004", "l isle sur la sorgue|84054", "L'Isle-sur-la-Sorgue|84054", "rodez|12202" })
	void findsTheBodyFirst(String q, String code) {
		JsonNode found = albi().get("/api/collectivites?q=" + q).getBody();
		assertThat(found.get(0).get("code").asText()).as(q).isEqualTo(code);
	}

	@Test
	void findsByTheStartOfAnyWordOfTheName() {
		JsonNode found = albi().get("/api/collectivites?q=sorgue isle").getBody();
		assertThat(found.get(0).get("code").asText()).isEqualTo("84054");
		JsonNode etienne = albi().get("/api/collectivites?q=ETIEN&size=500").getBody();
		assertThat(etienne).anySatisfy(body -> assertThat(body.get("code").asText()).isEqualTo("42218"));
		assertThat(albi().get("/api/collectivites?q=zzzzqx").getBody()).isEmpty();
	}

	/**
	 * A query that matches thousands (« s », « mont » with its communes named Mont, « saint », « saint s ») is read group
	 * by group in the rank's index: every page, across the groups' boundaries and past the end, is the slice of the
	 * whole list sorted at once (exact name, then names that start with the query, each by population, then name and
	 * code), and the total counts every match.
	 */
	@ParameterizedTest
	@CsvSource({ "s", "mont", "saint", "saint s", "val" })
	void pagesAQueryOfThousandsAsTheWholeSortedList(String q) {
		String folded = Collectivite.searchable(q);
		// Every living body whose name matches (other tests' bodies too, on a shared database: they have their words).
		StringBuilder match = new StringBuilder("select c.code from collectivite c where c.ended_on is null");
		List<Object> arguments = new ArrayList<>();
		for (String word : Collectivite.words(folded)) {
			match.append(" and (' ' || c.search_name) like ?");
			arguments.add("% " + word + "%");
		}
		arguments.add(folded);
		arguments.add(folded + "%");
		List<String> whole = jdbc.queryForList(match + " order by case when c.search_name = ? then 0"
				+ " when c.search_name like ? then 1 else 2 end, c.population desc nulls last, c.name, c.code",
				String.class, arguments.toArray());
		assertThat(whole).as(q).hasSizeGreaterThan(CollectiviteSearch.SORTED_UP_TO);
		assertThat(search.search(q, null, null, null, PageRequest.of(0, 20)).getTotalElements()).as(q)
			.isEqualTo(whole.size());
		List<String> paged = new ArrayList<>();
		for (int page = 0; page * 500 < whole.size(); page++) {
			paged.addAll(codes(q, page, 500));
		}
		assertThat(paged).as(q).isEqualTo(whole);
		int startsWith = (int) whole.stream()
			.filter(code -> jdbc.queryForObject("select search_name from collectivite where code = ?", String.class,
					code).startsWith(folded))
			.count();
		for (int page : new int[] { 0, 1, startsWith / 7, startsWith / 7 + 1, whole.size() / 7 }) {
			assertThat(codes(q, page, 7)).as(q + " page " + page)
				.isEqualTo(whole.subList(Math.min(page * 7, whole.size()), Math.min(page * 7 + 7, whole.size())));
		}
		assertThat(codes(q, whole.size() / 7 + 1, 7)).isEmpty();
	}

	private List<String> codes(String q, int page, int size) {
		return search.search(q, null, null, null, PageRequest.of(page, size)).map(Collectivite::code).getContent();
	}

}
