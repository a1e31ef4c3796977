package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person at a real browser (Debian's chromium, driven through its chromedriver), for the
 * browser suite (*BrowserIT): signs in through the form, opens tasks, fills the generated forms,
 * decides, and keeps every page visited as {@code target/screenshots/<prefix>NN-name.png}.
 * Each suite has its prefix, and clears only its own screenshots.
 */
final class BrowserSession implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("jalon.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/** How long a page may take on a busy machine. */
	static final Duration PATIENCE = Duration.ofSeconds(30);

	final ChromeDriver browser;

	private final Path files;

	private final String prefix;

	private int shots;

	private int port;

	private String signedIn;

	private BrowserSession(ChromeDriver browser, Path files, String prefix) {
		this.browser = browser;
		this.files = files;
		this.prefix = prefix;
	}

	/** A headless Chromium; the screenshots this prefix names from an earlier run are removed. */
	static BrowserSession start(String prefix) throws IOException {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("Chromium and its driver (apt-get install chromium chromium-driver) at " + CHROMIUM + " and "
					+ CHROMEDRIVER)
			.isTrue();
		Path files = Files.createTempDirectory("jalon-browser");
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
		ChromeDriver browser = new ChromeDriver(service, options);
		browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		Files.createDirectories(SCREENSHOTS);
		Pattern own = Pattern.compile(Pattern.quote(prefix) + "\\d{2,}-.*\\.png");
		try (var old = Files.list(SCREENSHOTS)) {
			for (Path file : old.toList()) {
				if (own.matcher(file.getFileName().toString()).matches()) {
					Files.delete(file);
				}
			}
		}
		return new BrowserSession(browser, files, prefix);
	}

	/** The application's port, known once the Spring test context runs. */
	BrowserSession at(int port) {
		this.port = port;
		return this;
	}

	int shots() {
		return shots;
	}

	@Override
	public void close() {
		browser.quit();
	}

	// --- the person's gestures

	void open(String path) {
		browser.get("http://localhost:" + port + path);
	}

	void signIn(String username) {
		signedIn = username;
		browser.manage().deleteAllCookies();
		open("/connexion");
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("demo");
		follow(browser.findElement(By.cssSelector("form[action$='/connexion'] button[type=submit]")));
		new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
		waitFor(By.tagName("h1"));
	}

	/**
	 * Clicks what leads to another page (a link, a form's button) and waits until the page it left
	 * is gone and the next one loaded: the page left carries a mark the next one has not. While the
	 * browser is between the two, the driver may answer anything but the page: asked again.
	 */
	void follow(WebElement element) {
		browser.executeScript("window.jalonLeaving = true; arguments[0].scrollIntoView({block: 'center'})", element);
		element.click();
		new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class)
			.until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver)
				.executeScript("return window.jalonLeaving !== true && document.readyState === 'complete'")));
	}

	/** Follows the link of that text (compared {@link #plain(String) plainly}). */
	void follow(String linkText) {
		follow(link(browser, linkText));
	}

	/** The link of that text within an element or the page, its text compared {@link #plain(String) plainly}. */
	static WebElement link(org.openqa.selenium.SearchContext within, String linkText) {
		return within.findElements(By.tagName("a"))
			.stream()
			.filter(link -> plain(link.getText()).strip().equals(plain(linkText)))
			.findFirst()
			.orElseThrow(() -> new org.openqa.selenium.NoSuchElementException("no link « " + linkText + " »"));
	}

	/**
	 * Text as the tests write it: the pages set French typography (typographic apostrophes, non-breaking spaces before
	 * « : ; ! ? »; RawCodesTests checks it), the tests compare words, so both sides are read with plain apostrophes and
	 * spaces.
	 */
	static String plain(String text) {
		return text == null ? null : text.replace('\u2019', '\'').replace('\u00A0', ' ').replace('\u202F', ' ');
	}

	String signedIn() {
		return signedIn;
	}

	/** Opens the reviewer's task of that name from the task list. */
	void task(String name) {
		assertThat(h1()).isEqualTo("Mes tâches");
		shot("taches-" + signedIn);
		follow(name);
		assertThat(h1()).isEqualTo(name);
		shot(slug(name));
	}

	/** The reviewer's decision: an outcome when there is a choice, a comment; back to the task list. */
	void decide(String outcome, String comment) {
		if (outcome != null) {
			browser.findElement(By.cssSelector("label[for=outcome-" + outcome + "]")).click();
		}
		if (comment != null) {
			browser.findElement(By.id("comment")).sendKeys(comment);
		}
		shot("decision-" + slug(h1()));
		submit("decider");
		assertThat(message()).contains("décision enregistrée");
		shot("decision-enregistree");
	}

	/** The same level, and a comment if any, for every criterion of the form; how many there were. */
	int levels(String level, String comment) {
		List<WebElement> selects = browser.findElements(By.cssSelector("select[name^='level.']"));
		for (WebElement select : selects) {
			new Select(select).selectByValue(level);
			if (comment != null) {
				WebElement text = browser.findElement(By.id("comment." + select.getDomAttribute("name").substring(6)));
				text.clear();
				text.sendKeys(comment);
			}
		}
		return selects.size();
	}

	/** The same number in every indicator of the form; how many there were. */
	int indicators(String value) {
		List<WebElement> inputs = browser.findElements(By.cssSelector("input[name^='indicator.']"));
		for (WebElement input : inputs) {
			input.clear();
			input.sendKeys(value);
		}
		return inputs.size();
	}

	/** Chooses a document type, a file, and sends it from the page's upload form. */
	void upload(String type, String filename, byte[] content) throws IOException {
		new Select(browser.findElement(By.cssSelector("form[data-depot] select[name=type]"))).selectByValue(type);
		browser.findElement(By.cssSelector("form[data-depot] input[type=file]")).sendKeys(write(filename, content).toString());
		WebElement send = browser.findElement(By.cssSelector("form[data-depot] button[type=submit]"));
		new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(send));
		follow(send);
		assertThat(message()).contains("Document déposé : " + filename);
	}

	/** Sends the form of that button; the page it leads to is loaded on return. */
	void submit(String buttonId) {
		follow(browser.findElement(By.id(buttonId)));
	}

	String h1() {
		return text(By.tagName("h1"));
	}

	String message() {
		return text(By.cssSelector(".fr-alert--success"));
	}

	/** The text of the first element found, read again if the page changed under it. */
	String text(By locator) {
		return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
			.until(driver -> plain(driver.findElement(locator).getText()));
	}

	WebElement waitFor(By locator) {
		return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(locator));
	}

	/**
	 * What the link leads to, fetched within the session as the person's browser would: its SHA-256
	 * computed by the browser, its file name, and its bytes. Fails unless it is a PDF.
	 */
	Download download(String linkId) {
		@SuppressWarnings("unchecked")
		Map<String, Object> fetched = (Map<String, Object>) browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(document.getElementById(arguments[0]).href)
				  .then(r => r.headers.get('Content-Type').startsWith('application/pdf')
				    ? r.arrayBuffer().then(b => [r.headers.get('Content-Disposition'), b]) : Promise.reject(r.status))
				  .then(([disposition, b]) => crypto.subtle.digest('SHA-256', b).then(h => done({
				    sha256: Array.from(new Uint8Array(h)).map(x => x.toString(16).padStart(2, '0')).join(''),
				    disposition: disposition,
				    base64: btoa(Array.from(new Uint8Array(b), x => String.fromCharCode(x)).join(''))})))
				  .catch(e => done({failure: String(e)}));""", linkId);
		assertThat(fetched).as("download of #%s", linkId).doesNotContainKey("failure");
		String disposition = String.valueOf(fetched.get("disposition"));
		var name = Pattern.compile("filename=\"?([^\";]+)").matcher(disposition);
		return new Download((String) fetched.get("sha256"), name.find() ? name.group(1) : null,
				Base64.getDecoder().decode((String) fetched.get("base64")));
	}

	record Download(String sha256, String filename, byte[] content) {
	}

	/** The whole page as a PNG, numbered in the order of the visit. */
	void shot(String name) {
		try {
			Path file = SCREENSHOTS.resolve(String.format("%s%02d-%s.png", prefix, ++shots, slug(name)));
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

	/** A file of that name and content, to choose in a file input. */
	Path write(String name, byte[] content) throws IOException {
		return Files.write(files.resolve(name), content);
	}

	static String slug(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}

}
