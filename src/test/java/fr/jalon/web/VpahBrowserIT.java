package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.jalon.Api;
import fr.jalon.Jobs;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Villes et Pays d'art et d'histoire in a real browser, through the pages only, with its demo
 * accounts: the Pays Midi-Quercy starts its candidacy and hands in each step with its documents
 * from its task pages (saisine, fiche périmètre, diagnostic, dossier de candidature with its
 * self-assessment of the four criteria); the DRAC validates each step, assessing the four criteria
 * on the dossier; the CRPA gives its opinion; the préfet de région decides; the collectivité signs
 * the convention and the DRAC countersigns it; the candidacy is labelled, its certificate
 * downloaded within the session and verified on its public page. Every page visited is kept as
 * {@code target/screenshots/vpah-NN-name.png}; the French words the referential declares (stages,
 * documents, criteria, scale, roles) are checked where the pages show them.
 * Runs with {@code mvn -Pbrowser verify} (see the README), never in the default build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=browser-vpah")
@ActiveProfiles("test")
class VpahBrowserIT {

	static final String PROGRAMME = "Villes et Pays d'art et d'histoire";

	static final String TITLE = "Pays d'art et d'histoire du Midi-Quercy";

	/** The stages of criteria/vpah.yaml, in path order, as the pages name them. */
	static final List<String> STAGES = List.of("Saisine", "Fiche périmètre", "Diagnostic (état des lieux)",
			"Dossier de candidature", "Avis de la CRPA", "Décision du préfet de région", "Convention avec l'État");

	/** The four criteria and the French opening of their titles. */
	static final Map<String, String> CRITERIA = new LinkedHashMap<>();

	static {
		CRITERIA.put("COMMITMENT", "Un réel engagement politique");
		CRITERIA.put("PERIMETER", "Un périmètre pertinent");
		CRITERIA.put("MEANS", "Les moyens de la connaissance");
		CRITERIA.put("LOCAL_POLICIES", "La déclinaison explicite du projet");
	}

	static BrowserSession session;

	static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	ManagementService management;

	@BeforeAll
	static void startBrowser() throws IOException {
		session = BrowserSession.start("vpah-");
		browser = session.browser;
	}

	@AfterAll
	static void stopBrowser() {
		if (session != null) {
			session.close();
		}
	}

	@BeforeEach
	void reachTheApplication() {
		session.at(port);
	}

	@Test
	void takesThePaysMidiQuercyToItsLabelThroughThePagesAndVerifiesItsCertificate() throws IOException {
		// The collectivité starts its candidacy to the programme.
		session.signIn("pays-midi-quercy");
		assertThat(session.h1()).isEqualTo("Mes candidatures");
		assertThat(header()).contains("pays-midi-quercy", "Collectivité");
		session.shot("collectivite-candidatures");
		session.follow("Déposer une nouvelle candidature");
		assertThat(session.h1()).isEqualTo("Nouvelle candidature");
		WebElement programme = browser.findElement(By.id("programme-vpah"));
		assertThat(BrowserSession.plain(browser.findElement(By.cssSelector("label[for=programme-vpah]")).getText())).isEqualTo(PROGRAMME);
		// The DSFR draws the radio button on its label: a person clicks the label.
		browser.findElement(By.cssSelector("label[for=programme-vpah]")).click();
		assertThat(programme.isSelected()).isTrue();
		browser.findElement(By.id("title")).sendKeys(TITLE);
		browser.findElement(By.id("description"))
			.sendKeys("Quarante-huit communes entre Quercy et Rouergue : bastides, abbayes, patrimoine rural.");
		session.shot("nouvelle-candidature");
		session.follow(browser.findElement(By.cssSelector("form[action$='/collectivite/candidatures'] button[type=submit]")));
		assertThat(session.h1()).isEqualTo(TITLE);
		assertThat(session.message()).contains("est enregistrée");
		String candidacy = browser.getCurrentUrl().replaceAll(".*/candidatures/", "");
		assertThat(fact("Programme")).isEqualTo(PROGRAMME);
		assertThat(fact("Étape")).isEqualTo("Saisine");
		assertThat(fact("État")).isEqualToIgnoringCase("En cours");
		assertThat(path()).containsExactlyElementsOf(STAGES);
		session.shot("candidature-deposee");

		// The saisine: the letter and the council's deliberation, from the task's page.
		handIn("Saisir la DRAC avec la délibération du conseil", asked("saisine-letter", "Lettre de saisine",
				"council-deliberation", "Délibération du conseil"));
		assertThat(fact("Étape")).isEqualTo("Saisine");

		// The DRAC of Occitanie takes the task from its list and acknowledges the saisine.
		session.signIn("drac-76");
		assertThat(header()).contains("drac-76", "Direction régionale des affaires culturelles (DRAC)");
		WebElement row = browser.findElement(By.xpath("//*[@id='taches']//table//a[.=\"Accuser réception de la saisine\"]/ancestor::tr"));
		assertThat(BrowserSession.plain(row.getText())).contains(TITLE, PROGRAMME, "Saisine");
		session.task("Accuser réception de la saisine");
		assertThat(documents()).contains("Lettre de saisine", "Délibération du conseil");
		session.submit("prendre");
		assertThat(session.message()).contains("Vous avez pris en charge");
		session.decide("APPROVE", "Saisine recevable ; la délibération du conseil est jointe.");

		// Three steps, each validated by the DRAC before the next.
		handIn("Déposer la fiche périmètre", asked("perimeter-sheet", "Fiche périmètre"));
		assertThat(fact("Étape")).isEqualTo("Fiche périmètre");
		validate("Valider la fiche périmètre", "Périmètre cohérent.");
		handIn("Déposer le diagnostic (état des lieux)",
				asked("heritage-diagnostic", "Diagnostic patrimonial et culturel (état des lieux)"));
		assertThat(fact("Étape")).isEqualTo("Diagnostic (état des lieux)");
		validate("Valider le diagnostic", "Diagnostic complet.");

		// The dossier: its document, then the self-assessment of the four criteria and the targets.
		session.signIn("pays-midi-quercy");
		openTask("Déposer le dossier de candidature");
		assertThat(criteria()).containsExactlyElementsOf(CRITERIA.values());
		uploadRequired(asked("application-dossier", "Dossier de candidature"));
		session.submit("transmettre");
		String problems = BrowserSession.plain(session.waitFor(By.id("problemes")).getText());
		CRITERIA.values().forEach(title -> assertThat(problems).contains(title));
		session.shot("dossier-incomplet");
		assertThat(session.levels("SATISFACTORY", "Démontré dans le dossier.")).isEqualTo(CRITERIA.size());
		assertThat(session.indicators("60")).isEqualTo(8);
		session.shot("dossier-auto-evaluation");
		session.submit("transmettre");
		assertThat(session.message()).contains("c'est transmis");
		assertThat(fact("Étape")).isEqualTo("Dossier de candidature");
		session.shot("dossier-transmis");

		// The DRAC assesses the four criteria beside the collectivité's own assessment.
		session.signIn("drac-76");
		session.task("Instruire et valider le dossier de candidature");
		assertThat(evaluation()).contains("Auto-évaluation", "Satisfaisant");
		assertThat(criteria()).containsExactlyElementsOf(CRITERIA.values());
		assertThat(session.levels("EXEMPLARY", "Engagement établi par les délibérations.")).isEqualTo(CRITERIA.size());
		session.decide("APPROVE", "Dossier complet ; proposé à l'avis de la CRPA.");

		// The CRPA's opinion and the préfet de région's decision, the evaluation beside them.
		session.signIn("crpa-76");
		assertThat(header()).contains("Commission régionale du patrimoine et de l'architecture (CRPA)");
		session.task("Avis de la CRPA");
		assertThat(evaluation()).contains("Instruction de la DRAC", "Exemplaire", "Satisfaisant",
				"Chaque critère jugé au moins satisfaisant par la DRAC");
		assertThat(browser.findElement(By.xpath("//ul[@data-regles]/li[contains(., 'au moins satisfaisant')]"))
			.getAttribute("data-regle")).isEqualTo("satisfaite");
		session.decide("APPROVE", "Avis favorable ; recommandation : ouvrir le centre d'interprétation à Caussade.");
		session.signIn("prefet-region-76");
		assertThat(header()).contains("Préfet de région");
		session.task("Décision du préfet de région");
		assertThat(evaluation()).contains("Exemplaire");
		session.decide("APPROVE", "Label attribué au Pays Midi-Quercy.");

		// The convention, signed by the collectivité and countersigned by the DRAC.
		handIn("Signer la convention avec l'État", asked("signed-convention", "Convention signée par la collectivité"));
		assertThat(fact("Étape")).isEqualTo("Convention avec l'État");
		validate("Contresigner la convention au nom de l'État", "Convention contresignée au nom de l'État.");

		// Labelled: the candidacy's page says so, every stage passed.
		session.signIn("pays-midi-quercy");
		session.open("/candidatures/" + candidacy);
		assertThat(session.h1()).isEqualTo(TITLE);
		assertThat(fact("État")).isEqualToIgnoringCase("Labellisée");
		assertThat(BrowserSession.plain(browser.findElement(By.id("certificat")).getText())).isEqualTo("Labellisée");
		assertThat(browser.findElements(By.cssSelector("[data-parcours] [data-etape=faite]"))).hasSize(STAGES.size());
		assertThat(BrowserSession.plain(browser.findElement(By.id("avis")).findElement(By.xpath("..")).getText()))
			.contains("centre d'interprétation à Caussade", "Label attribué au Pays Midi-Quercy");
		assertThat(documents()).contains("Lettre de saisine", "Délibération du conseil", "Fiche périmètre",
				"Diagnostic patrimonial et culturel (état des lieux)", "Dossier de candidature",
				"Convention signée par la collectivité");
		session.shot("candidature-labellisee");

		// The certificate, issued by the engine's asynchronous step, downloaded within the session…
		assertThat(Jobs.runAll(management)).isPositive();
		session.open("/candidatures/" + candidacy);
		assertThat(BrowserSession.plain(browser.findElement(By.id("certificat-pdf")).getText())).contains("Télécharger le certificat");
		session.shot("candidature-certificat");
		BrowserSession.Download certificate = session.download("certificat-pdf");
		assertThat(certificate.sha256()).matches("[0-9a-f]{64}");
		assertThat(certificate.filename()).matches("certificat-JAL(-[0-9A-Z]{4}){3}\\.pdf");
		String code = certificate.filename().replaceAll("^certificat-|\\.pdf$", "");
		String text;
		try (PDDocument document = Loader.loadPDF(certificate.content())) {
			text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
		}
		// The certificate sets its every line in French typography (typographic apostrophes), the programme's too.
		assertThat(text).contains(code, "Certificat de label", "Programme Villes et Pays d’art et d’histoire",
				"Préfet de la région Occitanie");
		assertThat(BrowserSession.plain(text)).contains(TITLE);

		// … and verified by anyone on the public page its QR code leads to.
		browser.manage().deleteAllCookies();
		session.open("/certificats/" + code);
		assertThat(session.h1()).isEqualTo("Vérification d'un certificat");
		assertThat(BrowserSession.plain(browser.findElement(By.cssSelector("#verdict.fr-alert--success")).getText())).contains("n'a pas été révoqué");
		assertThat(BrowserSession.plain(browser.findElement(By.id("faits")).getText())).contains(code, "Certificat de label", PROGRAMME,
				TITLE, "Label Ville ou Pays d'art et d'histoire attribué", "Préfet de la région Occitanie");
		assertThat(browser.getPageSource()).contains(certificate.sha256());
		session.shot("certificat-verifie");
	}

	// --- the steps, as the people take them

	/**
	 * The collectivité signs in, opens its task, sends each document the step asks for (type id →
	 * the French name the page must show) and hands the step in; it lands on the candidacy's page.
	 */
	private void handIn(String task, Map<String, String> documents) throws IOException {
		session.signIn("pays-midi-quercy");
		openTask(task);
		uploadRequired(documents);
		session.submit("transmettre");
		assertThat(session.message()).contains(BrowserSession.plain("« " + task + " » : c'est transmis."));
		assertThat(session.h1()).isEqualTo(TITLE);
		session.shot("transmis-" + BrowserSession.slug(task));
	}

	/** Document types and their French names, in the order given. */
	private static Map<String, String> asked(String... typesAndNames) {
		Map<String, String> documents = new LinkedHashMap<>();
		for (int i = 0; i < typesAndNames.length; i += 2) {
			documents.put(typesAndNames[i], typesAndNames[i + 1]);
		}
		return documents;
	}

	/** Opens the collectivité's task from its list of what is to be done. */
	private void openTask(String task) {
		assertThat(session.h1()).isEqualTo("Mes candidatures");
		WebElement todo = browser.findElement(By.id("a-faire")).findElement(By.xpath(".."));
		assertThat(BrowserSession.plain(todo.getText())).contains(task + " — " + TITLE);
		session.shot("a-faire");
		session.follow(BrowserSession.link(todo, task));
		assertThat(session.h1()).isEqualTo(task);
		assertThat(browser.getCurrentUrl()).contains("/collectivite/taches/");
		session.shot("tache-" + BrowserSession.slug(task));
	}

	/** Every document the task's page asks for, by its French name, then sent from the page's form. */
	private void uploadRequired(Map<String, String> documents) throws IOException {
		WebElement required = browser.findElement(By.id("documents-requis")).findElement(By.xpath(".."));
		for (String label : documents.values()) {
			assertThat(BrowserSession.plain(required.getText())).contains(label + " : à déposer");
		}
		for (Map.Entry<String, String> document : documents.entrySet()) {
			session.upload(document.getKey(), document.getKey() + ".pdf", Api.pdf(document.getValue()));
			// The status is a DSFR badge, which the browser lays out on its own line.
			assertThat(BrowserSession.plain(browser.findElement(By.id("documents-requis")).findElement(By.xpath("..")).getText())
				.replaceAll("\\s+", " ")).containsIgnoringCase(document.getValue() + " : déposé");
		}
		session.shot("documents-deposes");
	}

	/** The DRAC signs in, opens its task and approves. */
	private void validate(String task, String comment) {
		session.signIn("drac-76");
		session.task(task);
		session.decide("APPROVE", comment);
	}

	// --- what the pages show

	private String fact(String name) {
		return BrowserSession.plain(browser.findElement(By.xpath("//dl[@data-faits]/div[dt=\"" + name + "\"]/dd")).getText());
	}

	private List<String> path() {
		return browser.findElements(By.cssSelector("[data-parcours] [data-etape-nom]")).stream()
			.map(name -> BrowserSession.plain(name.getAttribute("textContent")).strip())
			.toList();
	}

	private String documents() {
		return browser.findElements(By.cssSelector(".fr-table table")).stream()
			.filter(table -> table.getText().contains("Fichier"))
			.map(WebElement::getText)
			.findFirst()
			.orElse("");
	}

	private String evaluation() {
		return BrowserSession.plain(browser.findElement(By.cssSelector("[data-evaluation]")).getText());
	}

	/** The criteria of the generated form, each by the opening of its French title as the referential declares it. */
	private List<String> criteria() {
		return browser.findElements(By.cssSelector("[data-critere] [data-titre-critere]")).stream().map(title -> {
			String text = BrowserSession.plain(title.getText());
			return CRITERIA.values().stream().filter(text::contains).findFirst().orElse(text);
		}).toList();
	}

	private String header() {
		return BrowserSession.plain(browser.findElement(By.cssSelector("header .fr-header__tools-links")).getAttribute("textContent"));
	}

}
