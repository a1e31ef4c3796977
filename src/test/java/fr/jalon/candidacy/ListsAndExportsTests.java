package fr.jalon.candidacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
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

import jakarta.persistence.EntityManager;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lists of a day's work (issue 14): search (accents and case ignored), filters and sorts on the task and candidacy
 * lists, API and pages; the exports (CSV, XLSX) hold exactly the rows the same filters list, on every page, and never
 * a candidacy the user may not see; a bad filter, sort or format is a 400 naming it. Each test's rows carry a word of
 * their own, searched for, so that a shared database's other rows stay out.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(SqlStatements.Counting.class)
@ActiveProfiles("test")
class ListsAndExportsTests {

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The creation time of the last candidacy stored: each one after the one before. */
	private static final java.util.concurrent.atomic.AtomicReference<Instant> LAST = new java.util.concurrent.atomic.AtomicReference<>(
			Instant.EPOCH);

	private static final JalonUser ADMIN = new JalonUser("admin", null, Role.ADMIN, null, true);

	@Autowired
	MockMvc mvc;

	@Autowired
	CandidacyService candidacies;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	EntityManager entities;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Referentials referentials;

	@Test
	void tasksAreSearchedFilteredSortedAndExportedAlike() throws Exception {
		String batch = word();
		JalonUser mairie = as("mairie-albi");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String id = candidacies
				.submit(mairie, new NewCandidacy("ecoquartier", "81004", "Rénovation Été " + batch + " " + i, null, null,
						null))
				.id();
			move(id, "SubmitCharter", "VerifyCharter");
			ids.add(task(id, "VerifyCharter"));
		}
		Instant now = Instant.now();
		due(ids.get(0), now.minus(1, ChronoUnit.DAYS));
		due(ids.get(1), now.plus(10, ChronoUnit.DAYS));
		String search = "/api/tasks?q=RENOVATION%20ete%20" + batch;

		// Accents and case ignored; every page walked by its links.
		assertThat(walk("ddt-81", search + "&size=2")).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(walk("ddt-81", "/api/tasks?q=" + batch + "&departement=81&region=76&programme=ecoquartier"
				+ "&stage=CHARTER&status=IN_PROGRESS")).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(walk("ddt-81", "/api/tasks?q=" + batch + "&departement=12")).isEmpty();
		assertThat(walk("ddt-81", search + "&overdue=true")).containsExactly(ids.get(0));
		assertThat(walk("ddt-81", search + "&due=" + LocalDate.now().plusDays(20))).containsExactlyInAnyOrder(ids.get(0),
				ids.get(1));
		assertThat(walk("ddt-81", search + "&sort=due")).containsExactly(ids.get(0), ids.get(1), ids.get(2));
		assertThat(walk("ddt-81", search + "&sort=-due")).containsExactly(ids.get(1), ids.get(0), ids.get(2));
		assertThat(walk("ddt-81", search + "&sort=-title")).containsExactly(ids.get(2), ids.get(1), ids.get(0));
		// Another département's DDT finds none of them.
		assertThat(walk("ddt-12", search)).isEmpty();

		// The exports hold what the list holds, in its order.
		for (String filter : List.of("", "&overdue=true", "&sort=-due", "&due=" + LocalDate.now().plusDays(20))) {
			List<String> listed = walk("ddt-81", search + filter);
			List<String[]> csv = csv(body("ddt-81", "/api/tasks/export?format=csv&q=RENOVATION%20ete%20" + batch + filter));
			assertThat(csv.get(0)).startsWith("Échéance", "En retard", "Tâche", "Candidature", "Collectivité");
			assertThat(csv.subList(1, csv.size()).stream().map(row -> row[row.length - 1]).toList()).as(filter)
				.containsExactlyElementsOf(listed);
		}
		List<String[]> csv = csv(body("ddt-81", "/api/tasks/export?q=" + batch + "&sort=due"));
		assertThat(csv.get(1)[1]).isEqualTo("Oui");
		assertThat(csv.get(1)[4]).isEqualTo("Albi");
		assertThat(csv.get(1)[6]).isEqualTo("EcoQuartier");
		// A date a spreadsheet in French reads as a date (it sorts and computes), not « 1er juin 2025 ».
		assertThat(csv.get(1)[0]).matches("\\d{2}/\\d{2}/\\d{4}");
		try (XSSFWorkbook workbook = xlsx("ddt-81", "/api/tasks/export?format=xlsx&q=" + batch + "&sort=due")) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Échéance");
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			List<String> exported = new ArrayList<>();
			for (int i = 1; i <= 3; i++) {
				Row row = sheet.getRow(i);
				exported.add(row.getCell(row.getLastCellNum() - 1).getStringCellValue());
			}
			assertThat(exported).containsExactly(ids.get(0), ids.get(1), ids.get(2));
		}

		// The page: the form keeps the filters, the export links carry them, the sort headers too.
		String page = text("ddt-81", "/instruction?q=" + batch + "&overdue=true&etape=CHARTER");
		assertThat(page).contains("Rénovation Été " + batch + " 0")
			.doesNotContain("Rénovation Été " + batch + " 1")
			.contains("/instruction/export?q=" + batch + "&amp;stage=CHARTER&amp;overdue=true&amp;sort=due&amp;format=csv")
			.contains("Exporter (XLSX)")
			.contains("/instruction?q=" + batch + "&amp;stage=CHARTER&amp;overdue=true&amp;sort=-due");
		List<String[]> fromPage = csv(body("ddt-81", "/instruction/export?q=" + batch + "&overdue=true&format=csv"));
		assertThat(fromPage).hasSize(2);
	}

	@Test
	void candidaciesAreSearchedFilteredSortedAndExportedWithinWhatTheUserSees() throws Exception {
		String batch = word();
		Place mine = place("Saint-Étienne-du-Grès " + batch, 980);
		Place other = place("Autre " + batch, 990);
		List<String> own = store(mine, List.of("Quartier des Écoles " + batch, "=HYPERLINK(\"x\") " + batch,
				"Alpha; \"gare\" " + batch));
		List<String> theirs = store(other, List.of("Quartier des Écoles " + batch));
		JalonUser owner = account(Role.COLLECTIVITE, mine.collectivite());

		// The collectivité's list and exports: its own candidacies, never another's.
		assertThat(walk(owner, "/api/candidacies?q=" + batch + "&size=2")).containsExactlyInAnyOrderElementsOf(own);
		List<String[]> csv = csv(body(owner, "/api/candidacies/export?format=csv&q=" + batch));
		assertThat(ids(csv)).containsExactlyInAnyOrderElementsOf(own).doesNotContainAnyElementsOf(theirs);
		assertThat(ids(csv(body(owner, "/api/candidacies/export")))).doesNotContainAnyElementsOf(theirs);
		// A formula is written as a text; separators and quotes are quoted.
		assertThat(csv.stream().map(row -> row[0])).contains("'=HYPERLINK(\"x\") " + batch, "Alpha; \"gare\" " + batch);
		assertThat(csv.get(0)).startsWith("Candidature", "Collectivité", "Code de la collectivité", "Programme",
				"Étape", "État");

		// Search by the collectivité's name, accents and case ignored; by the candidacy's id; by the collectivité's code.
		assertThat(walk(ADMIN, "/api/candidacies?q=saint%20etienne%20GRES%20" + batch)).containsExactlyInAnyOrderElementsOf(own);
		assertThat(walk(ADMIN, "/api/candidacies?q=ecoles%20" + batch)).containsExactlyInAnyOrderElementsOf(
				concat(own.subList(0, 1), theirs));
		assertThat(walk(ADMIN, "/api/candidacies?q=" + own.get(1).substring(0, 13))).containsExactly(own.get(1));
		assertThat(walk(ADMIN, "/api/candidacies?q=" + mine.collectivite())).containsExactlyInAnyOrderElementsOf(own);

		// Filters and sorts; the export follows them, in the same order.
		for (String query : List.of("q=" + batch + "&sort=title", "q=" + batch + "&sort=-title",
				"q=" + batch + "&sort=collectivite", "q=" + batch + "&departement=" + mine.departement(),
				"q=" + batch + "&region=76&status=IN_PROGRESS&stage=CHARTER&programme=ecoquartier&sort=-submitted")) {
			List<String> listed = walk(ADMIN, "/api/candidacies?size=2&" + query);
			assertThat(ids(csv(body(ADMIN, "/api/candidacies/export?" + query)))).as(query)
				.containsExactlyElementsOf(listed);
		}
		assertThat(walk(ADMIN, "/api/candidacies?q=" + batch + "&sort=-submitted")).containsExactly(theirs.get(0),
				own.get(2), own.get(1), own.get(0));
		assertThat(walk(ADMIN, "/api/candidacies?q=" + batch + "&departement=" + mine.departement()))
			.containsExactlyInAnyOrderElementsOf(own);
		assertThat(walk(ADMIN, "/api/candidacies?q=" + batch + "&status=WITHDRAWN")).isEmpty();

		try (XSSFWorkbook workbook = xlsx(owner, "/api/candidacies/export?format=xlsx&q=" + batch + "&sort=submitted")) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Candidature");
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("=HYPERLINK(\"x\") " + batch);
			assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("Saint-Étienne-du-Grès " + batch);
			assertThat(sheet.getRow(2).getCell(5).getStringCellValue()).isEqualTo("En cours");
			assertThat(sheet.getRow(3).getCell(9).getStringCellValue()).isEqualTo(own.get(2));
		}

		// The pages: the collectivité's home and the reviewers' list, filtered, with their export links.
		String home = text(owner, "/collectivite?q=ecoles%20" + batch);
		assertThat(home).contains("Quartier des Écoles " + batch).doesNotContain("Alpha; ")
			.contains("/candidatures/export?q=ecoles+" + batch + "&amp;sort=-submitted&amp;format=xlsx");
		assertThat(ids(csv(body(owner, "/candidatures/export?q=ecoles%20" + batch)))).containsExactly(own.get(0));
		String reviewed = text(account("DDT", mine.departement()), "/instruction/candidatures?q=" + batch + "&sort=submitted&size=1");
		assertThat(reviewed).contains("Quartier des Écoles " + batch).doesNotContain("Alpha; ")
			.contains("/instruction/candidatures?q=" + batch + "&amp;sort=submitted&amp;page=1&amp;size=1")
			.contains("aria-sort=\"ascending\"");
	}

	@Test
	void theListAndItsExportTakeTheSameStatementsForThreeOrThirtyRows() throws Exception {
		String batch = word();
		Place place = place("Compte " + batch, 980);
		store(place, java.util.Collections.nCopies(3, "Compte " + batch));
		String list = "/api/candidacies?q=" + batch + "&sort=collectivite&departement=" + place.departement();
		String export = "/api/candidacies/export?format=xlsx&q=" + batch + "&sort=collectivite";
		body(ADMIN, list);
		body(ADMIN, export);
		int listed = SqlStatements.during(() -> body(ADMIN, list)).count();
		int exported = SqlStatements.during(() -> body(ADMIN, export)).count();
		store(place, java.util.Collections.nCopies(27, "Compte " + batch));
		assertThat(SqlStatements.during(() -> body(ADMIN, list)).count()).isEqualTo(listed);
		assertThat(SqlStatements.during(() -> body(ADMIN, export)).count()).isEqualTo(exported);
		assertThat(ids(csv(body(ADMIN, export.replace("xlsx", "csv"))))).hasSize(30);
	}

	@Test
	void aBadFilterSortOrFormatIsRefusedNamingIt() throws Exception {
		for (String[] bad : new String[][] { { "/api/tasks?sort=urgence", "sort" },
				{ "/api/tasks?due=demain", "due" }, { "/api/tasks?overdue=oui", "overdue" },
				{ "/api/tasks?departement=Tarn", "departement" }, { "/api/tasks?status=PERDU", "status" },
				{ "/api/candidacies?sort=-due", "sort" }, { "/api/candidacies?region=Occitanie", "region" },
				{ "/api/candidacies?stage=NOPE", "stage" }, { "/api/tasks/export?format=pdf", "format" },
				{ "/api/tasks/export?sort=nope", "sort" }, { "/api/candidacies/export?due=2026-13-40", "due" },
				{ "/api/candidacies/export?programme=inconnu", "programme" } }) {
			MockHttpServletResponse response = response(ADMIN, bad[0]);
			assertThat(response.getStatus()).as(bad[0]).isEqualTo(400);
			assertThat(response.getContentType()).as(bad[0]).startsWith("application/problem+json");
			JsonNode problem = JSON.readTree(response.getContentAsString());
			assertThat(problem.toString()).as(bad[0]).contains("\"" + bad[1] + "\"");
		}
		for (String page : List.of("/instruction?sort=urgence", "/instruction/candidatures?due=hier",
				"/instruction/export?format=pdf")) {
			MockHttpServletResponse response = response(as("ddt-81"), page);
			assertThat(response.getStatus()).as(page).isEqualTo(400);
			assertThat(response.getContentType()).as(page).startsWith("text/html");
		}
	}

	// --- helpers

	private record Place(String collectivite, String departement) {
	}

	private static String word() {
		return "lx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	private static <T> List<T> concat(List<T> a, List<T> b) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/** A collectivité of its own, in a département no real one has (from {@code from} to 9 more, below 1000). */
	private Place place(String name, int from) {
		String code = "L" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String departement = String.valueOf(from + new java.util.Random().nextInt(10));
		String searchable = fr.jalon.collectivite.Collectivite.searchable(name);
		jdbc.update("insert into collectivite (code, name, search_name, kind, departement, region)"
				+ " values (?, ?, ?, 'COMMUNE', ?, '76')", code, name, searchable, departement);
		// Its search words, as every body has them (the search counts by them; the database may be shared).
		for (String word : new java.util.LinkedHashSet<>(java.util.List.of(searchable.split(" ")))) {
			jdbc.update("insert into collectivite_word (word, code) values (?, ?)", word, code);
		}
		return new Place(code, departement);
	}

	private List<String> store(Place place, List<String> titles) {
		Referential ecoquartier = referentials.published("ecoquartier");
		return transactions.execute(status -> {
			List<String> ids = new ArrayList<>();
			for (String title : titles) {
				Instant at = LAST.updateAndGet(last -> {
					Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
					return now.isAfter(last) ? now : last.plusMillis(1);
				});
				Candidacy candidacy = new Candidacy(ecoquartier, place.collectivite(), place.departement(), "76", title,
						null, Set.of(), null, "lists", at);
				entities.persist(candidacy);
				ids.add(candidacy.id());
			}
			return ids;
		});
	}

	private JalonUser account(String role, String scope) {
		String username = "lx-" + UUID.randomUUID().toString().substring(0, 8);
		jdbc.update("insert into account (username, password_hash, role, scope, enabled, created_at, display_name)"
				+ " values (?, 'x', ?, ?, true, current_timestamp, ?)", username, role, scope, username);
		return as(username);
	}

	private JalonUser as(String username) {
		return (JalonUser) accounts.loadUserByUsername(username);
	}

	private void move(String candidacy, String from, String to) {
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(candidacy).singleResult().getId();
		runtime.createProcessInstanceModification(instance).cancelAllForActivity(from).startBeforeActivity(to).execute();
	}

	private String task(String candidacy, String key) {
		return tasks.createTaskQuery().processInstanceBusinessKey(candidacy).taskDefinitionKey(key).singleResult().getId();
	}

	private void due(String task, Instant due) {
		Task found = tasks.createTaskQuery().taskId(task).singleResult();
		found.setDueDate(Date.from(due));
		tasks.saveTask(found);
	}

	private List<String> walk(String username, String first) throws Exception {
		return walk(as(username), first);
	}

	/** Every page from the first, following the {@code next} links: the ids in order, as many as the total. */
	private List<String> walk(JalonUser user, String first) throws Exception {
		List<String> listed = new ArrayList<>();
		String address = first;
		long total = -1;
		while (address != null) {
			MockHttpServletResponse response = response(user, address);
			assertThat(response.getStatus()).as(address + " " + response.getContentAsString()).isEqualTo(200);
			total = Long.parseLong(response.getHeader("X-Total-Count"));
			JSON.readTree(response.getContentAsString()).forEach(item -> listed.add(item.get("id").asText()));
			String link = response.getHeader("Link");
			Matcher next = link == null ? null : NEXT.matcher(link);
			address = next != null && next.find() ? next.group(1) : null;
		}
		assertThat(new LinkedHashSet<>(listed)).hasSize(listed.size());
		assertThat(total == -1 ? 0 : total).isEqualTo(listed.size());
		return listed;
	}

	/** A CSV export's rows (the header first), checked for its BOM, separator and quoting (RFC 4180). */
	private static List<String[]> csv(byte[] body) {
		assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
		String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
		List<String[]> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ';') {
				row.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
				row.add(cell.toString());
				cell.setLength(0);
				rows.add(row.toArray(String[]::new));
				row = new ArrayList<>();
				i++;
			}
			else {
				cell.append(c);
			}
		}
		assertThat(row).isEmpty();
		return rows;
	}

	/** The candidacies' ids of a candidacy export (its last column). */
	private static List<String> ids(List<String[]> csv) {
		return csv.subList(1, csv.size()).stream().map(row -> row[row.length - 1]).toList();
	}

	private XSSFWorkbook xlsx(String username, String address) throws Exception {
		return xlsx(as(username), address);
	}

	private XSSFWorkbook xlsx(JalonUser user, String address) throws Exception {
		return new XSSFWorkbook(new ByteArrayInputStream(body(user, address)));
	}

	private String text(String username, String address) throws Exception {
		return text(as(username), address);
	}

	private String text(JalonUser user, String address) throws Exception {
		return new String(body(user, address), StandardCharsets.UTF_8);
	}

	private byte[] body(String username, String address) throws Exception {
		return body(as(username), address);
	}

	private byte[] body(JalonUser user, String address) throws Exception {
		MockHttpServletResponse response = response(user, address);
		assertThat(response.getStatus()).as(address + " " + response.getContentAsString()).isEqualTo(200);
		return response.getContentAsByteArray();
	}

	private MockHttpServletResponse response(JalonUser user, String address) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(java.net.URI.create(address)).with(user(user))).andReturn().getResponse();
		response.setCharacterEncoding("UTF-8");
		return response;
	}

}
