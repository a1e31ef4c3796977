package fr.jalon.candidacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.jalon.candidacy.Completion.IndicatorInput;
import fr.jalon.candidacy.Completion.LevelInput;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.French;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The comparison of collectivités (issue 18): seven candidacies in two regions under a referential version of their
 * own (piloted on their communes only, so that a shared database's other candidacies stay out), with assessments by
 * several sources and indicator values. Reviewers and administrators get the table of their scope, filtered by region
 * and stage, as JSON, CSV and a page; a collectivité gets only its own row beside the regional and national medians
 * (exact values), a median over fewer than three candidacies withheld, never another's name or id.
 */
// A database of its own: its candidacies of Albi, Rodez and others would count in the lists of the classes that share
// the default one (PaginatedListsTests pages ddt-81's candidacies exactly; EcoQuartierPathTests counts Albi's).
@SpringBootTest(properties = "jalon.test.database=comparison")
@AutoConfigureMockMvc
@org.springframework.context.annotation.Import(fr.jalon.SqlStatements.Counting.class)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JalonUser ADMIN = new JalonUser("admin", null, Role.ADMIN, null, true);

	/** Occitanie (76): Cordes-sur-Ciel (81), Millau (12), Figeac (46), Foix (09); PACA (93): Chorges, Digne, Menton. */
	private static final Map<String, String> COMMUNES = new LinkedHashMap<>();

	static {
		COMMUNES.put("cordes", "81069");
		COMMUNES.put("millau", "12145");
		COMMUNES.put("figeac", "46102");
		COMMUNES.put("foix", "09122");
		COMMUNES.put("chorges", "05040");
		COMMUNES.put("digne", "04070");
		COMMUNES.put("menton", "06083");
	}

	private static final String CRITERION = "E01";

	private static final String UNASSESSED = "E02";

	private static final String INDICATOR = "E01-I1";

	@Autowired
	MockMvc mvc;

	@Autowired
	CandidacyService candidacies;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	Comparisons comparisons;

	int version;

	final Map<String, String> ids = new HashMap<>();

	@BeforeAll
	void candidaciesInTwoRegions() throws Exception {
		// A version of EcoQuartier piloted on these seven communes only: their candidacies are its only ones.
		ObjectNode published = (ObjectNode) api("admin", "/api/referentials/ecoquartier");
		int newest = 0;
		for (JsonNode summary : api("admin", "/api/referentials/ecoquartier/versions")) {
			newest = Math.max(newest, summary.get("version").asInt());
		}
		version = newest + 1;
		published.put("version", version).put("title", "Référentiel EcoQuartier, version comparée");
		published.remove("status");
		send("/api/referentials/ecoquartier/versions", published);
		send("/api/referentials/ecoquartier/versions/" + version + "/pilot",
				Map.of("collectivites", new ArrayList<>(COMMUNES.values())));

		// E01: the level retained is the last declared expert's that gave one, else the collectivité's own.
		submit("cordes", Map.of("SELF", "SATISFACTORY", "COORDINATING_EXPERT", "PARTIAL"), 10.0); // PARTIAL
		submit("millau", Map.of("SELF", "INSUFFICIENT"), 20.0); // INSUFFICIENT
		submit("figeac", Map.of("SELF", "SATISFACTORY", "COORDINATING_EXPERT", "INSUFFICIENT", "SECOND_EXPERT",
				"SATISFACTORY"), 40.0); // SATISFACTORY
		submit("foix", Map.of("SELF", "PARTIAL"), 30.0); // PARTIAL
		submit("chorges", Map.of("SELF", "SATISFACTORY"), 5.0);
		submit("digne", Map.of("SELF", "SATISFACTORY"), 60.0);
		submit("menton", Map.of(), 100.0);
		candidacies.enterStage(ids.get("figeac"), "CONTRACT");
	}

	@Test
	void givesReviewersTheirScopesTableFilteredByRegionAndStage() throws Exception {
		JsonNode all = api("admin", comparison(""));
		assertThat(all.get("version").asInt()).isEqualTo(version);
		assertThat(titles(all)).containsExactlyInAnyOrderElementsOf(COMMUNES.keySet());
		JsonNode cordes = row(all, "cordes");
		assertThat(cordes.get("collectiviteName").asText()).isEqualTo("Cordes-sur-Ciel");
		assertThat(cordes.get("departement").asText()).isEqualTo("81");
		assertThat(cordes.get("region").asText()).isEqualTo("76");
		assertThat(cordes.get("levels").get(CRITERION).asText()).isEqualTo("PARTIAL");
		assertThat(cordes.get("sources").get(CRITERION).asText()).isEqualTo("COORDINATING_EXPERT");
		assertThat(cordes.get("levels").has(UNASSESSED)).isFalse();
		assertThat(cordes.get("indicators").get(INDICATOR).get("value").asDouble()).isEqualTo(10.0);
		assertThat(cordes.get("indicators").get(INDICATOR).get("target").asDouble()).isEqualTo(12.0);
		assertThat(row(all, "figeac").get("levels").get(CRITERION).asText()).isEqualTo("SATISFACTORY");
		assertThat(row(all, "figeac").get("sources").get(CRITERION).asText()).isEqualTo("SECOND_EXPERT");
		assertThat(row(all, "millau").get("sources").get(CRITERION).asText()).isEqualTo("SELF");
		assertThat(row(all, "menton").get("levels").size()).isZero();
		assertThat(all.has("regional")).as("medians are the collectivités' view").isFalse();

		assertThat(titles(api("admin", comparison("&region=93")))).containsExactlyInAnyOrder("chorges", "digne", "menton");
		assertThat(titles(api("admin", comparison("&stage=CONTRACT")))).containsExactly("figeac");
		assertThat(titles(api("admin", comparison("&region=76&stage=CHARTER")))).containsExactlyInAnyOrder("cordes",
				"millau", "foix");

		// Each reviewer their scope: a DDT its département, a regional commission its region.
		assertThat(titles(api("ddt-81", comparison("")))).containsExactly("cordes");
		assertThat(titles(api("ddt-12", comparison("")))).containsExactly("millau");
		assertThat(titles(api("commission-occitanie", comparison("")))).containsExactlyInAnyOrder("cordes", "millau",
				"figeac", "foix");
		assertThat(titles(api("commission-paca", comparison("&region=76")))).isEmpty();
		assertThat(titles(api("commission-nationale", comparison("")))).hasSize(7);
		// A role that the programme does not declare sees none of its candidacies.
		assertThat(titles(api("prefet-84", comparison("")))).isEmpty();
	}

	@Test
	void exportsTheTableAsCsvWithTheExportsColumns() throws Exception {
		for (MockHttpServletRequestBuilder request : List.of(
				get(comparison("&region=76")).accept(MediaType.parseMediaType("text/csv")),
				get(comparison("&region=76&format=csv")))) {
			MockHttpServletResponse response = mvc.perform(request.with(user(as("admin")))).andReturn().getResponse();
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getContentType()).startsWith("text/csv");
			String csv = response.getContentAsString(StandardCharsets.UTF_8);
			assertThat(csv).startsWith("\uFEFF");
			List<String> lines = List.of(csv.substring(1).split("\r\n"));
			List<String> headers = List.of(lines.get(0).split(";", -1));
			assertThat(headers.subList(0, 8)).containsExactly("Candidature", "Collectivité", "Code de la collectivité",
					"Département", "Région", "Étape", "État",
					"Niveau — Réaliser les projets répondant aux besoins de tous en s'appuyant sur les ressources et "
							+ "contraintes du territoire");
			assertThat(headers).contains("Cible — Part de logements sociaux dans l'offre de logements du quartier (%)",
					"Valeur — Part de logements sociaux dans l'offre de logements du quartier (%)");
			assertThat(headers.get(headers.size() - 1)).isEqualTo("Identifiant");
			assertThat(lines).hasSize(5);
			List<String> cordes = lines.stream().filter(line -> line.startsWith("cordes;")).findFirst()
				.map(line -> List.of(line.split(";", -1)))
				.orElseThrow();
			assertThat(cordes.subList(0, 8)).containsExactly("cordes", "Cordes-sur-Ciel", "81069", "81", "Occitanie",
					"Charte", "En cours", "Partiellement atteint");
			int target = headers.indexOf("Cible — Part de logements sociaux dans l'offre de logements du quartier (%)");
			assertThat(cordes.get(target)).isEqualTo("12");
			assertThat(cordes.get(target + 1)).isEqualTo("10");
			assertThat(cordes.get(cordes.size() - 1)).isEqualTo(ids.get("cordes"));
		}
	}

	@Test
	void showsACollectiviteOnlyItselfBesideTheMedians() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get(comparison("")).with(user(collectivite("cordes"))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		JsonNode own = JSON.readTree(body);
		assertThat(titles(own)).containsExactly("cordes");
		neverNamesAnother(body, "cordes");

		// Regional: Millau (INSUFFICIENT, 20), Figeac (SATISFACTORY, 40), Foix (PARTIAL, 30).
		JsonNode regional = own.get("regional");
		assertThat(regional.get("region").asText()).isEqualTo("76");
		assertThat(regional.get("candidacies").asLong()).isEqualTo(3);
		assertThat(regional.get("levels").get(CRITERION).get("level").asText()).isEqualTo("PARTIAL");
		assertThat(regional.get("levels").get(CRITERION).get("count").asInt()).isEqualTo(3);
		assertThat(regional.get("indicators").get(INDICATOR).get("value").asDouble()).isEqualTo(30.0);
		assertThat(regional.get("levels").get(UNASSESSED).get("count").asInt()).isZero();
		assertThat(regional.get("levels").get(UNASSESSED).get("level").isNull()).isTrue();
		// National: levels 1, 3, 2, 3, 3 (Menton gave none): SATISFACTORY over 5; values 20 40 30 5 60 100: 35 over 6.
		JsonNode national = own.get("national");
		assertThat(national.get("candidacies").asLong()).isEqualTo(6);
		assertThat(national.get("levels").get(CRITERION).get("level").asText()).isEqualTo("SATISFACTORY");
		assertThat(national.get("levels").get(CRITERION).get("count").asInt()).isEqualTo(5);
		assertThat(national.get("indicators").get(INDICATOR).get("value").asDouble()).isEqualTo(35.0);
		assertThat(national.get("indicators").get(INDICATOR).get("count").asInt()).isEqualTo(6);

		// Chorges: in PACA, only Digne (SATISFACTORY, 60) and Menton (100) beside it: withheld, with their counts.
		JsonNode chorges = JSON.readTree(mvc.perform(get(comparison("")).with(user(collectivite("chorges"))))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		assertThat(titles(chorges)).containsExactly("chorges");
		assertThat(chorges.get("regional").get("candidacies").asLong()).isEqualTo(2);
		assertThat(chorges.get("regional").get("levels").get(CRITERION).get("count").asInt()).isEqualTo(1);
		assertThat(chorges.get("regional").get("levels").get(CRITERION).get("level").isNull()).isTrue();
		assertThat(chorges.get("regional").get("indicators").get(INDICATOR).get("count").asInt()).isEqualTo(2);
		assertThat(chorges.get("regional").get("indicators").get(INDICATOR).get("value").isNull()).isTrue();
		// National: levels 2, 1, 3, 2, 3: PARTIAL; values 10 20 40 30 60 100: 35.
		assertThat(chorges.get("national").get("levels").get(CRITERION).get("level").asText()).isEqualTo("PARTIAL");
		assertThat(chorges.get("national").get("indicators").get(INDICATOR).get("value").asDouble()).isEqualTo(35.0);

		// Its CSV: its row, then the medians' rows without name or id, a withheld median said so.
		String csv = mvc.perform(get(comparison("&format=csv")).with(user(collectivite("chorges"))))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		List<String> lines = List.of(csv.substring(1).split("\r\n"));
		assertThat(lines).hasSize(4);
		assertThat(lines.get(1)).startsWith("chorges;Chorges;05040;");
		assertThat(lines.get(2)).startsWith("Médiane régionale;2 candidature(s);;").contains(
				"non communiquée (moins de 3 collectivités)");
		assertThat(lines.get(3)).startsWith("Médiane nationale;6 candidature(s);;").contains(";Partiellement atteint;");
		neverNamesAnother(csv, "chorges");
	}

	@Test
	void answersJsonOrCsvAsTheAcceptHeaderRanksThem() throws Exception {
		for (String accept : List.of("application/json, text/csv;q=0.1", "text/csv;q=0.5, application/json",
				"text/csv;q=0, */*")) {
			MockHttpServletResponse response = mvc
				.perform(get(comparison("&region=76")).header("Accept", accept).with(user(as("admin"))))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(accept).isEqualTo(200);
			assertThat(response.getContentType()).as(accept).startsWith("application/json");
		}
		for (String accept : List.of("text/csv, application/json;q=0.9", "application/json;q=0.2, text/csv;q=0.8")) {
			MockHttpServletResponse response = mvc
				.perform(get(comparison("&region=76")).header("Accept", accept).with(user(as("admin"))))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(accept).isEqualTo(200);
			assertThat(response.getContentType()).as(accept).startsWith("text/csv");
		}
	}

	/**
	 * A median over fewer than three other collectivités is withheld however many candidacies they have: under a
	 * version of its own, Rodez's three candidacies do not make Albi's regional median (nor the national one) Rodez's
	 * levels; with Cahors and Pamiers it is given; Pamiers's withdrawn, it is withheld again (a withdrawn candidacy
	 * counts for nothing).
	 */
	@Test
	void withholdsAMedianOverFewerThanThreeOtherCollectivitesHoweverManyCandidacies() throws Exception {
		Map<String, String> communes = Map.of("albi", "81004", "rodez", "12202", "cahors", "46042", "pamiers",
				"09225");
		int own = pilotVersion(communes.values());
		submitTo(own, "albi", communes.get("albi"), "PARTIAL", 1.0);
		for (int i = 0; i < 3; i++) {
			submitTo(own, "rodez-" + i, communes.get("rodez"), "SATISFACTORY", 50.0);
		}
		JalonUser albi = new JalonUser("mairie-albi", null, Role.COLLECTIVITE, communes.get("albi"), true);
		JsonNode alone = compared(albi, own);
		for (String scope : List.of("regional", "national")) {
			assertThat(alone.get(scope).get("candidacies").asLong()).as(scope).isEqualTo(3);
			assertThat(alone.get(scope).get("levels").get(CRITERION).get("level").isNull()).as(scope).isTrue();
			assertThat(alone.get(scope).get("indicators").get(INDICATOR).get("value").isNull()).as(scope).isTrue();
		}

		submitTo(own, "cahors", communes.get("cahors"), "INSUFFICIENT", 10.0);
		String pamiers = submitTo(own, "pamiers", communes.get("pamiers"), "INSUFFICIENT", 20.0);
		JsonNode three = compared(albi, own).get("regional");
		assertThat(three.get("candidacies").asLong()).isEqualTo(5);
		// Ranks 1, 1, 3, 3, 3 and values 10 20 50 50 50: SATISFACTORY and 50.
		assertThat(three.get("levels").get(CRITERION).get("level").asText()).isEqualTo("SATISFACTORY");
		assertThat(three.get("indicators").get(INDICATOR).get("value").asDouble()).isEqualTo(50.0);

		candidacies.withdraw(new JalonUser("mairie-pamiers", null, Role.COLLECTIVITE, communes.get("pamiers"), true),
				pamiers, "Retirée.");
		JsonNode withdrawn = compared(albi, own).get("regional");
		assertThat(withdrawn.get("candidacies").asLong()).isEqualTo(4);
		assertThat(withdrawn.get("levels").get(CRITERION).get("count").asInt()).isEqualTo(4);
		assertThat(withdrawn.get("levels").get(CRITERION).get("level").isNull()).isTrue();
		assertThat(withdrawn.get("indicators").get(INDICATOR).get("value").isNull()).isTrue();
	}

	/** A new version of EcoQuartier piloted on these communes only (so that their candidacies are its only ones). */
	private int pilotVersion(java.util.Collection<String> communes) throws Exception {
		ObjectNode published = (ObjectNode) api("admin", "/api/referentials/ecoquartier");
		int newest = 0;
		for (JsonNode summary : api("admin", "/api/referentials/ecoquartier/versions")) {
			newest = Math.max(newest, summary.get("version").asInt());
		}
		published.put("version", newest + 1).put("title", "Référentiel EcoQuartier, version comparée à part");
		published.remove("status");
		send("/api/referentials/ecoquartier/versions", published);
		send("/api/referentials/ecoquartier/versions/" + (newest + 1) + "/pilot",
				Map.of("collectivites", new ArrayList<>(communes)));
		return newest + 1;
	}

	/** A candidacy of that commune under that version, with E01's own level and E01-I1's value; its id. */
	private String submitTo(int expected, String title, String commune, String level, double value) {
		JalonUser mairie = new JalonUser("mairie-" + commune, null, Role.COLLECTIVITE, commune, true);
		String id = candidacies.submit(mairie, new NewCandidacy("ecoquartier", commune, title, null, List.of(), null))
			.id();
		assertThat(candidacies.view(ADMIN, id).referentialVersion()).isEqualTo(expected);
		candidacies.recordCompletion(id, new Completion("Comparison", title, "SUBMIT", null, "SELF",
				Map.of(CRITERION, new LevelInput(level, null)), null, null, null), false);
		candidacies.recordCompletion(id, new Completion("Comparison", title, "SUBMIT", null, null, null, "value",
				Map.of(INDICATOR, new IndicatorInput(null, value)), null), false);
		return id;
	}

	private JsonNode compared(JalonUser user, int version) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/api/programmes/ecoquartier/comparison?version=" + version).with(user(user)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	@Test
	void answersBadParametersWithAProblemNamingTheField() throws Exception {
		assertProblem("/api/programmes/ecoquartier/comparison?version=abc", 400, "version");
		assertProblem("/api/programmes/ecoquartier/comparison?region=99", 400, "region");
		assertProblem("/api/programmes/ecoquartier/comparison?region=x", 400, "region");
		assertProblem("/api/programmes/ecoquartier/comparison?stage=NOPE", 400, "stage");
		assertProblem("/api/programmes/ecoquartier/comparison?format=pdf", 400, "format");
		assertProblem("/api/programmes/ecoquartier/comparison?version=999", 404, null);
		assertProblem("/api/programmes/inconnu/comparison", 404, null);
		// Asked as CSV, a bad parameter is still a 400 naming it, before any row is written.
		MockHttpServletResponse csv = mvc.perform(get("/api/programmes/ecoquartier/comparison?stage=NOPE")
			.accept(MediaType.parseMediaType("text/csv"))
			.with(user(as("admin")))).andReturn().getResponse();
		assertThat(csv.getStatus()).isEqualTo(400);
		assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Candidature;");
	}

	@Test
	void readsInAFewStatementsWhateverTheNumberOfCandidacies() throws Exception {
		String asked = String.valueOf(version);
		comparisons.compare(ADMIN, "ecoquartier", asked, null, null); // what is read once (the version's content)
		var all = fr.jalon.SqlStatements.during(() -> comparisons.compare(ADMIN, "ecoquartier", asked, null, null));
		var paca = fr.jalon.SqlStatements.during(() -> comparisons.compare(ADMIN, "ecoquartier", asked, "93", null));
		assertThat(all.count()).as(all + "\n" + paca).isEqualTo(paca.count());
		JalonUser occitanie = as("commission-occitanie");
		comparisons.compare(occitanie, "ecoquartier", asked, null, null);
		var four = fr.jalon.SqlStatements.during(() -> comparisons.compare(occitanie, "ecoquartier", asked, null, null));
		var one = fr.jalon.SqlStatements
			.during(() -> comparisons.compare(occitanie, "ecoquartier", asked, null, "CONTRACT"));
		assertThat(four.count()).as(four + "\n" + one).isEqualTo(one.count());
		int own = fr.jalon.SqlStatements
			.during(() -> comparisons.compare(collectivite("cordes"), "ecoquartier", asked, null, null))
			.count();
		assertThat(own).as("the own rows, the others' counts, levels and values").isLessThan(15);
	}

	@Test
	void passesOverTheSourcesSealedFromTheCaller() {
		fr.jalon.referential.Referential referential = candidacies.referentialOf(ids.get("figeac"));
		Map<String, String> given = Map.of("SELF", "PARTIAL", "COORDINATING_EXPERT", "INSUFFICIENT", "SECOND_EXPERT",
				"SATISFACTORY");
		assertThat(Comparisons.retained(referential, given, java.util.Set.of())).contains("SECOND_EXPERT");
		// The coordinating expert before submitting: the second expert's marks are sealed from them.
		assertThat(Comparisons.retained(referential, given, java.util.Set.of("SECOND_EXPERT")))
			.contains("COORDINATING_EXPERT");
		assertThat(Comparisons.retained(referential, Map.of("SECOND_EXPERT", "SATISFACTORY"),
				java.util.Set.of("SECOND_EXPERT"))).isEmpty();
		assertThat(Comparisons.retained(referential, Map.of("SELF", "PARTIAL"), java.util.Set.of())).contains("SELF");
	}

	@Test
	void rendersThePagesInFrench() throws Exception {
		String table = page("commission-occitanie", "/instruction/comparaison?programme=ecoquartier&version=" + version);
		assertThat(table).contains(French.typeset("Comparer les candidatures"), "Cordes-sur-Ciel", "Figeac",
				"Partiellement atteint", "fr-table--multiline", "Exporter (CSV)",
				"/instruction/comparaison/export?programme=ecoquartier&amp;version=" + version + "&amp;format=csv")
			.doesNotContain("Chorges", "PARTIAL");
		assertThat(page("admin", "/instruction/comparaison?programme=ecoquartier&version=" + version + "&region=93"))
			.contains("Digne-les-Bains")
			.doesNotContain("Cordes-sur-Ciel");
		MockHttpServletResponse export = mvc
			.perform(get("/instruction/comparaison/export?programme=ecoquartier&version=" + version + "&format=csv")
				.with(user(as("ddt-81"))))
			.andReturn()
			.getResponse();
		assertThat(export.getContentAsString(StandardCharsets.UTF_8)).contains(ids.get("cordes"))
			.doesNotContain(ids.get("millau"));

		String own = mvc
			.perform(get("/collectivite/comparaison?programme=ecoquartier&version=" + version)
				.with(user(as("mairie-chorges"))))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(own).contains(French.typeset("Se comparer"), French.typeset("Médiane régionale"),
				French.typeset("Médiane nationale"), French.typeset("non communiquée (moins de 3 collectivités)"),
				"Satisfaisant", "Partiellement atteint");
		neverNamesAnother(own, "chorges");
		assertThat(mvc.perform(get("/collectivite/comparaison?programme=ecoquartier&version=" + version + "&stage=NOPE")
			.with(user(as("mairie-chorges")))).andReturn().getResponse().getStatus()).isEqualTo(400);
	}

	private void neverNamesAnother(String body, String own) {
		COMMUNES.forEach((title, code) -> {
			if (!title.equals(own)) {
				assertThat(body).as("nothing of " + title).doesNotContain(ids.get(title), code);
				assertThat(body).doesNotContain(title + "\"", title + ";");
			}
		});
		assertThat(body).doesNotContain("Millau", "Figeac", "Foix", "Digne-les-Bains", "Menton")
			.doesNotContain(own.equals("chorges") ? "Cordes-sur-Ciel" : "Chorges;");
	}

	private void assertProblem(String path, int status, String field) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(path).with(user(as("admin")))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(status);
		assertThat(response.getContentType()).as(path).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
		if (field != null) {
			assertThat(problem.get("errors").findValuesAsText("field")).as(path).containsExactly(field);
		}
		else {
			assertThat(problem.get("detail").asText()).as(path).isNotBlank();
		}
	}

	private String comparison(String parameters) {
		return "/api/programmes/ecoquartier/comparison?version=" + version + parameters;
	}

	private static List<String> titles(JsonNode comparison) {
		List<String> titles = new ArrayList<>();
		comparison.get("rows").forEach(row -> titles.add(row.get("title").asText()));
		return titles;
	}

	private static JsonNode row(JsonNode comparison, String title) {
		for (JsonNode row : comparison.get("rows")) {
			if (row.get("title").asText().equals(title)) {
				return row;
			}
		}
		throw new AssertionError("no row " + title);
	}

	/** A candidacy of that commune titled by its key, with E01's levels by source and E01-I1's target and value. */
	private void submit(String commune, Map<String, String> levels, double value) {
		JalonUser mairie = collectivite(commune);
		String id = candidacies.submit(mairie, new NewCandidacy("ecoquartier", COMMUNES.get(commune), commune, null,
				List.of(), null)).id();
		ids.put(commune, id);
		assertThat(candidacies.view(ADMIN, id).referentialVersion()).isEqualTo(version);
		levels.forEach((source, level) -> candidacies.recordCompletion(id, new Completion("Comparison", source, "SUBMIT",
				null, source, Map.of(CRITERION, new LevelInput(level, null)), null, null, null), false));
		candidacies.recordCompletion(id, new Completion("Comparison", commune, "SUBMIT", null, null, null, "target",
				Map.of(INDICATOR, new IndicatorInput(value + 2, null)), null), false);
		candidacies.recordCompletion(id, new Completion("Comparison", commune, "SUBMIT", null, null, null, "value",
				Map.of(INDICATOR, new IndicatorInput(null, value)), null), false);
	}

	private static JalonUser collectivite(String commune) {
		return new JalonUser("mairie-" + commune, null, Role.COLLECTIVITE, COMMUNES.get(commune), true);
	}

	private JalonUser as(String username) {
		return (JalonUser) accounts.loadUserByUsername(username);
	}

	private JsonNode api(String username, String path) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(path).with(user(as(username)))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path + " " + response.getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo(200);
		return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	private String page(String username, String path) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(path).with(user(as(username)))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private void send(String path, Object body) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
				.contentType(MediaType.APPLICATION_JSON)
				.content(JSON.writeValueAsBytes(body))
				.with(user(as("admin"))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(path + " " + response.getContentAsString(StandardCharsets.UTF_8))
			.isBetween(200, 201);
	}

}
