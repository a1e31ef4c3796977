package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Petites villes de demain over HTTP: a campaign for Provence-Alpes-Côte d'Azur, from candidacy to framework agreement. */
@Import(MutableClock.InContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=pvd-selection")
@ActiveProfiles("test")
class PvdSelectionTests {

	private static final String SAULT = "84123";

	private static final String SAULT_EPCI = "200035723";

	@Autowired
	TestRestTemplate http;

	@Autowired
	MutableClock clock;

	@Autowired
	ManagementService management;

	@Test
	void selectsSaultAndTakesItToTheFrameworkAgreement() {
		Api admin = as("admin");
		Api sault = as("mairie-sault");
		Api prefet = as("prefet-84");
		Api prefetRegion = as("prefet-region-93");

		// Only an administrator opens a campaign.
		Map<String, Object> campaignRequest = Map.of("programme", "pvd", "region", "93", "title",
				"Petites villes de demain — Provence-Alpes-Côte d'Azur", "closesAt",
				clock.instant().plus(30, ChronoUnit.DAYS).toString());
		assertThat(sault.post("/api/campaigns", campaignRequest).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> opened = admin.post("/api/campaigns", campaignRequest);
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String campaign = opened.getBody().get("id").asText();

		// Applications: Sault with its intercommunalité; nobody for another commune or region.
		assertThat(sault.post("/api/candidacies", application("84080", List.of("248400293"), campaign)).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(as("mairie-albi").post("/api/candidacies", application("81004", List.of("248100737"), campaign))
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> alone = sault.post("/api/candidacies", application(SAULT, List.of(), campaign));
		assertThat(alone.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(alone.getBody().get("errors").findValuesAsText("field")).containsExactly("partners");
		String id = created(sault.post("/api/candidacies", application(SAULT, List.of(SAULT_EPCI), campaign)));
		assertThat(sault.get("/api/candidacies/" + id).getBody().get("stage").asText()).isEqualTo("CANDIDACY");

		ResponseEntity<JsonNode> noLetter = sault.complete(sault.task(id, "SubmitCandidacy"), Map.of("outcome", "SUBMIT"));
		assertThat(noLetter.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(noLetter.getBody().get("missing").toString()).contains("document:epci-support-letter");
		JsonNode eligible = submitted(sault, id);
		assertThat(eligible.get("stage").asText()).isEqualTo("DEPARTMENT_REVIEW");
		assertThat(eligible.get("history").findValuesAsText("event")).contains("ELIGIBLE");

		// L'Isle-sur-la-Sorgue has more than 20,000 inhabitants.
		Api isle = as("mairie-l-isle-sur-la-sorgue");
		String isleId = created(isle.post("/api/candidacies", application("84054", List.of("248400319"), campaign)));
		JsonNode ineligible = submitted(isle, isleId);
		assertThat(ineligible.get("status").asText()).isEqualTo("INELIGIBLE");
		assertThat(ineligible.get("history").findValuesAsText("comment")).anyMatch(
				comment -> comment.contains("Commune de moins de 20 000 habitants")
						&& comment.contains(fr.jalon.system.French.number(20_244)));

		// Monteux is not selected, whatever the département's opinion.
		Api monteux = as("mairie-monteux");
		String monteuxId = created(monteux.post("/api/candidacies", application("84080", List.of("248400293"), campaign)));
		submitted(monteux, monteuxId);
		prefet.complete(prefet.task(monteuxId, "DepartmentReview"), Map.of("outcome", "REJECT", "comment", "Projet peu mûr."));
		assertThat(prefetRegion.complete(prefetRegion.task(monteuxId, "RegionalSelection"),
				Map.of("outcome", "REJECT", "comment", "Non retenue cette année.")).getBody().get("status").asText())
			.isEqualTo("NOT_SELECTED");

		// Sault is selected; the announcement waits until every candidacy is decided.
		prefet.complete(prefet.task(id, "DepartmentReview"), Map.of("outcome", "APPROVE", "comment", "Avis favorable."));
		assertThat(prefetRegion.post("/api/campaigns/" + campaign + "/announce", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(prefetRegion.complete(prefetRegion.task(id, "RegionalSelection"), Map.of("outcome", "APPROVE"))
			.getBody().get("stage").asText()).isEqualTo("ANNOUNCEMENT");
		assertThat(sault.post("/api/campaigns/" + campaign + "/announce", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(prefet.post("/api/campaigns/" + campaign + "/announce", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(prefetRegion.post("/api/campaigns/" + campaign + "/announce", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(admin.post("/api/campaigns/" + campaign + "/announce", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(sault.get("/api/candidacies/" + id).getBody().get("stage").asText()).isEqualTo("MEMBERSHIP_AGREEMENT");

		// Membership agreement, countersigned by the préfet.
		sault.upload(id, "membership-agreement", "convention-adhesion.pdf", Api.pdf("convention d'adhésion"));
		sault.complete(sault.task(id, "SubmitMembershipAgreement"), Map.of("outcome", "SUBMIT"));
		assertThat(prefet.complete(prefet.task(id, "CountersignMembershipAgreement"), Map.of("outcome", "APPROVE"))
			.getBody().get("stage").asText()).isEqualTo("PROJECT_MANAGER");

		// The project manager's co-financing: 75 %, capped at 45,000 €, or 55,000 € with the ANAH.
		ResponseEntity<JsonNode> noCost = sault.complete(sault.task(id, "RequestProjectManagerFunding"),
				Map.of("outcome", "SUBMIT"));
		assertThat(noCost.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(noCost.getBody().get("missing").toString()).contains("field:projectManagerAnnualCost",
				"field:anahParticipates");
		assertThat(subsidy(sault, prefet, id, 50_000, false, true)).isEqualTo(37_500.0);
		assertThat(subsidy(sault, prefet, id, 50_000, true, true)).isEqualTo(37_500.0);
		assertThat(subsidy(sault, prefet, id, 80_000, false, true)).isEqualTo(45_000.0);
		assertThat(subsidy(sault, prefet, id, 80_000, true, false)).isEqualTo(55_000.0);

		// The framework agreement, due 18 months after the membership agreement.
		JsonNode framework = sault.tasks(id).get(0);
		assertThat(framework.get("key").asText()).isEqualTo("SubmitFrameworkAgreement");
		Instant due = Instant.parse(framework.get("due").asText());
		assertThat(due).isBetween(Instant.now().plus(540, ChronoUnit.DAYS), Instant.now().plus(560, ChronoUnit.DAYS));
		sault.upload(id, "framework-agreement", "convention-cadre.pdf", Api.pdf("convention-cadre valant ORT"));
		sault.complete(framework.get("id").asText(), Map.of("outcome", "SUBMIT"));
		JsonNode engaged = prefet.complete(prefet.task(id, "ApproveFrameworkAgreement"), Map.of("outcome", "APPROVE"))
			.getBody();
		assertThat(engaged.get("status").asText()).isEqualTo("ENGAGED");
		assertThat(engaged.get("projectManager").get("subsidy").asDouble()).isEqualTo(55_000.0);

		// The engagement certificate, issued by its own job once ENGAGED is recorded, and checked by anyone.
		assertThat(Jobs.runAll(management)).isEqualTo(1);
		ResponseEntity<byte[]> certificate = sault.bytes("/api/candidacies/" + id + "/certificate");
		assertThat(certificate.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(certificate.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
		JsonNode verified = as(null).get("/api/certificates/" + codeOf(certificate.getBody())).getBody();
		assertThat(verified.get("valid").asBoolean()).isTrue();
		assertThat(verified.get("programme").asText()).isEqualTo("pvd");

		// After the closing date, no more applications.
		clock.advance(Duration.ofDays(31));
		assertThat(as("mairie-mirabeau").post("/api/candidacies", application("84076", List.of("248400293"), campaign))
			.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void letsEveryCommuneOfTheSeedArticleApplyInTheDemoCampaign() throws java.io.IOException {
		JsonNode demo = as("mairie-sault").all("/api/campaigns?programme=pvd");
		String campaign = null;
		for (JsonNode c : demo) {
			if (c.get("region").asText().equals("93") && c.get("open").asBoolean()) {
				campaign = c.get("id").asText();
			}
		}
		assertThat(campaign).as("an open demo campaign in region 93").isNotNull();
		// The communes of the seed article: the demo's of region 93 (the database holds every commune of France).
		Map<String, String> communes = new LinkedHashMap<>();
		Map<String, String> names = new LinkedHashMap<>();
		JsonNode seeds;
		try (java.io.InputStream in = getClass().getResourceAsStream("/seeds/collectivites.yaml")) {
			seeds = new com.fasterxml.jackson.databind.ObjectMapper(
					new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in);
		}
		for (JsonNode commune : seeds.get("collectivites")) {
			if (commune.get("kind").asText().equals("COMMUNE") && commune.get("region").asText().equals("93")) {
				communes.put(commune.get("code").asText(), commune.get("epci").asText());
				names.put(commune.get("code").asText(), commune.get("name").asText());
			}
		}
		assertThat(communes).hasSize(19);
		int applied = 0;
		for (Map.Entry<String, String> commune : communes.entrySet()) {
			String username = usernameOf(names.get(commune.getKey()));
			ResponseEntity<JsonNode> response = as(username).post("/api/candidacies",
					application(commune.getKey(), List.of(commune.getValue()), campaign));
			assertThat(response.getStatusCode()).as(username).isEqualTo(HttpStatus.CREATED);
			applied++;
		}
		assertThat(applied).isEqualTo(19);
	}

	private static String usernameOf(String name) {
		return "mairie-" + java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase()
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("^-|-$", "");
	}

	/** Asks for co-financing, reads the subsidy, then has the préfet ask for changes or approve. */
	private double subsidy(Api commune, Api prefet, String id, double cost, boolean anah, boolean requestChanges) {
		JsonNode candidacy = commune.complete(commune.task(id, "RequestProjectManagerFunding"), Map.of("outcome", "SUBMIT",
				"data", Map.of("projectManagerAnnualCost", cost, "anahParticipates", anah)))
			.getBody();
		double subsidy = candidacy.get("projectManager").get("subsidy").asDouble();
		prefet.complete(prefet.task(id, "ApproveProjectManagerFunding"),
				requestChanges ? Map.of("outcome", "REQUEST_CHANGES", "comment", "Autre hypothèse de coût.")
						: Map.of("outcome", "APPROVE"));
		return subsidy;
	}

	private JsonNode submitted(Api commune, String id) {
		commune.upload(id, "epci-support-letter", "lettre-soutien.pdf", Api.pdf("lettre du président"));
		ResponseEntity<JsonNode> response = commune.complete(commune.task(id, "SubmitCandidacy"),
				Map.of("outcome", "SUBMIT"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private static String codeOf(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			Matcher code = Pattern.compile("JAL(-[0-9A-Z]{4}){3}")
				.matcher(new PDFTextStripper().getText(document).replace('\u00a0', ' '));
			assertThat(code.find()).as("a certificate code in the PDF").isTrue();
			return code.group();
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("not a PDF", ex);
		}
	}

	private static Map<String, Object> application(String commune, List<String> partners, String campaign) {
		return Map.of("programme", "pvd", "collectivite", commune, "title", "Revitaliser le centre-bourg", "partners",
				partners, "campaign", campaign);
	}

	private static String created(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
		return response.getBody().get("id").asText();
	}

	private Api as(String username) {
		return new Api(http, username);
	}

}
