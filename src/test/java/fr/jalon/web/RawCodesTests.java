package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;
import fr.jalon.candidacy.Status;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.referential.VersionStatus;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * No page shows a code where a label exists (issue 15): every page every role reaches, on demo data with
 * candidacies at various stages of the shipped programmes, is read as a person reads it (its visible text and the
 * attributes read aloud), and none shows the id of a stage, a status, a task, an outcome, a role, a document type, a
 * level or a version status, nor a missing message ({@code ??x??}) nor {@code null}. The ids are read from the
 * programmes through the application's own services, not from a list written here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=raw-codes")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawCodesTests {

	/** Every kind of user of the demo data, each starting from the pages a menu leads to. */
	static final List<String> USERS = List.of("admin", "mairie-albi", "ddt-81", "expert-1", "commission-occitanie",
			"commission-nationale", "prefet-84", "prefet-region-93", "mairie-sault", "drac-76");

	/**
	 * Ids that are also words people read in French, excepted explicitly: the acronyms of the State's services
	 * (« Correspondant DDT », « DRAC »), which role ids spell as their labels do.
	 */
	static final Set<String> FRENCH_WORDS = Set.of("DDT", "DRAC", "CRPA",
			// a document type's id that is a French word (« photo », for « Photographie »)
			"photo");

	/** Pages per user: enough to walk every menu, list and candidacy of this data. */
	static final int MAX_PAGES = 150;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRestTemplate http;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	Referentials referentials;

	@Autowired
	RepositoryService repository;

	final List<String> candidacies = new ArrayList<>();

	/** The pages each user reaches, read once for both tests. */
	final Map<String, Map<String, String>> walked = new LinkedHashMap<>();

	@BeforeAll
	void candidaciesAtVariousStages() {
		// EcoQuartier: one just submitted, one past its charter (at the contract), one sent back for changes.
		Api albi = new Api(http, "mairie-albi");
		Api ddt = new Api(http, "ddt-81");
		String fresh = created(albi.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004",
				"title", "Quartier de la gare d'Albi")));
		String charter = created(albi.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite",
				"81004", "title", "Écoquartier de la Madeleine")));
		albi.upload(charter, "signed-charter", "charte.pdf", Api.pdf("charte"));
		albi.complete(albi.task(charter, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		ddt.complete(ddt.task(charter, "VerifyCharter"), Map.of("outcome", "APPROVE", "comment", "Charte conforme."));
		String changes = created(albi.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite",
				"81004", "title", "Quartier des Portes d'Albi")));
		albi.upload(changes, "signed-charter", "charte.pdf", Api.pdf("charte"));
		albi.complete(albi.task(changes, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		ddt.complete(ddt.task(changes, "VerifyCharter"),
				Map.of("outcome", "REQUEST_CHANGES", "comment", "Joindre la délibération."));
		candidacies.addAll(List.of(fresh, charter, changes));

		// Petites villes de demain: Sault, eligible, at the département's review.
		Api admin = new Api(http, "admin");
		Api sault = new Api(http, "mairie-sault");
		String campaign = created(admin.post("/api/campaigns", Map.of("programme", "pvd", "region", "93", "title",
				"Petites villes de demain — campagne " + java.util.UUID.randomUUID().toString().substring(0, 8),
				"closesAt", Instant.now().plus(30, ChronoUnit.DAYS).toString())));
		String pvd = created(sault.post("/api/candidacies", Map.of("programme", "pvd", "collectivite", "84123", "title",
				"Revitaliser le centre-bourg", "partners", List.of("200035723"), "campaign", campaign)));
		sault.upload(pvd, "epci-support-letter", "lettre-soutien.pdf", Api.pdf("lettre du président"));
		assertThat(sault.complete(sault.task(pvd, "SubmitCandidacy"), Map.of("outcome", "SUBMIT")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		candidacies.add(pvd);
	}

	@Test
	void noPageShowsACodeWhereALabelExists() throws Exception {
		Pattern codes = wholeWords(codes());
		Pattern missing = Pattern.compile("\\?\\?[^?\\s]*\\?\\?|(?<![\\p{L}\\p{N}_-])null(?![\\p{L}\\p{N}_-])");
		Map<String, Set<String>> found = new TreeMap<>();
		int pages = 0;
		for (String username : USERS) {
			for (Map.Entry<String, String> page : pages(username).entrySet()) {
				pages++;
				String text = readable(page.getValue());
				for (Pattern pattern : List.of(codes, missing)) {
					Matcher matcher = pattern.matcher(text);
					while (matcher.find()) {
						found.computeIfAbsent(matcher.group(), code -> new LinkedHashSet<>())
							.add(page.getKey() + " (" + username + ")");
					}
				}
			}
		}
		assertThat(pages).as("pages read").isGreaterThan(USERS.size() * 5);
		assertThat(found).as("codes shown to people, with the pages that show them").isEmpty();
	}

	/**
	 * French typography on every page, set in one place (FrenchTypography): « : » after a non-breaking space, « ; ! ? »
	 * after a narrow one, no straight apostrophe between letters; and what a user typed into a textarea comes back
	 * byte for byte.
	 */
	@Test
	void everyPageIsSetInFrenchTypography() throws Exception {
		Pattern colon = Pattern.compile("[^\\s\u00A0]\\s*(?<!\u00A0):(?=\\s)");
		Pattern high = Pattern.compile("[^\\s\u202F]\\s*(?<!\u202F)[;!?](?=\\s)");
		Pattern apostrophe = Pattern.compile("\\p{L}'\\p{L}");
		Map<String, Set<String>> found = new TreeMap<>();
		for (String username : USERS) {
			for (Map.Entry<String, String> page : pages(username).entrySet()) {
				String text = readable(page.getValue());
				for (Pattern pattern : List.of(colon, high, apostrophe)) {
					Matcher matcher = pattern.matcher(text);
					while (matcher.find()) {
						String around = text.substring(Math.max(0, matcher.start() - 30),
								Math.min(text.length(), matcher.end() + 10)).replaceAll("\\s+", " ");
						found.computeIfAbsent(around, excerpt -> new LinkedHashSet<>()).add(page.getKey());
					}
				}
			}
		}
		assertThat(found).as("text not set in French typography, with the pages that show it").isEmpty();
		assertThat(readable(pages("mairie-albi").get("/collectivite"))).contains("\u00A0:");

		// The referential an administrator typed, sent back with its fault: the textarea holds it unchanged.
		String typed = "title: l'étape : « brouillon » ? ; !\nstages: [ {\n  - d'Albi: 14:32\n";
		String html = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/administration/referentiels/ecoquartier/versions")
			.param("source", typed)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.with(user((JalonUser) accounts.loadUserByUsername("admin")))).andReturn().getResponse().getContentAsString();
		Matcher textarea = Pattern.compile("(?s)<textarea[^>]*>(.*?)</textarea>").matcher(html);
		assertThat(textarea.find()).as(html).isTrue();
		assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(textarea.group(1)).replaceFirst("^\n", ""))
			.isEqualTo(typed);
		assertThat(readable(html)).contains("Document illisible à la ligne");
	}

	private Map<String, String> pages(String username) throws Exception {
		if (!walked.containsKey(username)) {
			walked.put(username, walk(username));
		}
		return walked.get(username);
	}

	/** The ids of the shipped programmes, read as the application reads them. */
	private Set<String> codes() {
		Set<String> codes = new LinkedHashSet<>();
		for (String programme : referentials.programmes()) {
			Referential referential = referentials.definition(programme).orElseThrow();
			referential.stages().forEach(stage -> codes.add(stage.id()));
			referential.statuses().forEach(status -> codes.add(status.id()));
			referential.roles().forEach(role -> codes.add(role.id()));
			referential.documentTypes().forEach(type -> codes.add(type.id()));
			referential.assessmentSources().forEach(source -> codes.add(source.id()));
			referential.scale().forEach(level -> codes.add(level.id()));
		}
		for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
			BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
			model.getModelElementsByType(UserTask.class).forEach(task -> codes.add(task.getId()));
			Pattern outcome = Pattern.compile("'([A-Z][A-Z_]+)'");
			for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
				Matcher matcher = outcome.matcher(condition.getTextContent());
				while (matcher.find()) {
					codes.add(matcher.group(1));
				}
			}
		}
		codes.add(Status.IN_PROGRESS);
		codes.add(Status.WITHDRAWN);
		codes.add(Referential.SELF);
		codes.add(Role.ADMIN);
		codes.add(Role.COLLECTIVITE);
		// The actor recorded for what the engine does by itself (Candidacy.record): « Jalon (automatique) » to people.
		codes.add(Labels.SYSTEM_ACTOR);
		for (VersionStatus status : VersionStatus.values()) {
			codes.add(status.name());
		}
		codes.removeAll(FRENCH_WORDS);
		assertThat(codes).as("ids read from the programmes").contains("CHARTER", "VerifyCharter", "APPROVE",
				"PUBLISHED", "signed-charter", "DEPARTMENT_REVIEW");
		return codes;
	}

	private static Pattern wholeWords(Set<String> codes) {
		List<String> quoted = codes.stream()
			.sorted((a, b) -> b.length() - a.length())
			.map(Pattern::quote)
			.toList();
		return Pattern.compile("(?<![\\p{L}\\p{N}_-])(?:" + String.join("|", quoted) + ")(?![\\p{L}\\p{N}_-])");
	}

	/** The pages a user reaches from the menus and the candidacies, following the links of every page. */
	private Map<String, String> walk(String username) throws Exception {
		JalonUser user = (JalonUser) accounts.loadUserByUsername(username);
		Map<String, String> read = new LinkedHashMap<>();
		Deque<String> next = new ArrayDeque<>(List.of("/", "/collectivite", "/instruction", "/instruction/candidatures",
				"/administration", "/compte/courriels"));
		candidacies.forEach(id -> next.add("/candidatures/" + id));
		Set<String> seen = new LinkedHashSet<>(next);
		while (!next.isEmpty() && read.size() < MAX_PAGES) {
			String page = next.poll();
			MockHttpServletResponse response = mvc.perform(get(page).with(user(user))).andReturn().getResponse();
			assertThat(response.getStatus()).as(page + " as " + username).isLessThan(500);
			if (response.getStatus() != 200 || response.getContentType() == null
					|| !response.getContentType().startsWith("text/html")) {
				continue;
			}
			String html = response.getContentAsString();
			read.put(page, html);
			Matcher link = LINK.matcher(html);
			while (link.find()) {
				String target = link.group(1).replace("&amp;", "&");
				int anchor = target.indexOf('#');
				target = anchor < 0 ? target : target.substring(0, anchor);
				if (followed(target) && seen.add(target)) {
					next.add(target);
				}
			}
		}
		return read;
	}

	private static final Pattern LINK = Pattern.compile("<a\\b[^>]*\\bhref=\"([^\"]+)\"");

	/** Pages, not files, nor what signs out, nor the same list page after page. */
	private static boolean followed(String target) {
		return target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/api/")
				&& !target.startsWith("/vendor/") && !target.startsWith("/css/") && !target.startsWith("/deconnexion")
				&& !target.contains("/documents/") && !target.contains("/certificat") && !target.contains("/recu")
				&& !target.contains("export") && !target.matches(".*\\.(pdf|csv|xlsx|bpmn|yaml|json|png|svg|ico|txt)$")
				&& !target.matches(".*[?&]page=([2-9]|\\d\\d+).*");
	}

	/**
	 * What is not prose: scripts, styles, comments, and code shown as code: a {@code <code>} beside its label (the
	 * ids a programme's author writes in YAML, on the administrator's programme pages), {@code <pre>}, and a
	 * {@code <textarea>}'s content (what an administrator edits, a YAML file).
	 */
	private static final Pattern HIDDEN = Pattern
		.compile("(?is)<(script|style|template|code|pre|textarea)\\b.*?</\\1>|<!--.*?-->");

	private static final Pattern READ_ATTRIBUTE = Pattern
		.compile("(?i)\\s(?:title|alt|aria-label|aria-description|placeholder)=\"([^\"]*)\"");

	private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

	/** What a person reads of a page: its text, and the attributes read aloud, without markup. */
	static String readable(String html) {
		String shown = HIDDEN.matcher(html).replaceAll(" ");
		StringBuilder text = new StringBuilder();
		Matcher attribute = READ_ATTRIBUTE.matcher(shown);
		while (attribute.find()) {
			text.append(attribute.group(1)).append('\n');
		}
		text.append(TAG.matcher(shown).replaceAll(" "));
		return text.toString()
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&");
	}

	private static String created(org.springframework.http.ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
		return response.getBody().get("id").asText();
	}

}
