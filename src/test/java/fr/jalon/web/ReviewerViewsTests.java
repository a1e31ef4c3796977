package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.Api;
import fr.jalon.campaign.CampaignService;
import fr.jalon.campaign.NewCampaign;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.Completion.IndicatorInput;
import fr.jalon.candidacy.Completion.LevelInput;
import fr.jalon.candidacy.DocumentService;
import fr.jalon.candidacy.NewCandidacy;
import fr.jalon.referential.Referential;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskCompletion;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;
import fr.jalon.system.French;

import org.junit.jupiter.api.Test;
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
 * Reviewer views show what is being decided: each step's page puts first what its {@code shows} property names
 * (amounts, eligibility, territory, documents), the expert's grid sits beside the collectivité's answers, the
 * second expert sees none of the first one's marks before submitting (page and API), and an empty synthesis is
 * refused.
 */
@SpringBootTest(properties = "jalon.test.database=reviewer-views")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReviewerViewsTests {

	private static final String SAULT = "84123";

	private static final String SAULT_EPCI = "200035723";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	CandidacyService candidacies;

	@Autowired
	DocumentService documents;

	@Autowired
	ReviewService reviews;

	@Autowired
	CampaignService campaigns;

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void showsThePvdOpinionItsEligibilityAndTheFundingItsAmounts() throws Exception {
		String campaign = campaigns.open(as("admin"), new NewCampaign("pvd", "93",
				"Campagne des vues d'instruction " + System.nanoTime(), OffsetDateTime.now().plusDays(30))).id();
		JalonUser sault = as("mairie-sault");
		String id = candidacies.submit(sault, new NewCandidacy("pvd", SAULT, "Revitaliser le centre-bourg", null,
				List.of(SAULT_EPCI), campaign)).id();
		documents.upload(sault, id, "epci-support-letter", "lettre-soutien.pdf", Api.pdf("lettre du président"));
		decide("mairie-sault", id, "SubmitCandidacy", new TaskCompletion("SUBMIT", null, null, null, null));

		// The département's opinion: population, eligibility and its reasons, the intercommunalité, first.
		String opinion = page("prefet-84", "/instruction/taches/" + task("prefet-84", id, "DepartmentReview"));
		String first = opinion.substring(0, opinion.indexOf("reste-du-dossier"));
		assertThat(first).contains("Ce sur quoi porte votre décision", "id=\"fondement-population\"", "Sault",
				"habitants", "id=\"fondement-eligibilite\"", "Éligible", "Commune de moins de 20 000 habitants",
				French.typeset("Commune hors du programme « Action cœur de ville »"), "valeur lue", "id=\"fondement-intercommunalite\"",
				"CC Ventoux Sud", "lettre-soutien.pdf");
		assertThat(first.replaceAll("[\\s\u00a0\u202f]", "")).contains("1343habitants", "(valeurlue:1343au1erjanvier2026)");
		assertThat(first).doesNotContain("Non éligible");

		// Refusing ends the candidacy: the form asks for a confirmation in a modal (inside the form it sends), which
		// the outcomes that do not end it have none of.
		String decision = opinion.substring(opinion.indexOf("data-tache"));
		decision = decision.substring(0, decision.indexOf("</form>"));
		assertThat(decision).contains("id=\"outcome-REJECT\"", "<dialog", "id=\"confirmer-outcome-REJECT\"",
				French.typeset("Refuser la candidature ?"))
			.doesNotContain("confirmer-outcome-APPROVE", "confirmer-outcome-REQUEST_CHANGES");

		decide("prefet-84", id, "DepartmentReview", new TaskCompletion("APPROVE", "Avis favorable.", null, null, null));
		decide("prefet-region-93", id, "RegionalSelection", new TaskCompletion("APPROVE", null, null, null, null));
		campaigns.announce(as("prefet-region-93"), campaign);
		documents.upload(sault, id, "membership-agreement", "convention.pdf", Api.pdf("convention d'adhésion"));
		decide("mairie-sault", id, "SubmitMembershipAgreement", new TaskCompletion("SUBMIT", null, null, null, null));
		decide("prefet-84", id, "CountersignMembershipAgreement", new TaskCompletion("APPROVE", null, null, null, null));
		decide("mairie-sault", id, "RequestProjectManagerFunding", new TaskCompletion("SUBMIT", null, null, null,
				Map.of("projectManagerAnnualCost", 80_000, "anahParticipates", true)));

		// The préfet approving the funding: the annual cost asked, the ANAH's answer, the subsidy computed.
		String funding = page("prefet-84", "/instruction/taches/" + task("prefet-84", id, "ApproveProjectManagerFunding"));
		assertThat(funding).doesNotContain("confirmer-outcome-");
		String amounts = funding.substring(funding.indexOf("id=\"fondement-montants\""), funding.indexOf("reste-du-dossier"));
		assertThat(amounts).contains("Coût annuel du poste de chef de projet (euros)", "ANAH participe au financement",
				"Oui", "Cofinancement du poste de chef de projet — aide calculée");
		assertThat(amounts.replaceAll("[\\s\u00a0\u202f]", "")).contains("80000€paran", "55000€paran");
		assertThat(funding.indexOf("id=\"fondement-montants\"")).isLessThan(funding.indexOf("id=\"reste-du-dossier\""));

		// The API says what the step shows.
		JsonNode view = api("prefet-84", "/api/tasks/" + task("prefet-84", id, "ApproveProjectManagerFunding"));
		assertThat(view.get("shows").toString()).contains("amounts", "intercommunalite");
	}

	@Test
	void keepsTheFirstExpertsMarksFromTheSecondUntilSubmittingAndPutsEachAnswerBesideItsInput() throws Exception {
		String id = atExpertise();
		Referential referential = candidacies.referentialOf(id);
		Map<String, LevelInput> coordinating = new LinkedHashMap<>();
		referential.criteria()
			.forEach(criterion -> coordinating.put(criterion.id(), new LevelInput("EXEMPLARY", "Marque-coordinateur")));
		decide("expert-1", id, "AssessAsCoordinatingExpert",
				new TaskCompletion("SUBMIT", "Avis-secret-du-coordinateur", coordinating, null, null));

		// A private annotation of the first, where it could have written its marks; the second writes one too.
		annotate("expert-1", id, "Note-du-coordinateur");
		annotate("expert-2", id, "Note-du-second");

		// The second expert: no mark, comment nor annotation of the first, on the page or through the API.
		String second = task("expert-2", id, "AssessAsSecondExpert");
		String page = page("expert-2", "/instruction/taches/" + second);
		assertThat(page).doesNotContain("Marque-coordinateur", "Avis-secret-du-coordinateur");
		assertThat(page("expert-2", "/candidatures/" + id)).doesNotContain("Marque-coordinateur",
				"Avis-secret-du-coordinateur", "Note-du-coordinateur")
			.contains("Note-du-second");
		assertThat(api("expert-2", "/api/candidacies/" + id + "/annotations").toString())
			.doesNotContain("Note-du-coordinateur")
			.contains("Note-du-second");
		assertThat(api("ddt-81", "/api/candidacies/" + id + "/annotations").toString()).contains("Note-du-coordinateur",
				"Note-du-second");
		JsonNode evaluation = api("expert-2", "/api/candidacies/" + id + "/evaluation");
		assertThat(evaluation.toString()).doesNotContain("COORDINATING_EXPERT", "Marque-coordinateur");
		assertThat(api("expert-2", "/api/candidacies/" + id).toString()).doesNotContain("Avis-secret-du-coordinateur");
		// The first expert, and the commissions, still see them.
		assertThat(api("expert-1", "/api/candidacies/" + id + "/evaluation").toString()).contains("Marque-coordinateur");
		assertThat(api("admin", "/api/candidacies/" + id).toString()).contains("Avis-secret-du-coordinateur");

		// The grid: each criterion's answer and its inputs in the same row.
		List<String> rows = List.of(page.split("data-critere=\""));
		referential.criteria().forEach(criterion -> assertThat(rows)
			.as(criterion.id())
			.anyMatch(row -> row.startsWith(criterion.id() + "\" data-ligne=\"expertise\"") && row.contains("id=\"reponse." + criterion.id() + "\"")
					&& row.contains("Réponse-" + criterion.id()) && row.contains("name=\"level." + criterion.id() + "\"")
					&& row.contains("name=\"comment." + criterion.id() + "\"")));

		// Once submitted, the first expert's marks are there.
		MockHttpServletRequestBuilder answer = post("/instruction/taches/" + second).param("outcome", "SUBMIT")
			.with(csrf());
		referential.criteria().forEach(criterion -> answer.param("level." + criterion.id(), "PARTIAL"));
		assertThat(mvc.perform(answer.with(user(as("expert-2")))).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/instruction");
		assertThat(api("expert-2", "/api/candidacies/" + id + "/evaluation").toString()).contains("COORDINATING_EXPERT",
				"Marque-coordinateur");
		assertThat(page("expert-2", "/candidatures/" + id)).contains("Marque-coordinateur", "Avis-secret-du-coordinateur",
				"Note-du-coordinateur");
		assertThat(api("expert-2", "/api/candidacies/" + id + "/annotations").toString()).contains("Note-du-coordinateur");
	}

	private void annotate(String username, String candidacy, String text) throws Exception {
		assertThat(mvc.perform(post("/api/candidacies/" + candidacy + "/annotations").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("text", text)))
			.with(user(as(username)))).andReturn().getResponse().getStatus()).isEqualTo(201);
	}

	@Test
	void refusesAnEmptySynthesisNamingTheField() throws Exception {
		String id = atExpertise();
		Referential referential = candidacies.referentialOf(id);
		Map<String, LevelInput> levels = new LinkedHashMap<>();
		referential.criteria().forEach(criterion -> levels.put(criterion.id(), new LevelInput("PARTIAL", null)));
		decide("expert-1", id, "AssessAsCoordinatingExpert", new TaskCompletion("SUBMIT", null, levels, null, null));
		decide("expert-2", id, "AssessAsSecondExpert", new TaskCompletion("SUBMIT", null, levels, null, null));
		String synthesis = task("expert-1", id, "WriteSynthesis");

		MockHttpServletResponse blank = mvc
			.perform(post("/api/tasks/" + synthesis + "/complete").contentType(MediaType.APPLICATION_JSON)
				.content("{\"outcome\":\"SUBMIT\",\"comment\":\"  \\u00a0 \\n\"}")
				.with(user(as("expert-1"))))
			.andReturn()
			.getResponse();
		assertThat(blank.getStatus()).isEqualTo(400);
		assertThat(blank.getContentType()).startsWith("application/problem+json");
		assertThat(json.readTree(blank.getContentAsString()).get("errors").findValuesAsText("field"))
			.containsExactly("comment");

		MockHttpServletResponse onPage = mvc
			.perform(post("/instruction/taches/" + synthesis).param("outcome", "SUBMIT")
				.param("comment", "   ")
				.with(csrf())
				.with(user(as("expert-1"))))
			.andReturn()
			.getResponse();
		assertThat(onPage.getStatus()).isEqualTo(400);
		String html = onPage.getContentAsString();
		String field = html.substring(html.indexOf("for=\"comment\""), html.indexOf("</textarea>"));
		assertThat(field).contains("aria-describedby=\"erreur-comment\"");
		String error = html.substring(html.indexOf("</textarea>"));
		assertThat(error.substring(0, error.indexOf("</p>"))).contains("id=\"erreur-comment\"",
				"la synthèse de cette étape est obligatoire");

		assertThat(mvc.perform(post("/instruction/taches/" + synthesis).param("outcome", "SUBMIT")
			.param("comment", "Projet solide.")
			.with(csrf())
			.with(user(as("expert-1")))).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/instruction");
	}

	/** An EcoQuartier candidacy of Albi at its two expertises, its collectivité's answers given. */
	private String atExpertise() {
		JalonUser albi = as("mairie-albi");
		String id = candidacies.submit(albi,
				new NewCandidacy("ecoquartier", "81004", "Quartier des vues " + System.nanoTime(), null, null, null))
			.id();
		documents.upload(albi, id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		decide("mairie-albi", id, "SubmitCharter", new TaskCompletion("SUBMIT", null, null, null, null));
		decide("ddt-81", id, "VerifyCharter", new TaskCompletion("APPROVE", null, null, null, null));
		Referential referential = candidacies.referentialOf(id);
		Map<String, LevelInput> self = new LinkedHashMap<>();
		referential.criteria()
			.forEach(criterion -> self.put(criterion.id(), new LevelInput("SATISFACTORY", "Réponse-" + criterion.id())));
		Map<String, IndicatorInput> targets = new LinkedHashMap<>();
		referential.indicators().forEach(indicator -> targets.put(indicator.id(), new IndicatorInput(10.0, null)));
		decide("mairie-albi", id, "SubmitContract", new TaskCompletion("SUBMIT", null, self, targets, null));
		return id;
	}

	private void decide(String username, String candidacy, String key, TaskCompletion completion) {
		reviews.decide(as(username), task(username, candidacy, key), completion);
	}

	private String task(String username, String candidacy, String key) {
		return reviews.list(as(username), candidacy)
			.stream()
			.filter(task -> task.key().equals(key))
			.map(TaskView::id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no task " + key + " for " + username));
	}

	private String page(String username, String path) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(path).with(user(as(username)))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString();
	}

	private JsonNode api(String username, String path) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(path).with(user(as(username)))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return json.readTree(response.getContentAsString());
	}

	private JalonUser as(String username) {
		return (JalonUser) accounts.loadUserByUsername(username);
	}

}
