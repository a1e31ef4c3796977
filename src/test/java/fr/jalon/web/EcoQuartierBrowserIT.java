package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The EcoQuartier path in a real browser (Debian's chromium, driven through its chromedriver):
 * a collectivité starts a candidacy and hands in its charter, the DDT approves, the contract
 * dossier is filled from the generated form, both experts assess, the commissions decide, the
 * pilot values and the site visit follow, and the national commission grants the label. Every
 * page visited is kept as {@code target/screenshots/NN-name.png} (see {@link BrowserSession}).
 * Runs with {@code mvn -Pbrowser verify} (see the README), never in the default build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=browser")
@ActiveProfiles("test")
class EcoQuartierBrowserIT {

	static BrowserSession session;

	static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	ManagementService management;

	@Autowired
	TestRestTemplate http;

	@BeforeAll
	static void startBrowser() throws IOException {
		session = BrowserSession.start("");
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

	/**
	 * The collectivité types part of its contract; the page saves it by itself (its status says so) and the
	 * collectivité goes elsewhere without sending anything. Answers the comment typed.
	 */
	private String typePartOfTheContractThenLeave() {
		new Select(browser.findElement(By.id("level.E01"))).selectByValue("EXEMPLARY");
		String typed = "Diagnostic partagé avec les habitants du quartier.";
		browser.findElement(By.id("comment.E01")).sendKeys(typed);
		browser.findElement(By.id("indicator.E01-I1")).sendKeys("35");
		new WebDriverWait(browser, Duration.ofMinutes(1))
			.until(ExpectedConditions.textMatches(By.id("statut-brouillon"), Pattern.compile("Brouillon enregistré à \\d+ h \\d{2}")));
		session.shot("dossier-engagement-brouillon-enregistre");
		session.open("/collectivite");
		assertThat(session.h1()).isEqualTo("Mes candidatures");
		return typed;
	}

	/** Signed in again (a new session), the collectivité finds its contract as it left it. */
	private void resumeTheContractsDraft(String typed) {
		session.signIn("mairie-albi");
		session.follow("Déposer le dossier d'engagement");
		assertThat(BrowserSession.plain(browser.findElement(By.id("brouillon-repris")).getText())).contains("Brouillon du").contains("repris");
		assertThat(new Select(browser.findElement(By.id("level.E01"))).getFirstSelectedOption().getDomAttribute("value"))
			.isEqualTo("EXEMPLARY");
		assertThat(browser.findElement(By.id("comment.E01")).getDomProperty("value")).isEqualTo(typed);
		assertThat(browser.findElement(By.id("indicator.E01-I1")).getDomProperty("value")).isEqualTo("35");
		session.shot("dossier-engagement-brouillon-repris");
	}

	/** The error of a refused submission, under its field, which points at it. */
	private void assertTheErrorStandsBesideItsField(String field, String message) {
		WebElement error = browser.findElement(By.id("erreur-" + field));
		assertThat(BrowserSession.plain(error.getText())).startsWith(message);
		assertThat(browser.findElement(By.id(field)).getDomAttribute("aria-describedby")).isEqualTo("erreur-" + field);
		assertThat(browser.findElement(By.id(field)).getDomAttribute("aria-invalid")).isEqualTo("true");
	}

	@Test
	void takesAnEcoQuartierCandidacyToItsLabelAndVerifiesItsCertificate() throws IOException {
		// The collectivité starts its candidacy and hands in its signed charter.
		session.open("/");
		session.shot("accueil");
		session.signIn("mairie-albi");
		assertThat(session.h1()).isEqualTo("Mes candidatures");
		session.shot("collectivite-candidatures");
		session.follow("Déposer une nouvelle candidature");
		session.shot("nouvelle-candidature");
		browser.findElement(By.id("title")).sendKeys("Écoquartier de la Madeleine");
		browser.findElement(By.id("description")).sendKeys("Reconversion d'une friche près du centre.");
		session.follow(browser.findElement(By.cssSelector("form[action$='/collectivite/candidatures'] button[type=submit]")));
		assertThat(session.h1()).isEqualTo("Écoquartier de la Madeleine");
		String candidacy = browser.getCurrentUrl().replaceAll(".*/candidatures/", "");
		session.shot("candidature-deposee");

		session.follow("Déposer la charte signée");
		session.shot("tache-charte");
		WebElement file = browser.findElement(By.cssSelector("form[data-depot] input[type=file]"));
		WebElement send = browser.findElement(By.cssSelector("form[data-depot] button[type=submit]"));
		file.sendKeys(session.write("notes.txt", "pas une charte".getBytes()).toString());
		assertThat(BrowserSession.plain(browser.findElement(By.cssSelector("form[data-depot] [data-verification]")).getText())).contains("ni un PDF");
		assertThat(send.isEnabled()).as("sending a text file is refused before sending").isFalse();
		session.shot("tache-charte-fichier-refuse");
		file.sendKeys(session.write("charte-signee.pdf", Api.pdf("charte signée par le maire")).toString());
		assertThat(send.isEnabled()).isTrue();
		session.follow(send);
		assertThat(session.message()).contains(BrowserSession.plain("Document déposé : charte-signee.pdf"));
		session.shot("tache-charte-document-depose");
		session.submit("transmettre");
		assertThat(session.message()).contains("c'est transmis");
		session.shot("charte-transmise");
		asksAQuestion(candidacy);
		requestsChangesThenAnswered(candidacy);

		// The DDT of the Tarn takes the task and approves.
		session.signIn("ddt-81");
		session.shot("instruction-taches");
		session.follow("Vérifier la charte");
		session.shot("verifier-la-charte");
		session.submit("prendre");
		assertThat(session.message()).contains("Vous avez pris en charge");
		session.decide("APPROVE", "Charte conforme.");

		// The contract: a level for every commitment, a target for every indicator.
		session.signIn("mairie-albi");
		session.follow("Déposer le dossier d'engagement");
		session.shot("dossier-engagement");
		String typed = typePartOfTheContractThenLeave();
		resumeTheContractsDraft(typed);
		session.submit("transmettre");
		assertThat(BrowserSession.plain(browser.findElement(By.id("problemes")).getText())).contains("Engagement à évaluer");
		assertTheErrorStandsBesideItsField("level.E02", "Engagement à évaluer : E02");
		session.shot("dossier-engagement-incomplet");
		assertThat(session.levels("SATISFACTORY", "Engagement tenu.")).isGreaterThan(10);
		assertThat(session.indicators("40")).isPositive();
		session.shot("dossier-engagement-rempli");
		session.submit("transmettre");
		assertThat(session.message()).contains("c'est transmis");
		session.shot("dossier-engagement-transmis");

		// Two experts, then the coordinating expert's synthesis.
		session.signIn("expert-1");
		session.task("Expertise de l'expert coordinateur");
		assertThat(session.levels("SATISFACTORY", null)).isGreaterThan(10);
		session.decide(null, null);
		session.signIn("expert-2");
		session.task("Expertise du second expert");
		assertThat(session.levels("PARTIAL", "À conforter.")).isGreaterThan(10);
		session.decide(null, null);
		session.signIn("expert-1");
		session.task("Rédiger la synthèse des expertises");
		session.decide(null, "Projet solide ; mobilités à renforcer.");

		// The commissions, with the evaluation beside the decision.
		session.signIn("commission-occitanie");
		session.task("Avis de la commission régionale");
		WebElement evaluation = browser.findElement(By.cssSelector("[data-evaluation] tbody tr"));
		assertThat(BrowserSession.plain(evaluation.getText())).contains("E01", "Satisfaisant", "Partiellement atteint");
		session.decide("APPROVE", "Proposé au label ; recommandation : renforcer les mobilités douces.");
		session.signIn("commission-nationale");
		session.task("Décision de la commission nationale");
		session.decide("APPROVE", "Engagement validé.");

		// The pilot test: measured values, then the site visit.
		session.signIn("mairie-albi");
		session.follow("Renseigner les valeurs des indicateurs");
		session.shot("valeurs-indicateurs");
		assertThat(session.indicators("42")).isPositive();
		session.submit("transmettre");
		assertThat(session.message()).contains("c'est transmis");
		session.shot("valeurs-transmises");
		session.signIn("expert-2");
		session.task("Compte rendu de visite de site");
		session.decide("APPROVE", "Visite du 12 juin : conforme au dossier.");

		// Validation: the label.
		session.signIn("commission-nationale");
		session.task("Validation du label");
		session.decide("APPROVE", "Label attribué.");

		session.signIn("mairie-albi");
		session.open("/candidatures/" + candidacy);
		assertThat(session.h1()).isEqualTo("Écoquartier de la Madeleine");
		assertThat(BrowserSession.plain(browser.findElement(By.cssSelector("[data-faits] .fr-badge")).getText())).isEqualToIgnoringCase("Labellisée");
		assertThat(BrowserSession.plain(browser.findElement(By.id("certificat")).getText())).isEqualTo("Labellisée");
		assertThat(browser.findElements(By.cssSelector("[data-parcours] [data-etape=faite]"))).hasSize(4);
		assertThat(browser.findElements(By.cssSelector("[data-parcours] [data-etape=a-venir]")))
			.as("« Confirmé », three years on").hasSize(1);
		assertThat(browser.findElement(By.id("avis")).isDisplayed()).isTrue();
		assertThat(browser.getPageSource()).contains("renforcer les mobilités douces");
		session.shot("candidature-labellisee");

		// The certificate, issued by the engine's asynchronous step, downloaded within the session…
		assertThat(Jobs.runAll(management)).isPositive();
		session.open("/candidatures/" + candidacy);
		assertThat(BrowserSession.plain(browser.findElement(By.id("certificat-pdf")).getText())).contains("Télécharger le certificat");
		session.shot("candidature-certificat");
		String download = session.download("certificat-pdf").sha256();
		assertThat(download).matches("[0-9a-f]{64}");
		byte[] pdf = new Api(http, "mairie-albi").bytes("/api/candidacies/" + candidacy + "/certificate").getBody();
		Matcher code;
		try (PDDocument document = Loader.loadPDF(pdf)) {
			code = Pattern.compile("JAL(-[0-9A-Z]{4}){3}").matcher(new PDFTextStripper().getText(document));
		}
		assertThat(code.find()).isTrue();

		// … and verified by anyone on the public page its QR code leads to.
		browser.manage().deleteAllCookies();
		session.open("/certificats/" + code.group());
		assertThat(session.h1()).isEqualTo("Vérification d'un certificat");
		assertThat(BrowserSession.plain(browser.findElement(By.cssSelector("#verdict.fr-alert--success")).getText())).contains("n'a pas été révoqué");
		assertThat(browser.getPageSource()).contains(download, "Écoquartier de la Madeleine");
		session.shot("certificat-verifie");

		// The administrator sees it on the dashboard, beside the referentials and campaigns.
		session.signIn("admin");
		assertThat(session.h1()).isEqualTo("Tableau de bord");
		assertThat(BrowserSession.plain(browser.findElement(By.id("dernieres")).findElement(By.xpath("..")).getText()))
			.contains("Écoquartier de la Madeleine");
		session.shot("administration-tableau-de-bord");
		session.follow("Référentiels");
		session.shot("administration-referentiels");
		session.follow("Version 1");
		assertThat(session.h1()).isEqualTo("EcoQuartier — version 1");
		session.shot("administration-referentiel-ecoquartier-v1");
		session.follow("Campagnes");
		assertThat(session.h1()).isEqualTo("Campagnes");
		session.shot("administration-campagnes");
		session.follow("Programmes");
		assertThat(session.h1()).isEqualTo("Programmes");
		session.shot("administration-programmes");
		session.follow("EcoQuartier");
		assertThat(session.h1()).isEqualTo("EcoQuartier");
		// The process as the engine runs it, drawn in the browser by the bpmn-js viewer.
		session.waitFor(By.cssSelector("#diagramme .djs-container svg [data-element-id='VerifyCharter']"));
		assertThat(browser.findElements(By.cssSelector("#diagramme [data-element-id]")).size())
			.as("the diagram's elements").isGreaterThan(50);
		session.shot("administration-programme-ecoquartier");
	}


	/**
	 * The collectivité, with no task of its own open, sees who holds its dossier and asks a question in the
	 * candidacy's thread.
	 */
	private void asksAQuestion(String candidacy) {
		session.open("/candidatures/" + candidacy);
		assertThat(BrowserSession.plain(browser.findElement(By.id("qui-instruit")).getText())).contains("Vérifier la charte", "DDT (Tarn)");
		browser.findElement(By.id("message-texte")).sendKeys("Faut-il joindre la délibération du conseil municipal ?");
		session.follow(browser.findElement(By.id("envoyer-message")));
		assertThat(session.message()).contains("Message envoyé");
		assertThat(BrowserSession.plain(browser.findElement(By.id("messagerie")).getText())).contains("Faut-il joindre la délibération");
		session.shot("message-question");
	}

	/**
	 * The DDT asks for changes: its comment reaches the thread and the banner « Compléments demandés » shows on both
	 * sides until the collectivité answers in the thread; then it hands its charter in again.
	 */
	private void requestsChangesThenAnswered(String candidacy) {
		session.signIn("ddt-81");
		session.follow("Vérifier la charte");
		session.submit("prendre");
		session.decide("REQUEST_CHANGES", "Oui : joignez la délibération du conseil municipal.");
		session.open("/candidatures/" + candidacy);
		assertThat(BrowserSession.plain(browser.findElement(By.id("complements-demandes")).getText())).contains("Compléments demandés",
				"joignez la délibération");
		session.shot("complements-demandes-ddt");

		session.signIn("mairie-albi");
		session.open("/candidatures/" + candidacy);
		assertThat(BrowserSession.plain(browser.findElement(By.id("complements-demandes")).getText())).contains("Compléments demandés",
				"joignez la délibération");
		// The thread names the person and the body they wrote for (issue 16), then which side that is.
		assertThat(BrowserSession.plain(browser.findElement(By.id("messagerie")).getText())).contains(
				"De Luc Moreau (Correspondant DDT, Tarn) — service instructeur,",
				"joignez la délibération du conseil municipal");
		session.shot("complements-demandes-collectivite");
		browser.findElement(By.id("message-texte")).sendKeys("La délibération est jointe à notre charte.");
		session.follow(browser.findElement(By.id("envoyer-message")));
		assertThat(session.message()).contains("Message envoyé");
		assertThat(browser.findElements(By.id("complements-demandes"))).as("the banner goes once answered").isEmpty();
		session.shot("complements-repondus");
		session.follow("Déposer la charte signée");
		session.submit("transmettre");
		assertThat(session.message()).contains("c'est transmis");
	}

}
