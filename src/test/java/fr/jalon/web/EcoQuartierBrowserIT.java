package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.jalon.Api;
import fr.jalon.Jobs;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The EcoQuartier path in a real browser (Debian's chromium, driven through its chromedriver):
 * a collectivité starts a candidacy and hands in its charter, the DDT approves, the contract
 * dossier is filled from the generated form, both experts assess, the commissions decide, the
 * pilot values and the site visit follow, and the national commission grants the label. Every
 * page visited is kept as {@code target/screenshots/NN-name.png}.
 * Runs with {@code mvn -Pbrowser verify} (see the README), never in the default build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class EcoQuartierBrowserIT {

	static final Path CHROMIUM = Path.of(System.getProperty("jalon.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static ChromeDriver browser;

	static Path files;

	static int shots;

	String signedIn;

	@LocalServerPort
	int port;

	@Autowired
	ManagementService management;

	@Autowired
	TestRestTemplate http;

	@BeforeAll
	static void startBrowser() throws IOException {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("Chromium and its driver (apt-get install chromium chromium-driver) at " + CHROMIUM + " and "
					+ CHROMEDRIVER)
			.isTrue();
		files = Files.createTempDirectory("jalon-browser");
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + Files.createDirectories(files.resolve("profile")), "--window-size=1280,900",
				"--lang=fr-FR");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		Files.createDirectories(SCREENSHOTS);
		try (var old = Files.list(SCREENSHOTS)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void takesAnEcoQuartierCandidacyToItsLabelAndVerifiesItsCertificate() throws IOException {
		// The collectivité starts its candidacy and hands in its signed charter.
		open("/");
		shot("accueil");
		signIn("mairie-albi");
		assertThat(h1()).isEqualTo("Mes candidatures");
		shot("collectivite-candidatures");
		browser.findElement(By.linkText("Déposer une nouvelle candidature")).click();
		shot("nouvelle-candidature");
		browser.findElement(By.id("title")).sendKeys("Écoquartier de la Madeleine");
		browser.findElement(By.id("description")).sendKeys("Reconversion d'une friche près du centre.");
		browser.findElement(By.cssSelector("form.formulaire button[type=submit]")).click();
		assertThat(h1()).isEqualTo("Écoquartier de la Madeleine");
		String candidacy = browser.getCurrentUrl().replaceAll(".*/candidatures/", "");
		shot("candidature-deposee");

		browser.findElement(By.linkText("Déposer la charte signée")).click();
		shot("tache-charte");
		WebElement file = browser.findElement(By.cssSelector("form.depot input[type=file]"));
		WebElement send = browser.findElement(By.cssSelector("form.depot button[type=submit]"));
		file.sendKeys(write("notes.txt", "pas une charte".getBytes()).toString());
		assertThat(browser.findElement(By.cssSelector("form.depot .verification")).getText()).contains("ni un PDF");
		assertThat(send.isEnabled()).as("sending a text file is refused before sending").isFalse();
		shot("tache-charte-fichier-refuse");
		file.sendKeys(write("charte-signee.pdf", Api.pdf("charte signée par le maire")).toString());
		assertThat(send.isEnabled()).isTrue();
		send.click();
		assertThat(message()).contains("Document déposé : charte-signee.pdf");
		shot("tache-charte-document-depose");
		submit("transmettre");
		assertThat(message()).contains("c'est transmis");
		shot("charte-transmise");

		// The DDT of the Tarn takes the task and approves.
		signIn("ddt-81");
		shot("instruction-taches");
		browser.findElement(By.linkText("Vérifier la charte")).click();
		shot("verifier-la-charte");
		submit("prendre");
		assertThat(message()).contains("Vous avez pris en charge");
		decide("APPROVE", "Charte conforme.");

		// The contract: a level for every commitment, a target for every indicator.
		signIn("mairie-albi");
		browser.findElement(By.linkText("Déposer le dossier d'engagement")).click();
		shot("dossier-engagement");
		submit("transmettre");
		assertThat(browser.findElement(By.id("problemes")).getText()).contains("Engagement à évaluer");
		shot("dossier-engagement-incomplet");
		levels("SATISFACTORY", "Engagement tenu.");
		indicators("40");
		shot("dossier-engagement-rempli");
		submit("transmettre");
		assertThat(message()).contains("c'est transmis");
		shot("dossier-engagement-transmis");

		// Two experts, then the coordinating expert's synthesis.
		signIn("expert-1");
		task("Expertise de l'expert coordinateur");
		levels("SATISFACTORY", null);
		decide(null, null);
		signIn("expert-2");
		task("Expertise du second expert");
		levels("PARTIAL", "À conforter.");
		decide(null, null);
		signIn("expert-1");
		task("Rédiger la synthèse des expertises");
		decide(null, "Projet solide ; mobilités à renforcer.");

		// The commissions, with the evaluation beside the decision.
		signIn("commission-occitanie");
		task("Avis de la commission régionale");
		WebElement evaluation = browser.findElement(By.cssSelector(".evaluation tbody tr"));
		assertThat(evaluation.getText()).contains("E01", "Satisfaisant", "Partiellement atteint");
		decide("APPROVE", "Proposé au label ; recommandation : renforcer les mobilités douces.");
		signIn("commission-nationale");
		task("Décision de la commission nationale");
		decide("APPROVE", "Engagement validé.");

		// The pilot test: measured values, then the site visit.
		signIn("mairie-albi");
		browser.findElement(By.linkText("Renseigner les valeurs des indicateurs")).click();
		shot("valeurs-indicateurs");
		indicators("42");
		submit("transmettre");
		assertThat(message()).contains("c'est transmis");
		shot("valeurs-transmises");
		signIn("expert-2");
		task("Compte rendu de visite de site");
		decide("APPROVE", "Visite du 12 juin : conforme au dossier.");

		// Validation: the label.
		signIn("commission-nationale");
		task("Validation du label");
		decide("APPROVE", "Label attribué.");

		signIn("mairie-albi");
		open("/candidatures/" + candidacy);
		assertThat(h1()).isEqualTo("Écoquartier de la Madeleine");
		assertThat(browser.findElement(By.cssSelector(".faits .etiquette")).getText()).isEqualToIgnoringCase("Labellisée");
		assertThat(browser.findElement(By.id("certificat")).getText()).isEqualTo("Label attribué");
		assertThat(browser.findElements(By.cssSelector(".parcours .etape.faite"))).hasSize(4);
		assertThat(browser.findElement(By.id("avis")).isDisplayed()).isTrue();
		assertThat(browser.getPageSource()).contains("renforcer les mobilités douces");
		shot("candidature-labellisee");

		// The certificate, issued by the engine's asynchronous step, downloaded within the session…
		assertThat(Jobs.runAll(management)).isPositive();
		open("/candidatures/" + candidacy);
		assertThat(browser.findElement(By.id("certificat-pdf")).getText()).contains("Télécharger le certificat");
		shot("candidature-certificat");
		String download = (String) browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(document.getElementById('certificat-pdf').href)
				  .then(r => r.headers.get('Content-Type').startsWith('application/pdf') ? r.arrayBuffer() : Promise.reject(r.status))
				  .then(b => crypto.subtle.digest('SHA-256', b))
				  .then(h => done(Array.from(new Uint8Array(h)).map(x => x.toString(16).padStart(2, '0')).join('')))
				  .catch(e => done('failed: ' + e));""");
		assertThat(download).matches("[0-9a-f]{64}");
		byte[] pdf = new Api(http, "mairie-albi").bytes("/api/candidacies/" + candidacy + "/certificate").getBody();
		Matcher code;
		try (PDDocument document = Loader.loadPDF(pdf)) {
			code = Pattern.compile("JAL(-[0-9A-Z]{4}){3}").matcher(new PDFTextStripper().getText(document));
		}
		assertThat(code.find()).isTrue();

		// … and verified by anyone on the public page its QR code leads to.
		browser.manage().deleteAllCookies();
		open("/certificats/" + code.group());
		assertThat(h1()).isEqualTo("Vérification d’un certificat");
		assertThat(browser.findElement(By.cssSelector(".verdict.valid")).getText()).contains("n’a pas été révoqué");
		assertThat(browser.getPageSource()).contains(download, "Écoquartier de la Madeleine");
		shot("certificat-verifie");

		// The administrator sees it on the dashboard, beside the referentials and campaigns.
		signIn("admin");
		assertThat(h1()).isEqualTo("Tableau de bord");
		assertThat(browser.findElement(By.id("dernieres")).findElement(By.xpath("..")).getText())
			.contains("Écoquartier de la Madeleine");
		shot("administration-tableau-de-bord");
		browser.findElement(By.linkText("Référentiels")).click();
		shot("administration-referentiels");
		browser.findElement(By.linkText("Version 1")).click();
		assertThat(h1()).isEqualTo("EcoQuartier — version 1");
		shot("administration-referentiel-ecoquartier-v1");
		browser.findElement(By.linkText("Campagnes")).click();
		assertThat(h1()).isEqualTo("Campagnes Petites villes de demain");
		shot("administration-campagnes");
	}

	// --- the person's gestures

	private void open(String path) {
		browser.get("http://localhost:" + port + path);
	}

	private void signIn(String username) {
		signedIn = username;
		browser.manage().deleteAllCookies();
		open("/connexion");
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.cssSelector("form.formulaire button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
	}

	/** Opens the reviewer's task of that name from the task list. */
	private void task(String name) {
		assertThat(h1()).isEqualTo("Mes tâches");
		shot("taches-" + signedIn);
		browser.findElement(By.linkText(name)).click();
		assertThat(h1()).isEqualTo(name);
		shot(slug(name));
	}

	/** The reviewer's decision: an outcome when there is a choice, a comment; back to the task list. */
	private void decide(String outcome, String comment) {
		if (outcome != null) {
			browser.findElement(By.id("outcome-" + outcome)).click();
		}
		if (comment != null) {
			browser.findElement(By.id("comment")).sendKeys(comment);
		}
		shot("decision-" + slug(h1()));
		submit("decider");
		assertThat(message()).contains("décision enregistrée");
		shot("decision-enregistree");
	}

	private void levels(String level, String comment) {
		List<WebElement> selects = browser.findElements(By.cssSelector("select[name^='level.']"));
		assertThat(selects).hasSizeGreaterThan(10);
		for (WebElement select : selects) {
			new Select(select).selectByValue(level);
			if (comment != null) {
				WebElement text = browser.findElement(By.id("comment." + select.getDomAttribute("name").substring(6)));
				text.clear();
				text.sendKeys(comment);
			}
		}
	}

	private void indicators(String value) {
		List<WebElement> inputs = browser.findElements(By.cssSelector("input[name^='indicator.']"));
		assertThat(inputs).isNotEmpty();
		for (WebElement input : inputs) {
			input.clear();
			input.sendKeys(value);
		}
	}

	private void submit(String buttonId) {
		WebElement button = browser.findElement(By.id(buttonId));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
		button.click();
	}

	private String h1() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	private String message() {
		return browser.findElement(By.cssSelector(".alerte.succes")).getText();
	}

	/** The whole page as a PNG, numbered in the order of the visit. */
	private void shot(String name) {
		try {
			Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shots, slug(name)));
			byte[] png;
			try {
				Map<String, Object> result = browser.executeCdpCommand("Page.captureScreenshot",
						Map.of("format", "png", "captureBeyondViewport", true));
				png = Base64.getDecoder().decode((String) result.get("data"));
			}
			catch (RuntimeException e) {
				png = browser.getScreenshotAs(OutputType.BYTES);
			}
			Files.write(file, png);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Path write(String name, byte[] content) throws IOException {
		return Files.write(files.resolve(name), content);
	}

	private static String slug(String text) {
		String folded = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return folded.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}

}
