package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.jalon.Api;
import fr.jalon.system.French;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * The fields that name collectivités (partners of a candidacy, pilots of a referential version): the page session's
 * suggestions that their script reads, and, without the script, the names the server resolves — one body, that body;
 * several, the form again with the candidates under the field; none, an error naming the field. No field asks for a
 * code: each shows the bodies by name (« CC Ventoux Sud (84) »).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=collectivite-fields")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CollectiviteFieldsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRestTemplate http;

	@Autowired
	UserDetailsService accounts;

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void suggestsCollectivitesToEverySignedInPageSessionAndNoMore() throws Exception {
		for (String account : List.of("mairie-albi", "admin", "ddt-12", "expert-1")) {
			MockHttpServletResponse answer = page(get("/collectivites/suggestions").param("q", "albi"), account);
			assertThat(answer.getStatus()).as(account).isEqualTo(200);
			JsonNode found = json.readTree(answer.getContentAsString(StandardCharsets.UTF_8));
			JsonNode albi = null;
			for (JsonNode suggestion : found) {
				// Public facts only: no population, no note, nothing of anyone's candidacies.
				List<String> fields = new ArrayList<>();
				suggestion.fieldNames().forEachRemaining(fields::add);
				assertThat(fields).containsExactlyInAnyOrder("code", "name", "kind", "departement", "label");
				if (suggestion.get("code").asText().equals("81004")) {
					albi = suggestion;
				}
			}
			assertThat(albi).as(account).isNotNull();
			assertThat(albi.get("name").asText()).isEqualTo("Albi");
			assertThat(albi.get("kind").asText()).isEqualTo("Commune");
			assertThat(albi.get("departement").asText()).isEqualTo("81");
			assertThat(albi.get("label").asText()).isEqualTo("Albi (81)");
		}
		// Accents, case and punctuation aside, as the API's search.
		assertThat(page(get("/collectivites/suggestions").param("q", "ALBIGEOIS"), "mairie-rodez")
			.getContentAsString(StandardCharsets.UTF_8)).contains("\"248100737\"");

		// Without a session: the login form, nothing of the data.
		MockHttpServletResponse anonymous = mvc.perform(get("/collectivites/suggestions").param("q", "albi"))
			.andReturn()
			.getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(302);
		assertThat(anonymous.getRedirectedUrl()).endsWith("/connexion");
	}

	@Test
	void refusesATextTooShortOrTooLongNamingQ() throws Exception {
		for (String q : new String[] { null, "", " a ", "x".repeat(201), "albi\u0000", "--" }) {
			MockHttpServletRequestBuilder request = get("/collectivites/suggestions");
			if (q != null) {
				request.param("q", q);
			}
			MockHttpServletResponse answer = page(request, "mairie-albi");
			assertThat(answer.getStatus()).as(String.valueOf(q)).isEqualTo(400);
			assertThat(answer.getContentType()).startsWith("application/problem+json");
			JsonNode problem = json.readTree(answer.getContentAsString(StandardCharsets.UTF_8));
			assertThat(problem.get("errors").findValuesAsText("field")).as(String.valueOf(q)).containsExactly("q");
		}
		assertThat(page(get("/collectivites/suggestions").param("q", "x".repeat(200)), "mairie-albi").getStatus())
			.isEqualTo(200);
	}

	@Test
	void resolvesTheNamesOfACandidacysPartnersWithoutAScript() throws Exception {
		String campaign = campaign();
		// The form shows Sault's intercommunalité by name, not by code.
		String form = page(get("/collectivite/candidatures/nouvelle"), "mairie-sault")
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(attribute(form, "partners", "value")).isEqualTo("CC Ventoux Sud (84)");
		assertThat(form).contains("data-code=\"200035723\"");

		// Several bodies for a name: the form again, the candidates under the field; nothing created.
		MockHttpServletResponse several = submit(campaign, "alb (81)");
		assertThat(several.getStatus()).isEqualTo(400);
		String again = several.getContentAsString(StandardCharsets.UTF_8);
		assertThat(text(again, "erreur-partners")).contains(
				French.typeset("« alb (81) » désigne plusieurs collectivités"), "[81004]", "[248100737]");
		assertThat(attribute(again, "partners", "aria-describedby")).isEqualTo("erreur-partners");
		assertThat(attribute(again, "partners", "value")).isEqualTo("alb (81)");

		// None: the field named.
		MockHttpServletResponse none = submit(campaign, "CC Ventoux Sud ; Xyzzyville");
		assertThat(none.getStatus()).isEqualTo(400);
		String noneForm = none.getContentAsString(StandardCharsets.UTF_8);
		assertThat(text(noneForm, "erreur-partners"))
			.isEqualTo(French.typeset("Aucune collectivité ne s’appelle « Xyzzyville »."));
		// What could be named stays named; the rest as typed.
		assertThat(attribute(noneForm, "partners", "value")).isEqualTo("CC Ventoux Sud (84) ; Xyzzyville");

		// One body, by its name, its label (as the field shows it) or its code: that body.
		for (String partners : List.of("cc ventoux sud", "CC Ventoux Sud (84)", "200035723")) {
			MockHttpServletResponse created = submit(campaign, partners);
			assertThat(created.getStatus()).as(partners).isEqualTo(302);
			String id = created.getRedirectedUrl().replaceFirst(".*/candidatures/", "");
			JsonNode candidacy = new Api(http, "mairie-sault").get("/api/candidacies/" + id).getBody();
			assertThat(candidacy.get("partners").toString()).as(partners).isEqualTo("[\"200035723\"]");
		}
	}

	@Test
	void resolvesTheNamesOfAVersionsPilotsWithoutAScript() throws Exception {
		Api admin = new Api(http, "admin");
		ObjectNode next = (ObjectNode) admin.get("/api/referentials/ecoquartier").getBody();
		int version = next.get("version").asInt() + 1;
		next.put("version", version).put("title", "Référentiel EcoQuartier, pilote des champs de collectivités");
		assertThat(admin.post("/api/referentials/ecoquartier/versions", next).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		String address = "/administration/referentiels/ecoquartier/versions/" + version;

		String form = page(get(address), "admin").getContentAsString(StandardCharsets.UTF_8);
		assertThat(form).contains("data-collectivites=\"plusieurs\"").doesNotContain("Codes officiels");

		MockHttpServletResponse several = page(post(address + "/pilote").param("collectivites", "Rodez ; alb (81)")
			.with(csrf()), "admin");
		assertThat(several.getStatus()).isEqualTo(400);
		String again = several.getContentAsString(StandardCharsets.UTF_8);
		assertThat(text(again, "erreur-collectivites")).contains("[81004]", "[248100737]");
		assertThat(attribute(again, "collectivites", "value")).isEqualTo("Rodez (12) ; alb (81)");
		assertThat(admin.get("/api/referentials/ecoquartier/versions/" + version).getBody().get("status").asText())
			.isEqualTo("DRAFT");

		MockHttpServletResponse none = page(post(address + "/pilote").param("collectivites", "Nullepart-sur-Rien")
			.with(csrf()), "admin");
		assertThat(none.getStatus()).isEqualTo(400);
		assertThat(text(none.getContentAsString(StandardCharsets.UTF_8), "erreur-collectivites")).isEqualTo(French.typeset("Aucune collectivité ne s’appelle « Nullepart-sur-Rien »."));

		MockHttpServletResponse piloted = page(post(address + "/pilote").param("collectivites", "Albi (81) ; rodez")
			.with(csrf()), "admin");
		assertThat(piloted.getStatus()).isEqualTo(302);
		JsonNode pilot = admin.get("/api/referentials/ecoquartier/versions/" + version).getBody();
		assertThat(pilot.get("status").asText()).isEqualTo("PILOT");
		List<String> pilots = new ArrayList<>();
		for (JsonNode summary : admin.get("/api/referentials/ecoquartier/versions").getBody()) {
			if (summary.get("version").asInt() == version) {
				summary.get("pilots").forEach(code -> pilots.add(code.asText()));
			}
		}
		assertThat(pilots).containsExactlyInAnyOrder("81004", "12202");
	}

	/** An attribute of the element of that id, unescaped. */
	static String attribute(String html, String id, String name) {
		Matcher element = Pattern.compile("<[a-z]+[^>]*\\sid=\"" + id + "\"[^>]*>").matcher(html);
		assertThat(element.find()).as("#" + id).isTrue();
		Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(element.group());
		return value.find() ? HtmlUtils.htmlUnescape(value.group(1)) : null;
	}

	/** The text of the element of that id (an error's paragraph), unescaped. */
	static String text(String html, String id) {
		Matcher element = Pattern.compile("<([a-z]+)[^>]*\\sid=\"" + id + "\"[^>]*>(.*?)</\\1>", Pattern.DOTALL).matcher(html);
		assertThat(element.find()).as("#" + id).isTrue();
		return HtmlUtils.htmlUnescape(element.group(2).replaceAll("<[^>]+>", "")).strip();
	}

	private MockHttpServletResponse submit(String campaign, String partners) throws Exception {
		return page(post("/collectivite/candidatures").param("programme", "pvd")
			.param("title", "Centre-bourg " + UUID.randomUUID().toString().substring(0, 8))
			.param("campaign", campaign)
			.param("partners", partners)
			.with(csrf()), "mairie-sault");
	}

	private String campaign() {
		return new Api(http, "admin").post("/api/campaigns", Map.of("programme", "pvd", "region", "93", "title",
				"Petites villes de demain — champs " + UUID.randomUUID().toString().substring(0, 8), "closesAt",
				Instant.now().plus(30, ChronoUnit.DAYS).toString())).getBody().get("id").asText();
	}

	private MockHttpServletResponse page(MockHttpServletRequestBuilder request, String account) throws Exception {
		return mvc.perform(request.with(user(accounts.loadUserByUsername(account)))).andReturn().getResponse();
	}

}
