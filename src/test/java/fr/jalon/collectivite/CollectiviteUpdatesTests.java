package fr.jalon.collectivite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.PageSession;
import fr.jalon.collectivite.OfficialDivisions.Commune;
import fr.jalon.collectivite.OfficialDivisions.Epci;
import fr.jalon.collectivite.OfficialDivisions.Member;
import fr.jalon.system.French;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * Issue 17, the yearly update: a hand-made next-year data set (the shipped one, changed here) with one merger
 * (Flaxieu becomes a delegated commune of Vongnes, renamed Vongnes-Flaxieu), one renaming (Armix), one commune moving
 * to another intercommunalité (Prémillieu) and new populations. Its preview lists exactly those; a failure midway
 * through applying it writes nothing; applied, Flaxieu's candidacy stays readable and names its successor.
 * <p>
 * On PostgreSQL every class shares one database: these bodies of the Ain are used by no other test, and the test
 * puts them back as the shipped files have them, with no trace of its import.
 */
@SpringBootTest(properties = "jalon.test.database=collectivite-updates")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CollectiviteUpdatesTests {

	static final String FLAXIEU = "01162";

	static final String VONGNES = "01456";

	static final String ARMIX = "01019";

	static final String PREMILLIEU = "01311";

	static final String BUGEY_SUD = "200040350";

	static final String HAUT_BUGEY = "200042935";

	static final LocalDate NEXT = LocalDate.of(2027, 1, 1);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@MockitoSpyBean
	OfficialCollectivites official;

	@Autowired
	CollectiviteFacts facts;

	private final ObjectMapper json = new ObjectMapper();

	/** The next year's communes and EPCI files: the shipped ones, changed as the class says. */
	private byte[][] nextYear() throws IOException {
		OfficialDivisions shipped = OfficialDivisions.shipped();
		List<Commune> communes = new ArrayList<>();
		for (Commune c : shipped.communes()) {
			if (!OfficialDivisions.CURRENT.equals(c.type())) {
				communes.add(c);
				continue;
			}
			switch (c.code()) {
				case FLAXIEU -> communes.add(new Commune(c.code(), c.nom(), "commune-deleguee", c.departement(),
						c.region(), null, c.population(), VONGNES));
				case VONGNES -> communes.add(new Commune(c.code(), "Vongnes-Flaxieu", c.type(), c.departement(),
						c.region(), c.siren(), 146, null));
				case ARMIX -> communes.add(new Commune(c.code(), "Armix-en-Bugey", c.type(), c.departement(),
						c.region(), c.siren(), c.population(), null));
				case "01066" -> communes.add(new Commune(c.code(), c.nom(), c.type(), c.departement(), c.region(),
						c.siren(), 101, null));
				case "01279" -> communes.add(new Commune(c.code(), c.nom(), c.type(), c.departement(), c.region(),
						c.siren(), 70, null));
				default -> communes.add(c);
			}
		}
		// On a shared database (PostgreSQL suites), other tests' communes made straight in SQL: the next year's file
		// lists them as they are, so that the preview counts only this class's changes and the apply leaves them be.
		java.util.Set<String> official = new java.util.HashSet<>();
		shipped.communes().forEach(c -> official.add(c.code()));
		jdbc.query("select code, name, departement, region, population from collectivite where kind = 'COMMUNE' "
				+ "and ended_on is null", row -> {
					if (!official.contains(row.getString(1))) {
						communes.add(new Commune(row.getString(1), row.getString(2), OfficialDivisions.CURRENT,
								row.getString(3), row.getString(4), null, (Integer) row.getObject(5, Integer.class),
								null));
					}
				});
		List<Epci> epcis = new ArrayList<>();
		for (Epci e : shipped.epcis()) {
			List<Member> members = new ArrayList<>(e.membres()
				.stream()
				.filter(m -> !m.code().equals(FLAXIEU) && !m.code().equals(PREMILLIEU))
				.toList());
			if (e.code().equals(BUGEY_SUD)) {
				members.add(new Member(PREMILLIEU, null));
			}
			else if (e.code().equals(HAUT_BUGEY) == false && members.size() == e.membres().size()) {
				epcis.add(e);
				continue;
			}
			epcis.add(new Epci(e.code(), e.nom(), e.type(), e.populationTotale(), members));
		}
		return new byte[][] { gzip(json.writeValueAsBytes(communes)), json.writeValueAsBytes(epcis) };
	}

	private static byte[] gzip(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

	private MockHttpServletResponse as(String username, String password, MockHttpServletRequestBuilder request)
			throws Exception {
		return mvc.perform(request.with(httpBasic(username, password))).andReturn().getResponse();
	}

	private MockHttpServletResponse admin(MockHttpServletRequestBuilder request) throws Exception {
		return as("admin", "demo", request);
	}

	private MockMultipartHttpServletRequestBuilder upload(byte[] communes, byte[] epci, String validFrom,
			String source) {
		MockMultipartHttpServletRequestBuilder upload = multipart("/api/collectivites/updates");
		if (communes != null) {
			upload.file(new MockMultipartFile("communes", "communes.json.gz", "application/gzip", communes));
		}
		if (epci != null) {
			upload.file(new MockMultipartFile("epci", "epci.json", "application/json", epci));
		}
		if (validFrom != null) {
			upload.param("validFrom", validFrom);
		}
		if (source != null) {
			upload.param("source", source);
		}
		return upload;
	}

	private JsonNode read(MockHttpServletResponse response) throws IOException {
		return json.readTree(response.getContentAsByteArray());
	}

	private static List<String> codes(JsonNode list) {
		List<String> codes = new ArrayList<>();
		list.forEach(item -> codes.add(item.get("code").asText()));
		return codes;
	}

	@Test
	void previewsExactlyTheChangesThenAppliesThemInOneTransactionAndTheMergedCommunesCandidacyNamesItsSuccessor()
			throws Exception {
		byte[][] next = nextYear();
		String username = "mairie-flaxieu-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "flaxieu-vongnes-2027";
		try {
			// An account of Flaxieu, and its candidacy, before the update.
			assertThat(admin(post("/api/accounts").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("username", username, "password", password, "role",
						"COLLECTIVITE", "scope", FLAXIEU))))
				.getStatus()).isEqualTo(201);
			MockHttpServletResponse created = as(username, password, post("/api/candidacies")
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("programme", "ecoquartier", "collectivite", FLAXIEU, "title",
						"Cœur de village de Flaxieu", "description", "Avant la commune nouvelle."))));
			assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
			String candidacy = read(created).get("id").asText();

			// The upload answers its preview: exactly the changes made above.
			MockHttpServletResponse uploaded = admin(upload(next[0], next[1], NEXT.toString(),
					"@etalab/decoupage-administratif 7.0.0 (essai)"));
			assertThat(uploaded.getStatus()).as(uploaded.getContentAsString()).isEqualTo(201);
			JsonNode preview = read(uploaded);
			String id = preview.get("update").get("id").asText();
			assertThat(uploaded.getHeader("Location")).isEqualTo("/api/collectivites/updates/" + id);
			assertThat(read(admin(get("/api/collectivites/updates/" + id)))).isEqualTo(preview);
			JsonNode changes = preview.get("changes");
			// The lists before their counts: a failure names the bodies.
			assertThat(changes.get("added")).isEmpty();
			assertThat(changes.get("removed")).isEmpty();
			assertThat(json.convertValue(changes.get("counts"), Map.class)).isEqualTo(Map.of("added", 0, "renamed", 2,
					"merged", 1, "removed", 0, "epciMembership", 1, "epciAdded", 0, "epciRemoved", 0, "epciRenamed", 0,
					"population", 3));
			assertThat(changes.get("epciAdded")).isEmpty();
			assertThat(changes.get("epciRemoved")).isEmpty();
			assertThat(changes.get("epciRenamed")).isEmpty();
			assertThat(changes.get("merged")).isEqualTo(json.valueToTree(List.of(Map.of("code", FLAXIEU, "name",
					"Flaxieu", "successor", VONGNES, "successorName", "Vongnes-Flaxieu"))));
			assertThat(changes.get("renamed")).containsExactlyInAnyOrderElementsOf(json.valueToTree(List.of(
					Map.of("code", VONGNES, "from", "Vongnes", "to", "Vongnes-Flaxieu"),
					Map.of("code", ARMIX, "from", "Armix", "to", "Armix-en-Bugey"))));
			assertThat(changes.get("epciMembership")).isEqualTo(json.valueToTree(List.of(Map.of("code", PREMILLIEU,
					"name", "Prémillieu", "from", HAUT_BUGEY, "fromName", "CA Haut-Bugey Agglomération", "to",
					BUGEY_SUD, "toName", "CC Bugey Sud"))));
			assertThat(changes.get("population")).containsExactlyInAnyOrderElementsOf(json.valueToTree(List.of(
					Map.of("code", VONGNES, "name", "Vongnes-Flaxieu", "from", 75, "to", 146),
					Map.of("code", "01066", "name", "La Burbanche", "from", 98, "to", 101),
					Map.of("code", "01279", "name", "Oncieu", "from", 72, "to", 70))));
			assertThat(read(admin(get("/api/collectivites/updates"))).findValuesAsText("id")).contains(id);

			// The same preview on the administrator's page.
			PageSession admin = PageSession.signIn(mvc, "admin", "demo");
			String previewPage = admin.perform(get("/administration/collectivites/mises-a-jour/" + id))
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(previewPage).contains(French.typeset("Communes fusionnées dans une commune nouvelle (1)"),
					French.typeset("Communes changeant d’intercommunalité (1)"), "Vongnes-Flaxieu (01456)",
					"CC Bugey Sud (200040350)", "Armix-en-Bugey", "/administration/collectivites/mises-a-jour/" + id
							+ "/application");

			// A failure midway through applying writes nothing: the bodies and words are as they were.
			doThrow(new IllegalStateException("the import's record fails (test)")).when(official)
				.recordImport(any(), any(), any(), anyLong(), anyInt(), anyInt());
			assertThat(admin(post("/api/collectivites/updates/" + id + "/apply")).getStatus()).isEqualTo(500);
			reset(official);
			assertThat(jdbc.queryForObject("select count(*) from collectivite where code = ? and name = 'Flaxieu' "
					+ "and successor is null and ended_on is null", Integer.class, FLAXIEU)).isOne();
			assertThat(jdbc.queryForObject("select name from collectivite where code = ?", String.class, VONGNES))
				.isEqualTo("Vongnes");
			assertThat(jdbc.queryForObject("select count(*) from collectivite where code = 'COMD-01162'",
					Integer.class)).isZero();
			assertThat(jdbc.queryForObject("select count(*) from collectivite_word where code = ? and word = ?",
					Integer.class, ARMIX, "bugey")).isZero();
			assertThat(read(admin(get("/api/collectivites/updates/" + id))).get("update").get("status").asText())
				.isEqualTo("PREVIEW");

			// Applied: the facts before its date stay as they were.
			List<Object> before = List.of(facts.at(VONGNES, NEXT.minusDays(1)), facts.at(FLAXIEU, NEXT.minusDays(1)),
					facts.at(PREMILLIEU, NEXT.minusDays(1)));
			assertThat(facts.at(VONGNES, NEXT.minusDays(1)).orElseThrow().fact())
				.isEqualTo(new CollectiviteFacts.Fact(VONGNES, "Vongnes", 75, BUGEY_SUD));
			MockHttpServletResponse applied = admin(post("/api/collectivites/updates/" + id + "/apply"));
			assertThat(applied.getStatus()).as(applied.getContentAsString()).isEqualTo(200);
			assertThat(read(applied).get("changes")).isEqualTo(changes);
			assertThat(read(admin(get("/api/collectivites/updates/" + id))).get("update").get("status").asText())
				.isEqualTo("APPLIED");
			assertThat(admin(post("/api/collectivites/updates/" + id + "/apply")).getStatus()).isEqualTo(409);
			assertThat(jdbc.queryForObject("select count(*) from collectivite_import where valid_from = ?",
					Integer.class, java.sql.Date.valueOf(NEXT))).isEqualTo(1);

			assertThat(List.of(facts.at(VONGNES, NEXT.minusDays(1)), facts.at(FLAXIEU, NEXT.minusDays(1)),
					facts.at(PREMILLIEU, NEXT.minusDays(1)))).isEqualTo(before);
			assertThat(facts.at(VONGNES, NEXT).orElseThrow().fact())
				.isEqualTo(new CollectiviteFacts.Fact(VONGNES, "Vongnes-Flaxieu", 146, BUGEY_SUD));
			assertThat(facts.at(PREMILLIEU, NEXT.plusYears(1)).orElseThrow().fact().epci()).isEqualTo(BUGEY_SUD);

			JsonNode flaxieu = read(admin(get("/api/collectivites/" + FLAXIEU)));
			assertThat(flaxieu.get("successor").asText()).isEqualTo(VONGNES);
			assertThat(flaxieu.get("endedOn").asText()).isEqualTo("2027-01-01");
			JsonNode vongnes = read(admin(get("/api/collectivites/" + VONGNES)));
			assertThat(vongnes.get("name").asText()).isEqualTo("Vongnes-Flaxieu");
			assertThat(vongnes.get("population").asInt()).isEqualTo(146);
			assertThat(read(admin(get("/api/collectivites/" + PREMILLIEU))).get("epci").asText()).isEqualTo(BUGEY_SUD);
			// The search: the new names by their words; Flaxieu as the delegated commune, not the ended one.
			assertThat(codes(read(admin(get("/api/collectivites").param("q", "armix en bugey")))))
				.containsExactly(ARMIX);
			MockHttpServletResponse found = admin(get("/api/collectivites").param("q", "Flaxieu"));
			assertThat(codes(read(found))).containsExactlyInAnyOrder(VONGNES, "COMD-" + FLAXIEU);
			// Its total too, which a one-word search counts from the words alone: the ended body has none left.
			assertThat(found.getHeader("X-Total-Count")).isEqualTo("2");

			// Flaxieu's candidacy: still readable over the API and on its page, which names the commune nouvelle.
			MockHttpServletResponse read = as(username, password, get("/api/candidacies/" + candidacy));
			assertThat(read.getStatus()).isEqualTo(200);
			assertThat(read(read).get("collectivite").asText()).isEqualTo(FLAXIEU);
			PageSession page = PageSession.signIn(mvc, username, password);
			MockHttpServletResponse html = page.perform(get("/candidatures/" + candidacy));
			assertThat(html.getStatus()).isEqualTo(200);
			assertThat(html.getContentAsString(StandardCharsets.UTF_8))
				.contains(French.typeset("Commune fusionnée le " + French.day(NEXT) + " dans Vongnes-Flaxieu (01456)"));

			// A data set of the same date: refused, naming the field.
			MockHttpServletResponse again = admin(upload(next[0], next[1], NEXT.toString(), "encore"));
			assertThat(again.getStatus()).isEqualTo(400);
			assertThat(codesOfErrors(again)).containsExactly("validFrom");
		}
		finally {
			reset(official);
			restore(username);
		}
	}

	@Test
	void refusesWhatIsNotADataSetNamingTheFieldAndLetsOnlyAdministratorsIn() throws Exception {
		byte[] epci = "[]".getBytes(StandardCharsets.UTF_8);
		assertThat(codesOfErrors(admin(upload("pas du JSON".getBytes(StandardCharsets.UTF_8), epci, "2030-01-01",
				"essai")))).containsExactly("communes");
		assertThat(codesOfErrors(admin(upload("{\"code\": 1}".getBytes(StandardCharsets.UTF_8), epci,
				"2030-01-01", "essai")))).containsExactly("communes");
		assertThat(codesOfErrors(admin(upload("[{\"code\":\"01001\",\"nom\":\"A\",\"type\":\"commune-deleguee\"}]"
			.getBytes(StandardCharsets.UTF_8), epci, "2030-01-01", "essai")))).containsExactly("communes");
		assertThat(codesOfErrors(admin(upload("[]".getBytes(StandardCharsets.UTF_8), null, "2030-01-01", "essai"))))
			.contains("epci");
		assertThat(codesOfErrors(admin(upload(gzip("[{".getBytes(StandardCharsets.UTF_8)), epci, "2030-01-01",
				"essai")))).containsExactly("communes");
		byte[] one = "[{\"code\":\"01001\",\"nom\":\"A\",\"type\":\"commune-actuelle\"}]"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(codesOfErrors(admin(upload(one, epci, "1er janvier", "essai")))).containsExactly("validFrom");
		assertThat(codesOfErrors(admin(upload(one, epci, "2030-01-01", "deux\nlignes")))).containsExactly("source");
		assertThat(codesOfErrors(admin(upload(one, epci, "2030-01-01", "x".repeat(201))))).containsExactly("source");
		assertThat(codesOfErrors(admin(upload(new byte[CollectiviteUpdates.MAX_UPLOAD + 1], epci, "2030-01-01",
				"essai")))).containsExactly("communes");
		assertThat(jdbc.queryForObject("select count(*) from collectivite_update where valid_from = ?",
				Integer.class, java.sql.Date.valueOf("2030-01-01"))).isZero();
		assertThat(as("mairie-albi", "demo", upload(one, epci, "2030-01-01", "essai")).getStatus()).isEqualTo(403);
		assertThat(as("mairie-albi", "demo", get("/api/collectivites/updates")).getStatus()).isEqualTo(403);
		assertThat(admin(get("/api/collectivites/updates/inconnu")).getStatus()).isEqualTo(404);
		assertThat(admin(post("/api/collectivites/updates/inconnu/apply")).getStatus()).isEqualTo(404);
	}

	@Test
	void showsTheImportsAndTheUploadFormToAdministratorsAndNamesTheFieldAtFault() throws Exception {
		PageSession admin = PageSession.signIn(mvc, "admin", "demo");
		String page = admin.perform(get("/administration/collectivites")).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains(French.typeset("Référentiel des collectivités"), OfficialDivisions.SOURCE,
				"enctype=\"multipart/form-data\"", "name=\"communes\"");
		MockHttpServletResponse refused = admin.perform(multipart("/administration/collectivites")
			.file(new MockMultipartFile("communes", "communes.json", "application/json", "[]".getBytes()))
			.file(new MockMultipartFile("epci", "epci.json", "application/json", "[]".getBytes()))
			.param("validFrom", "2030-01-01")
			.param("source", "essai")
			.param("_csrf", PageSession.csrf(page)));
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("fr-upload-group--error",
				French.typeset("Le fichier ne contient aucune commune (type « commune-actuelle »)."));
	}

	private List<String> codesOfErrors(MockHttpServletResponse response) throws IOException {
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		List<String> fields = new ArrayList<>();
		read(response).get("errors").forEach(error -> fields.add(error.get("field").asText()));
		return fields;
	}

	/** The bodies as the shipped files have them; no trace of this test's import (the database may be shared). */
	private void restore(String username) {
		Set<String> touched = Set.of(FLAXIEU, VONGNES, ARMIX, PREMILLIEU, "01066", "01279", BUGEY_SUD, HAUT_BUGEY);
		List<OfficialCollectivites.Row> rows = OfficialCollectivites.rows(OfficialDivisions.shipped())
			.stream()
			.filter(row -> touched.contains(row.code()))
			.toList();
		for (OfficialCollectivites.Row row : rows) {
			jdbc.update("update collectivite set name = ?, search_name = ?, population = ?, epci = ?, departement = ?, "
					+ "region = ?, successor = null, ended_on = null where code = ?", row.name(),
					Collectivite.searchable(row.name()), row.population(), row.epci(), row.departement(), row.region(),
					row.code());
		}
		jdbc.update("delete from collectivite where code = ?", "COMD-" + FLAXIEU);
		java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
		rows.forEach(row -> names.put(row.code(), row.name()));
		official.writeWords(names, names.keySet());
		jdbc.update("delete from collectivite_import where valid_from = ?", java.sql.Date.valueOf(NEXT));
		jdbc.update("delete from collectivite_fact where valid_from = ?", java.sql.Date.valueOf(NEXT));
		jdbc.update("delete from collectivite_update");
	}

}
