package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.NewCandidacy;
import fr.jalon.security.JalonUser;
import fr.jalon.system.Paging;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The task list (issue 13): a constant number of SQL statements whatever the number of tasks, for an administrator
 * and a DDT, on the API and the reviewers' page; pages that hold exactly the filtered tasks, with their total; the
 * other expertise of a candidacy left out of the expert who took one. The class has a database of its own (on H2):
 * its thousand candidacies stay out of the other classes' lists.
 */
@SpringBootTest(properties = "jalon.test.database=task-lists")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(SqlStatements.Counting.class)
class TaskListTests {

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

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
	ObjectMapper json;

	@Test
	void listingTenOrAThousandTasksTakesTheSameNumberOfStatements() throws Exception {
		atCharterCheck("mairie-albi", "81004", 10);
		Map<String, Integer> few = statements();
		assertThat(page("admin", "/api/tasks?size=500").size()).isBetween(10, 500);
		atCharterCheck("mairie-albi", "81004", 990);
		Map<String, Integer> many = statements();
		assertThat(many).as("statements with 10, then 1,000 tasks").isEqualTo(few);
		assertThat(page("admin", "/api/tasks?size=500")).hasSize(500);
		assertThat(page("ddt-81", "/api/tasks?size=500")).hasSize(500);
		assertThat(Long.parseLong(response("ddt-81", "/api/tasks?size=1").getHeader("X-Total-Count")))
			.isGreaterThanOrEqualTo(1000);
	}

	@Test
	void pagesHoldExactlyTheFilteredTasksWithTheirTotal() throws Exception {
		Set<String> before = walk("ddt-81", "/api/tasks?size=7");
		List<String> albi = atCharterCheck("mairie-albi", "81004", 23);
		List<String> rodez = atCharterCheck("mairie-rodez", "12202", 6);
		Set<String> after = walk("ddt-81", "/api/tasks?size=7");
		Set<String> expected = new HashSet<>(before);
		expected.addAll(albi);
		assertThat(after).as("the DDT of the Tarn's tasks, page after page").isEqualTo(expected);
		assertThat(after).doesNotContainAnyElementsOf(rodez);
		assertThat(walk("ddt-12", "/api/tasks?size=4")).containsAll(rodez).doesNotContainAnyElementsOf(albi);

		Set<String> filtered = walk("ddt-81", "/api/tasks?programme=ecoquartier&stage=CHARTER&size=5");
		assertThat(filtered).containsAll(albi);
		for (JsonNode task : page("ddt-81", "/api/tasks?programme=ecoquartier&stage=CHARTER&size=500")) {
			assertThat(task.get("programme").asText()).isEqualTo("ecoquartier");
			assertThat(task.get("stage").asText()).isEqualTo("CHARTER");
		}
		assertThat(walk("ddt-81", "/api/tasks?programme=pvd&size=5")).doesNotContainAnyElementsOf(albi);
	}

	@Test
	void anExpertDoesNotSeeTheOtherExpertiseOfACandidacyTheyTook() throws Exception {
		String taken = atExpertise();
		String other = atExpertise();
		String coordinating = task(taken, "AssessAsCoordinatingExpert");
		String second = task(taken, "AssessAsSecondExpert");
		assertThat(mvc.perform(post("/api/tasks/" + coordinating + "/claim").with(user(as("expert-1"))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);

		assertThat(walk("expert-1", "/api/tasks?candidacy=" + taken + "&size=1")).containsExactly(coordinating);
		assertThat(walk("expert-2", "/api/tasks?candidacy=" + taken + "&size=1")).containsExactly(second);
		assertThat(walk("expert-1", "/api/tasks?candidacy=" + other + "&size=1"))
			.containsExactlyInAnyOrder(task(other, "AssessAsCoordinatingExpert"), task(other, "AssessAsSecondExpert"));
		assertThat(walk("admin", "/api/tasks?candidacy=" + taken + "&size=1"))
			.containsExactlyInAnyOrder(coordinating, second);
	}

	@Test
	void unknownFiltersAreRefusedNamingTheirField() throws Exception {
		MockHttpServletResponse programme = response("ddt-81", "/api/tasks?programme=inconnu");
		assertThat(programme.getStatus()).isEqualTo(400);
		assertThat(programme.getContentType()).isEqualTo("application/problem+json");
		assertThat(json.readTree(programme.getContentAsString()).toString()).contains("\"programme\"");
		MockHttpServletResponse stage = response("ddt-81", "/api/tasks?programme=ecoquartier&stage=INCONNUE");
		assertThat(stage.getStatus()).isEqualTo(400);
		assertThat(json.readTree(stage.getContentAsString()).toString()).contains("\"stage\"");
		assertThat(response("ddt-81", "/api/tasks?size=501").getStatus()).isEqualTo(400);
	}

	@Test
	void theReviewersPagePagesInUrgencyOrderKeepingItsFilters() throws Exception {
		atCharterCheck("mairie-albi", "81004", 3);
		String first = body("ddt-81", "/instruction?programme=ecoquartier&etape=CHARTER&size=2");
		assertThat(first).contains("Suivant").doesNotContain("Précédent");
		assertThat(first).contains("/instruction?programme=ecoquartier&amp;stage=CHARTER&amp;page=1&amp;size=2");
		String second = body("ddt-81", "/instruction?programme=ecoquartier&etape=CHARTER&page=1&size=2");
		assertThat(second).contains("Précédent")
			.contains("/instruction?programme=ecoquartier&amp;stage=CHARTER&amp;page=0&amp;size=2");
	}

	@Test
	void aCollectivitesHomeShowsItsMostUrgentTasksAndHowManyThereAre() throws Exception {
		JalonUser mairie = as("mairie-sospel");
		String batch = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < Paging.DEFAULT_SIZE + 2; i++) {
			candidacies.submit(mairie,
					new NewCandidacy("ecoquartier", mairie.scope(), "Accueil " + batch + " " + i, null, null, null));
		}
		long open = Long.parseLong(response("mairie-sospel", "/api/tasks").getHeader(Paging.TOTAL_COUNT));
		assertThat(open).isGreaterThan(Paging.DEFAULT_SIZE);
		String home = body("mairie-sospel", "/collectivite");
		assertThat(home.split("/collectivite/taches/", -1)).hasSize(Paging.DEFAULT_SIZE + 1);
		assertThat(home).contains("Les " + Paging.DEFAULT_SIZE + " plus urgentes sur " + open);
	}

	@Test
	void theDashboardShowsTheMostOverdueTasksAndHowManyAre() throws Exception {
		List<String> late = atCharterCheck("mairie-albi", "81004", 4);
		Instant now = Instant.now();
		due(late.get(0), Instant.parse("2001-03-01T08:00:00Z"));
		due(late.get(1), Instant.parse("2000-01-01T08:00:00Z"));
		due(late.get(2), Instant.parse("2001-01-01T08:00:00Z"));
		due(late.get(3), now.plus(30, ChronoUnit.DAYS));
		long overdue = tasks.createTaskQuery().active().dueBefore(Date.from(now)).count();

		String dashboard = body("admin", "/administration");
		assertThat(dashboard).contains("<strong>" + overdue + "</strong> tâche(s) en retard.");
		String table = dashboard.substring(dashboard.indexOf("id=\"retards\""), dashboard.indexOf("id=\"dernieres\""));
		assertThat(table).containsSubsequence(title(late.get(1)), title(late.get(2)), title(late.get(0)))
			.doesNotContain(title(late.get(3)));
	}

	private void due(String task, Instant due) {
		Task found = tasks.createTaskQuery().taskId(task).singleResult();
		found.setDueDate(Date.from(due));
		tasks.saveTask(found);
	}

	private String title(String task) {
		String candidacy = runtime.createProcessInstanceQuery()
			.processInstanceId(tasks.createTaskQuery().taskId(task).singleResult().getProcessInstanceId())
			.singleResult()
			.getBusinessKey();
		return candidacies.view(candidacy).title();
	}

	/** Statements of each list, each counted after the same list once (caches warm, as in production). */
	private Map<String, Integer> statements() throws Exception {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String[] list : new String[][] { { "admin", "/api/tasks?size=500" }, { "ddt-81", "/api/tasks?size=500" },
				{ "ddt-81", "/instruction?size=500" }, { "ddt-81", "/api/tasks?programme=ecoquartier&size=500" } }) {
			response(list[0], list[1]);
			SqlStatements.Recorded recorded = SqlStatements.during(() -> response(list[0], list[1]));
			counts.put(list[0] + " " + list[1], recorded.count());
		}
		return counts;
	}

	/** Every page from the first, following the {@code next} links: the tasks' ids, each once, as many as the total. */
	private Set<String> walk(String username, String first) throws Exception {
		Set<String> ids = new HashSet<>();
		List<String> listed = new ArrayList<>();
		String address = first;
		Long total = null;
		while (address != null) {
			MockHttpServletResponse response = response(username, address);
			assertThat(response.getStatus()).as(address).isEqualTo(200);
			long pageTotal = Long.parseLong(response.getHeader("X-Total-Count"));
			assertThat(total == null || total == pageTotal).as("the same total on every page").isTrue();
			total = pageTotal;
			json.readTree(response.getContentAsString()).forEach(task -> listed.add(task.get("id").asText()));
			String link = response.getHeader("Link");
			Matcher next = link == null ? null : NEXT.matcher(link);
			address = next != null && next.find() ? next.group(1) : null;
		}
		ids.addAll(listed);
		assertThat(ids).as("no task twice").hasSameSizeAs(listed);
		assertThat((long) listed.size()).as("the total").isEqualTo(total);
		return ids;
	}

	private JsonNode page(String username, String address) throws Exception {
		return json.readTree(response(username, address).getContentAsString());
	}

	private String body(String username, String address) throws Exception {
		MockHttpServletResponse response = response(username, address);
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	private MockHttpServletResponse response(String username, String address) throws Exception {
		return mvc.perform(get(address).with(user(as(username)))).andReturn().getResponse();
	}

	private JalonUser as(String username) {
		return (JalonUser) accounts.loadUserByUsername(username);
	}

	/** That many new candidacies of the collectivité, each at its DDT's check of the charter: those tasks' ids. */
	private List<String> atCharterCheck(String username, String collectivite, int count) {
		JalonUser mairie = as(username);
		List<String> ids = new ArrayList<>();
		String batch = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < count; i++) {
			String id = candidacies
				.submit(mairie, new NewCandidacy("ecoquartier", collectivite, "Liste " + batch + " " + i, null, null, null))
				.id();
			move(id, "SubmitCharter", "VerifyCharter");
			ids.add(task(id, "VerifyCharter"));
		}
		return ids;
	}

	/** A new candidacy of Albi at its two expertises: its id. */
	private String atExpertise() {
		String id = candidacies
			.submit(as("mairie-albi"), new NewCandidacy("ecoquartier", "81004", "Expertises " + UUID.randomUUID(), null,
					null, null))
			.id();
		move(id, "SubmitCharter", "ExpertiseSplit");
		return id;
	}

	private void move(String candidacy, String from, String to) {
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(candidacy).singleResult().getId();
		runtime.createProcessInstanceModification(instance).cancelAllForActivity(from).startBeforeActivity(to).execute();
	}

	private String task(String candidacy, String key) {
		Task task = tasks.createTaskQuery().processInstanceBusinessKey(candidacy).taskDefinitionKey(key).singleResult();
		return task.getId();
	}

}
