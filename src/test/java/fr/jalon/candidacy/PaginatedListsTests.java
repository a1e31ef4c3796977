package fr.jalon.candidacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.SqlStatements;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Paging;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists read a page in a constant number of SQL statements whatever the number of rows (the candidacies of the API,
 * the reviewers' list page, the administrators' dashboard); a list paged by its links holds exactly the rows its
 * filters and the caller's scope select, with their total; every list of the API refuses a bad page or size, naming
 * it. Candidacies are stored directly (no process), in a collectivité and a département of this test's own, so
 * that a shared database's other rows stay out of the counts.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(SqlStatements.Counting.class)
@ActiveProfiles("test")
class PaginatedListsTests {

	private static final Pattern LINK = Pattern.compile("<([^>]*)>; rel=\"(next|prev)\"");

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The creation time of the last candidacy stored. */
	private static final java.util.concurrent.atomic.AtomicReference<Instant> LAST = new java.util.concurrent.atomic.AtomicReference<>(
			Instant.EPOCH);

	@Autowired
	MockMvc mvc;

	@Autowired
	EntityManager entities;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Referentials referentials;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService users;

	private static final JalonUser ADMIN = new JalonUser("admin", null, Role.ADMIN, null, true);

	@Test
	void aPageCostsTheSameStatementsForTenOrAThousandCandidacies() throws Exception {
		Place place = place();
		JalonUser owner = account(Role.COLLECTIVITE, place.collectivite());
		JalonUser ddt = account("DDT", place.departement());
		store(place, 10, Set.of(), null);
		warm(owner, ddt, 10);
		// Full pages both times (a page that is not full needs no count): 10 rows of 10, then 500 and 50 of 1,000.
		Map<String, SqlStatements.Recorded> ten = statements(owner, ddt, 10);
		assertThat(rows(owner, "/api/candidacies?size=10")).isEqualTo(10);

		store(place, 990, Set.of(), null);
		warm(owner, ddt, 1000);
		Map<String, SqlStatements.Recorded> thousand = statements(owner, ddt, 1000);
		assertThat(rows(owner, "/api/candidacies?size=500")).isEqualTo(500);

		ten.forEach((list, recorded) -> assertThat(thousand.get(list).count())
			.as("%s: 10 rows %s\n1,000 rows %s", list, recorded, thousand.get(list))
			.isEqualTo(recorded.count()));
		System.out.printf("Statements per list request, 10 then 1,000 candidacies: %s%n",
				new java.util.TreeMap<>(java.util.Map.of("api", ten.get("api").count() + " / " + thousand.get("api").count(),
						"instruction", ten.get("instruction").count() + " / " + thousand.get("instruction").count(),
						"dashboard", ten.get("dashboard").count() + " / " + thousand.get("dashboard").count())));
		// Nothing is read row by row: a handful of statements, not one per row of a page of 500.
		assertThat(thousand.get("api").count()).as("%s", thousand.get("api")).isLessThan(20);
	}

	@Test
	void aDdtPagesExactlyItsDepartementsCandidaciesWithTheirTotal() throws Exception {
		Place mine = place();
		Place other = place();
		Set<String> expected = new LinkedHashSet<>(store(mine, 7, Set.of(), null));
		store(other, 4, Set.of(), null);
		JalonUser ddt = account("DDT", mine.departement());

		List<String> walked = walk(ddt, "/api/candidacies?programme=ecoquartier&size=3", 7);
		assertThat(walked).containsExactlyElementsOf(expected);

		// Filters apply before the page: the withdrawn ones only, in pages of one.
		List<String> withdrawn = new ArrayList<>(expected).subList(2, 4);
		transactions.executeWithoutResult(status -> withdrawn.forEach(
				id -> entities.find(Candidacy.class, id).withdraw("test", null, Instant.now())));
		assertThat(walk(ddt, "/api/candidacies?status=WITHDRAWN&size=1", 2)).containsExactlyElementsOf(withdrawn);

		// The page lists them the newest first, a page at a time, with the total and « Suivant ».
		String first = page(ddt, "/instruction/candidatures?size=5");
		assertThat(first).contains("7 candidature(s)", "Page 1 sur 2", "Suivant").doesNotContain("Précédent");
		String second = page(ddt, "/instruction/candidatures?page=1&size=5");
		assertThat(second).contains("Page 2 sur 2", "Précédent").doesNotContain(">Suivant<");
		for (String id : expected) {
			assertThat(first.contains(id) ^ second.contains(id)).as(id + " on exactly one page").isTrue();
		}
	}

	@Test
	void aCollectivitePagesItsOwnAndItsPartnersCandidacies() throws Exception {
		Place mine = place();
		Place partner = place();
		Place stranger = place();
		List<String> expected = new ArrayList<>(store(mine, 3, Set.of(), null));
		expected.addAll(store(partner, 2, Set.of(mine.collectivite()), null));
		store(partner, 2, Set.of(), null);
		store(stranger, 3, Set.of(partner.collectivite()), null);
		JalonUser owner = account(Role.COLLECTIVITE, mine.collectivite());

		assertThat(walk(owner, "/api/candidacies?size=2", 5)).containsExactlyElementsOf(expected);
		JsonNode item = JSON.readTree(send(owner, "/api/candidacies?size=1").getContentAsString()).get(0);
		assertThat(item.has("documents")).as("a list's item leaves documents out").isFalse();
		assertThat(item.get("history")).isNotEmpty();
		JsonNode one = JSON.readTree(send(owner, "/api/candidacies/" + item.get("id").asText()).getContentAsString());
		assertThat(one.get("documents")).as("a candidacy's own view lists them").isNotNull();

		String home = page(owner, "/collectivite?size=2");
		assertThat(home).contains(fr.jalon.system.French.typeset("<strong>5</strong> candidatures, les plus récentes d'abord"), "Page 1 sur 3", "Suivant");
	}

	@Test
	void theDashboardCountsWhatTheDatabaseHolds() throws Exception {
		Place place = place();
		String month = fr.jalon.system.French.shortMonth(java.time.YearMonth.now(fr.jalon.system.French.PARIS));
		String before = page(ADMIN, "/administration");
		long total = jdbc.queryForObject("select count(*) from candidacy", Long.class);
		assertThat(before).contains("<strong>" + total + "</strong> candidature(s)");
		List<String> stored = store(place, 3, Set.of(), null);
		String after = page(ADMIN, "/administration");
		assertThat(after).contains("<strong>" + (total + 3) + "</strong> candidature(s)");
		// By programme, stage, status, region and month: three more in each of theirs.
		for (String label : List.of("EcoQuartier", "EcoQuartier — Charte", "En cours", "Occitanie", month)) {
			assertThat(count(after, label)).as(label).isEqualTo(count(before, label) + 3);
		}
		// The latest: these three first.
		String latest = after.substring(after.indexOf("id=\"dernieres\""));
		assertThat(latest.indexOf(stored.get(2))).isPositive().isLessThan(latest.indexOf(stored.get(1)));
		assertThat(latest.indexOf(stored.get(1))).isLessThan(latest.indexOf(stored.get(0)));
	}

	/** A figure of the dashboard: the count in the first table row of that label. */
	private static long count(String page, String label) {
		Matcher figure = Pattern.compile("<th scope=\"row\">" + Pattern.quote(label) + "</th><td class=\"fr-cell--right\">(\\d+)</td>")
			.matcher(page);
		assertThat(figure.find()).as(label).isTrue();
		return Long.parseLong(figure.group(1));
	}

	/** Every list of the API refuses a bad page or size with a 400 that names it. */
	@ParameterizedTest
	@ValueSource(strings = { "/api/candidacies", "/api/campaigns", "/api/collectivites?q=albi",
			"/api/referentials/ecoquartier/versions", "/api/programmes", "/api/accounts", "/api/audit",
			"/api/incidents" })
	void everyListRefusesABadPageOrSize(String list) throws Exception {
		String join = list.contains("?") ? "&" : "?";
		for (String[] bad : new String[][] { { "page=-1", Paging.PAGE }, { "size=0", Paging.SIZE },
				{ "size=501", Paging.SIZE }, { "page=x", Paging.PAGE } }) {
			MockHttpServletResponse response = send(ADMIN, list + join + bad[0]);
			assertThat(response.getStatus()).as(list + join + bad[0]).isEqualTo(400);
			assertThat(response.getContentType()).startsWith("application/problem+json");
			assertThat(JSON.readTree(response.getContentAsString()).get("errors").findValuesAsText("field"))
				.as(list + join + bad[0])
				.containsExactly(bad[1]);
		}
		MockHttpServletResponse fine = send(ADMIN, list + join + "page=0&size=1");
		assertThat(fine.getStatus()).isEqualTo(200);
		assertThat(fine.getHeader(Paging.TOTAL_COUNT)).as(list).isNotNull();
		assertThat(JSON.readTree(fine.getContentAsString()).size()).isLessThanOrEqualTo(1);
	}

	// --- helpers

	/** A collectivité and a département of this test's own (the département's code unknown elsewhere). */
	record Place(String collectivite, String departement) {
	}

	private Place place() {
		String code = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String departement = "Z" + UUID.randomUUID().toString().substring(0, 2);
		jdbc.update("insert into collectivite (code, name, search_name, kind, departement, region)"
				+ " values (?, ?, ?, 'COMMUNE', ?, '76')", code, "Lists " + code, "lists " + code.toLowerCase(),
				departement);
		// Its search words, as every body has them (the search counts by them; the database may be shared).
		for (String word : new String[] { "lists", code.toLowerCase() }) {
			jdbc.update("insert into collectivite_word (word, code) values (?, ?)", word, code);
		}
		return new Place(code, departement);
	}

	/** Stores candidacies to EcoQuartier, each created after the one before, straight into the database. */
	private List<String> store(Place place, int count, Set<String> partners, String campaign) {
		Referential ecoquartier = referentials.published("ecoquartier");
		return transactions.execute(status -> {
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Instant at = LAST.updateAndGet(last -> {
					Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
					return now.isAfter(last) ? now : last.plusMillis(1);
				});
				Candidacy candidacy = new Candidacy(ecoquartier, place.collectivite(), place.departement(), "76",
						"Quartier " + i, null, partners, campaign, "lists", at);
				entities.persist(candidacy);
				ids.add(candidacy.id());
				if (i % 200 == 199) {
					entities.flush();
					entities.clear();
				}
			}
			return ids;
		});
	}

	/**
	 * What each list costs with that many rows: the API's (a full page, of up to 500), the reviewers' page (a full
	 * page, of up to 50) and the dashboard.
	 */
	private Map<String, SqlStatements.Recorded> statements(JalonUser owner, JalonUser ddt, int rows) throws Exception {
		Map<String, SqlStatements.Recorded> recorded = new HashMap<>();
		recorded.put("api", SqlStatements.during(
				() -> send(owner, "/api/candidacies?size=" + Math.min(rows, Paging.MAX_SIZE))));
		recorded.put("instruction", SqlStatements.during(
				() -> page(ddt, "/instruction/candidatures?size=" + Math.min(rows, Paging.DEFAULT_SIZE))));
		recorded.put("dashboard", SqlStatements.during(() -> page(ADMIN, "/administration")));
		return recorded;
	}

	/** Once before counting, so that what is read once per process (a referential's content) is read. */
	private void warm(JalonUser owner, JalonUser ddt, int rows) throws Exception {
		statements(owner, ddt, rows);
	}

	/** A signed-in user of an account of its own (a page checks its session against the account). */
	private JalonUser account(String role, String scope) {
		String username = "lists-" + UUID.randomUUID().toString().substring(0, 8);
		jdbc.update("insert into account (username, password_hash, role, scope, enabled, created_at, display_name)"
				+ " values (?, 'x', ?, ?, true, current_timestamp, ?)", username, role, scope, username);
		return (JalonUser) users.loadUserByUsername(username);
	}

	private int rows(JalonUser user, String address) throws Exception {
		return JSON.readTree(send(user, address).getContentAsString()).size();
	}

	/** The ids of the list, following its {@code next} links from the address, each page's total checked. */
	private List<String> walk(JalonUser user, String address, int total) throws Exception {
		List<String> ids = new ArrayList<>();
		String next = address;
		int pages = 0;
		while (next != null) {
			MockHttpServletResponse response = send(user, next);
			assertThat(response.getStatus()).as(next).isEqualTo(200);
			assertThat(response.getHeader(Paging.TOTAL_COUNT)).as(next).isEqualTo(String.valueOf(total));
			JSON.readTree(response.getContentAsString()).forEach(item -> ids.add(item.get("id").asText()));
			Map<String, String> links = links(response);
			if (pages > 0) {
				assertThat(links).containsKey("prev");
			}
			next = links.get("next");
			assertThat(++pages).as("pages").isLessThanOrEqualTo(total);
		}
		return ids;
	}

	private static Map<String, String> links(MockHttpServletResponse response) {
		Map<String, String> links = new HashMap<>();
		String header = response.getHeader(HttpHeaders.LINK);
		if (header != null) {
			Matcher matcher = LINK.matcher(header);
			while (matcher.find()) {
				links.put(matcher.group(2), matcher.group(1));
			}
		}
		return links;
	}

	private String page(JalonUser user, String address) throws Exception {
		MockHttpServletResponse response = send(user, address);
		assertThat(response.getStatus()).as(address).isEqualTo(200);
		return response.getContentAsString();
	}

	private MockHttpServletResponse send(JalonUser user, String address) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(address).with(user(user))).andReturn().getResponse();
		response.setCharacterEncoding("UTF-8");
		return response;
	}

}
