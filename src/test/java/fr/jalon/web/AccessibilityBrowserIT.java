package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Answers;
import fr.jalon.Api;
import fr.jalon.Jobs;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every page, for every role, in a real browser: axe-core (WCAG 2.1 A and AA) finds no violation, no page scrolls
 * sideways at 390 px wide, and no page reports a Content-Security-Policy violation. The pages are those of a bounded
 * crawl from each role's menu (same-origin links, downloads and logout skipped, one page per kind of address), with
 * candidacies at several stages of EcoQuartier, Petites villes de demain and VPAH; each page is kept at 1366 and
 * 390 px as {@code target/screenshots/a11y-NN-….png}. The accessibility statement's facts
 * ({@code accessibilite.yaml}) are checked against what was measured: every page of its sample visited without
 * violation, and the axe-core version it names the one injected. The whole report is written to
 * {@code target/accessibility-report.txt}.
 * Runs with the browser suite ({@code mvn -Pbrowser verify}), never in the default build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=browser-a11y")
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessibilityBrowserIT {

	static final AccessibilityStatement STATEMENT = AccessibilityStatement.read();

	/** axe-core from its npm package, as shipped (src/test/resources/axe, MPL-2.0). */
	static final String AXE = resource("/axe/axe.min.js");

	/** The signed-in roles crawled: a collectivité, each kind of reviewer with demo data, and the administrator. */
	static final List<String> ACCOUNTS = List.of("mairie-albi", "ddt-81", "expert-1", "expert-2",
			"commission-occitanie", "commission-nationale", "prefet-84", "prefet-region-93", "drac-76", "crpa-76",
			"admin");

	/** The public pages, signed out: the crawl starts from them too. */
	static final List<String> PUBLIC = List.of("/", "/connexion", "/certificats/verifier", "/accessibilite",
			"/certificats/JAL-0000-0000-0000");

	/** At most this many pages for one role: the crawl stays bounded whatever the links. */
	static final int PAGES_PER_ROLE = 20;

	/** What is no page to test: files, the API, exports, previews, logout. */
	// Swagger UI (/swagger-ui.html, the footer's « API ») is springdoc's page for developers, not one of Jalon's: its
	// bundle tries one inline style that the CSP refuses (security/ApiDocumentation), and it is in English.
	static final Pattern SKIPPED = Pattern.compile("(?i)(\\.(pdf|csv|xlsx|bpmn|zip|png|svg|ico)$|^/api/|^/engine-rest|"
			+ "^/actuator|/export|/documents/|/apercu|/accuses/|/certificat$|/pieces/|/deconnexion|^/vendor/|^/css/|^/js/|"
			+ "^/swagger-ui|^/v3/api-docs)");

	/** The pages tested signed out (the footer's): not again for each role. */
	static final Set<String> publicPages = new HashSet<>();

	/** A path segment that is an identifier (it holds a digit): one page stands for all of them. */
	static final Pattern IDENTIFIER = Pattern.compile("[^/]*\\d[^/]*");

	/** Pages of one kind visited more than once: a candidacy of each stage and programme, up to this many. */
	static final int CANDIDACIES = 3;

	/** Records CSP violations from the start of each document, before any of its scripts runs. */
	static final String CSP_LISTENER = """
			window.jalonCsp = [];
			document.addEventListener('securitypolicyviolation',
			  e => window.jalonCsp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));""";

	static BrowserSession session;

	static ChromeDriver browser;

	/** Every problem found, by page (« role path »), in the order met. */
	static final Map<String, List<String>> problems = new LinkedHashMap<>();

	/** The pages visited, as « account path » (« public » for the signed out). */
	static final Set<String> visited = new TreeSet<>();

	static String injectedVersion;

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	JsonNode referential;

	@BeforeAll
	static void startBrowser() throws IOException {
		session = BrowserSession.start("a11y-");
		browser = session.browser;
		browser.executeCdpCommand("Page.enable", Map.of());
		browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
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
	@Order(1)
	void everyPageOfEveryRoleHasNoViolationAndFitsASmallScreen() throws IOException {
		candidaciesAtSeveralStages();
		Instant start = Instant.now();
		browser.manage().deleteAllCookies();
		int pages = crawl("public", PUBLIC);
		for (String account : ACCOUNTS) {
			session.signIn(account);
			List<String> starts = new ArrayList<>();
			starts.add(path(browser.getCurrentUrl()));
			starts.addAll(menu());
			pages += crawl(account, starts);
		}
		Duration took = Duration.between(start, Instant.now());
		report(pages, took);

		assertThat(injectedVersion).as("the axe-core version of accessibilite.yaml is the one injected")
			.isEqualTo(STATEMENT.toolVersion());
		assertThat(STATEMENT.rules()).as("the rules of accessibilite.yaml are those run")
			.containsExactly("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
		assertThat(STATEMENT.state()).as("no full RGAA audit was done").isEqualTo("partiellement conforme");
		List<String> unvisited = new ArrayList<>();
		for (AccessibilityStatement.Role role : STATEMENT.sample()) {
			String who = role.account() == null ? "public" : role.account();
			for (AccessibilityStatement.Page page : role.pages()) {
				boolean seen = visited.stream()
					.anyMatch(each -> each.startsWith(who + " ") && page.matches(each.substring(who.length() + 1)));
				if (!seen) {
					unvisited.add(who + " " + page.path());
				}
			}
		}
		assertThat(unvisited).as("pages of the statement's sample that the crawl did not reach").isEmpty();
		assertThat(problems).as("accessibility problems, by page (see target/accessibility-report.txt)").isEmpty();
	}

	// --- the keyboard alone

	/**
	 * The EcoQuartier path by keyboard alone: TAB, SHIFT+TAB, ENTER, SPACE, arrows and typed text, never a click.
	 * From the home page the collectivité signs in, starts its candidacy, hands in its charter (the file chosen by
	 * typing its path into the focused file input) and signs out; the DDT signs in, takes the charter's check and
	 * approves it; the collectivité finds its next task. At every tab stop the focus is visible (an outline or a
	 * box shadow on the element, its label or its parent), and on every page the first tab stop is the skip link
	 * « Contenu ».
	 */
	@Test
	@Order(2)
	void walksTheCharterStepByKeyboardAlone() throws IOException {
		invisibleFocus.clear();
		browser.manage().deleteAllCookies();
		resize(1366, 900);
		session.open("/");
		firstTabStopIsTheSkipLink();
		tabTo("link « Se connecter »", active -> "Se connecter".equals(active.getText().trim())
				&& "a".equals(active.getTagName()));
		enter();
		signInByKeys("mairie-albi");
		assertThat(session.h1()).isEqualTo("Mes candidatures");
		firstTabStopIsTheSkipLink();
		tabTo("link « Déposer une nouvelle candidature »",
				active -> "Déposer une nouvelle candidature".equals(active.getText().trim()));
		enter();
		assertThat(session.h1()).isEqualTo("Nouvelle candidature");
		firstTabStopIsTheSkipLink();
		tabTo("the programme", active -> "programme".equals(active.getDomAttribute("name")));
		for (int moves = 0; moves < 10 && !"programme-ecoquartier".equals(active().getDomAttribute("id")); moves++) {
			keys(org.openqa.selenium.Keys.ARROW_DOWN);
		}
		keys(org.openqa.selenium.Keys.SPACE);
		assertThat(active().isSelected()).isTrue();
		tabTo("#title", active -> "title".equals(active.getDomAttribute("id")));
		keys("Écoquartier au clavier");
		tabTo("#description", active -> "description".equals(active.getDomAttribute("id")));
		keys("Déposé sans souris.");
		tabTo("button « Déposer la candidature »", active -> "Déposer la candidature".equals(active.getText().trim()));
		enter();
		assertThat(session.h1()).isEqualTo("Écoquartier au clavier");
		session.shot("clavier-candidature-deposee");

		firstTabStopIsTheSkipLink();
		tabTo("link « Déposer la charte signée »", active -> "Déposer la charte signée".equals(active.getText().trim()));
		enter();
		firstTabStopIsTheSkipLink();
		tabTo("the file input", active -> "file".equals(active.getDomAttribute("type")));
		active().sendKeys(session.write("charte-clavier.pdf", Api.pdf("charte signée au clavier")).toString());
		tabTo("button « Déposer le document »", active -> "Déposer le document".equals(active.getText().trim()));
		enter();
		assertThat(session.text(org.openqa.selenium.By.cssSelector("[role=status]")))
			.contains("Document déposé : charte-clavier.pdf");
		tabTo("#transmettre", active -> "transmettre".equals(active.getDomAttribute("id")));
		enter();
		assertThat(session.text(org.openqa.selenium.By.cssSelector("[role=status]"))).contains("c'est transmis");
		session.shot("clavier-charte-transmise");
		signOutByKeys();

		signInByKeys("ddt-81");
		assertThat(session.h1()).isEqualTo("Mes tâches");
		firstTabStopIsTheSkipLink();
		String candidacy = "Écoquartier au clavier";
		tabTo("the task « Vérifier la charte » of « " + candidacy + " »",
				active -> "Vérifier la charte".equals(active.getText().trim())
						&& active.findElement(org.openqa.selenium.By.xpath("ancestor::tr")).getText().contains(candidacy));
		enter();
		assertThat(session.h1()).isEqualTo("Vérifier la charte");
		firstTabStopIsTheSkipLink();
		tabTo("#prendre", active -> "prendre".equals(active.getDomAttribute("id")));
		enter();
		assertThat(session.text(org.openqa.selenium.By.cssSelector("[role=status]"))).contains("Vous avez pris en charge");
		tabTo("the outcomes", active -> "outcome".equals(active.getDomAttribute("name")));
		for (int moves = 0; moves < 10 && !"outcome-APPROVE".equals(active().getDomAttribute("id")); moves++) {
			keys(org.openqa.selenium.Keys.ARROW_DOWN);
		}
		assertThat(active().getDomAttribute("id")).isEqualTo("outcome-APPROVE");
		keys(org.openqa.selenium.Keys.SPACE);
		assertThat(active().isSelected()).isTrue();
		tabTo("#comment", active -> "comment".equals(active.getDomAttribute("id")));
		keys("Charte conforme, vérifiée au clavier.");
		tabTo("#decider", active -> "decider".equals(active.getDomAttribute("id")));
		enter();
		assertThat(session.text(org.openqa.selenium.By.cssSelector("[role=status]"))).contains("décision enregistrée");
		session.shot("clavier-charte-approuvee");
		signOutByKeys();

		signInByKeys("mairie-albi");
		tabTo("link « " + candidacy + " »", active -> candidacy.equals(active.getText().trim()));
		enter();
		assertThat(session.h1()).isEqualTo(candidacy);
		tabTo("link « Déposer le dossier d'engagement »",
				active -> active.getText().trim().startsWith("Déposer le dossier d"));
		session.shot("clavier-dossier-engagement-a-deposer");

		assertThat(invisibleFocus).as("tab stops whose focus is not visible").isEmpty();
	}

	/** Tab stops where the focus showed no outline nor shadow: « page — element ». */
	static final List<String> invisibleFocus = new ArrayList<>();

	/** Where the focus is. */
	private org.openqa.selenium.WebElement active() {
		return browser.switchTo().activeElement();
	}

	private void keys(CharSequence... keys) {
		new org.openqa.selenium.interactions.Actions(browser).sendKeys(keys).perform();
	}

	/**
	 * TAB until the focus is on what is wanted (at most 300 stops); at every stop the focus must be visible.
	 * Answers the focused element.
	 */
	private org.openqa.selenium.WebElement tabTo(String what,
			java.util.function.Predicate<org.openqa.selenium.WebElement> wanted) {
		for (int stops = 0; stops < 300; stops++) {
			keys(org.openqa.selenium.Keys.TAB);
			org.openqa.selenium.WebElement active = active();
			focusIsVisible();
			if (wanted.test(active)) {
				return active;
			}
		}
		throw new AssertionError("no tab stop reaches " + what + " on " + browser.getCurrentUrl());
	}

	/**
	 * The focused element, its label or its parent shows an outline or a box shadow, itself or through a pseudo-element
	 * (the DSFR's enlarged links draw their outline on {@code a::before}).
	 */
	private void focusIsVisible() {
		Object described = browser.executeScript("""
				const shows = e => e && [null, '::before', '::after'].some(part => { const s = getComputedStyle(e, part);
				  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'); });
				const e = document.activeElement;
				if (!e || e === document.body) return 'nothing focused';
				const label = e.id ? document.querySelector('label[for="' + CSS.escape(e.id) + '"]') : null;
				if (shows(e) || shows(label) || shows(e.parentElement)) return null;
				return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' « ' + (e.textContent || e.value || '').trim().slice(0, 40) + ' »';""");
		if (described != null) {
			invisibleFocus.add(path(browser.getCurrentUrl()) + " — " + described);
		}
	}

	/** On a page just loaded, with nothing focused yet, the first TAB reaches the skip link « Contenu ». */
	private void firstTabStopIsTheSkipLink() {
		browser.executeScript("if (document.activeElement) document.activeElement.blur()");
		browser.executeScript("window.scrollTo(0, 0)");
		keys(org.openqa.selenium.Keys.TAB);
		org.openqa.selenium.WebElement active = active();
		assertThat(active.getText().trim()).as("the first tab stop of " + browser.getCurrentUrl()).isEqualTo("Contenu");
		assertThat(active.getDomAttribute("href")).isEqualTo("#contenu");
		focusIsVisible();
		keys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.SHIFT, org.openqa.selenium.Keys.TAB));
	}

	/** ENTER on the focused element, then the next page loaded. */
	private void enter() {
		browser.executeScript("window.jalonLeaving = true");
		keys(org.openqa.selenium.Keys.ENTER);
		new WebDriverWait(browser, BrowserSession.PATIENCE).ignoring(WebDriverException.class)
			.until(driver -> Boolean.TRUE.equals(browser
				.executeScript("return window.jalonLeaving !== true && document.readyState === 'complete'")));
	}

	/** On the login form, its name field focused by the page: name, TAB, password, ENTER. */
	private void signInByKeys(String account) {
		assertThat(path(browser.getCurrentUrl())).startsWith("/connexion");
		assertThat(active().getDomAttribute("id")).as("the login form focuses the name field").isEqualTo("username");
		keys(account);
		tabTo("#password", active -> "password".equals(active.getDomAttribute("id")));
		keys("demo");
		enter();
		assertThat(path(browser.getCurrentUrl())).doesNotStartWith("/connexion");
	}

	private void signOutByKeys() {
		session.open(path(browser.getCurrentUrl()));
		firstTabStopIsTheSkipLink();
		tabTo("button « Se déconnecter »", active -> "Se déconnecter".equals(active.getText().trim()));
		enter();
	}

	// --- the crawl

	/** The links of the signed-in user's menu. */
	private List<String> menu() {
		@SuppressWarnings("unchecked")
		List<String> links = (List<String>) browser.executeScript("""
				const menu = document.getElementById('menu-principal');
				return menu ? Array.from(menu.querySelectorAll('a[href]'), a => a.href) : [];""");
		return links.stream().map(AccessibilityBrowserIT::path).toList();
	}

	/** Visits the pages reachable from these, breadth first, each kind of page once; how many were tested. */
	private int crawl(String who, List<String> starts) {
		Deque<String[]> queue = new ArrayDeque<>();
		starts.forEach(start -> queue.add(new String[] { start, "" }));
		Set<String> seen = new HashSet<>();
		Map<String, Integer> kinds = new HashMap<>();
		int tested = 0;
		while (!queue.isEmpty() && tested < PAGES_PER_ROLE) {
			String[] next = queue.poll();
			String address = next[0];
			String kind = kind(address, next[1]);
			if (!seen.add(address) || SKIPPED.matcher(address).find() || publicPages.contains(address)
					|| kinds.getOrDefault(kind, 0) >= (kind.startsWith("/candidatures/*") ? CANDIDACIES : 1)) {
				continue;
			}
			session.open(address);
			if (!"text/html".equals(browser.executeScript("return document.contentType"))) {
				continue;
			}
			String landed = path(browser.getCurrentUrl());
			if ("public".equals(who) && landed.startsWith("/connexion") && !address.startsWith("/connexion")) {
				continue; // a page for the signed in only
			}
			if (!"public".equals(who) && landed.startsWith("/connexion")) {
				problem(who, address, "signed out on the way (landed on " + landed + ")");
				session.signIn(who);
				continue;
			}
			if (!address.equals(landed) && !seen.add(landed)) {
				continue; // redirected to a page already tested (/espace)
			}
			kinds.merge(kind, 1, Integer::sum);
			tested++;
			if ("public".equals(who)) {
				publicPages.add(landed);
			}
			visited.add(who + " " + landed.replaceAll("\\?.*", ""));
			visited.add(who + " " + address.replaceAll("\\?.*", ""));
			audit(who, address);
			for (String[] link : links()) {
				queue.add(link);
			}
		}
		return tested;
	}

	/** The same-origin links of the page: their path and query, and their text. */
	private List<String[]> links() {
		@SuppressWarnings("unchecked")
		List<List<String>> links = (List<List<String>>) browser.executeScript("""
				return Array.from(document.querySelectorAll('a[href]'))
				  .filter(a => a.origin === location.origin && !a.hasAttribute('download'))
				  .map(a => [a.pathname + a.search, a.textContent.trim().replace(/\\s+/g, ' ')]);""");
		return links.stream().map(link -> new String[] { link.get(0), link.get(1) }).toList();
	}

	/**
	 * The kind of page an address leads to: its path with identifiers as {@code *}, the names of its query's
	 * parameters, and for a task the link's text (the task's name: one page for each task definition).
	 */
	static String kind(String address, String text) {
		String path = address.replaceAll("[?#].*", "");
		String kind = String.join("/", List.of(path.split("/", -1))
			.stream()
			.map(segment -> IDENTIFIER.matcher(segment).matches() ? "*" : segment)
			.toList());
		if (kind.matches("/(instruction|collectivite)/taches/\\*")) {
			kind += " " + text;
		}
		int query = address.indexOf('?');
		if (query >= 0) {
			kind += "?" + String.join("&", new TreeSet<>(List.of(address.substring(query + 1).split("&")).stream()
				.map(parameter -> parameter.replaceAll("=.*", ""))
				.toList()));
		}
		return kind;
	}

	// --- what is checked on each page

	/** axe-core, the CSP listener and the width, at 1366 then 390 px; both kept as screenshots. */
	private void audit(String who, String address) {
		String name = who + "-" + address;
		List<String> csp = csp();
		csp.forEach(violation -> problem(who, address, "CSP violation: " + violation));
		for (String violation : axe()) {
			problem(who, address, violation);
		}
		session.shot(name + "-1366");
		resize(390, 844);
		Boolean fits = (Boolean) browser
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
		if (!Boolean.TRUE.equals(fits)) {
			problem(who, address, "scrolls sideways at 390 px: scrollWidth " + browser
				.executeScript("return document.documentElement.scrollWidth + ' > ' + window.innerWidth") + ", because of "
					+ browser.executeScript(WIDEST));
		}
		session.shot(name + "-390");
		resize(1366, 900);
	}

	/**
	 * The innermost elements that reach past the window's right edge and are not inside a box that scrolls or clips
	 * them: « tag.class (right edge px) », at most five.
	 */
	private static final String WIDEST = """
			const width = window.innerWidth;
			const past = e => e.getBoundingClientRect().right > width + 1;
			const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
			    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
			const found = [...document.body.querySelectorAll('*')]
			  .filter(e => past(e) && !clipped(e) && ![...e.children].some(past))
			  .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
			      ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + (e.id ? '#' + e.id : '')
			    + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
			return found.slice(0, 5).join(', ') || 'nothing named';""";

	private void resize(int width, int height) {
		browser.manage().window().setSize(new Dimension(width, height));
		new WebDriverWait(browser, BrowserSession.PATIENCE).ignoring(WebDriverException.class)
			.until(driver -> ((Number) browser.executeScript("return window.innerWidth")).intValue() <= width
					&& ((Number) browser.executeScript("return window.innerWidth")).intValue() >= width - 20);
	}

	@SuppressWarnings("unchecked")
	private List<String> csp() {
		Object found = browser.executeScript("return window.jalonCsp === undefined ? null : window.jalonCsp");
		assertThat(found).as("the CSP listener, set before the page's scripts, on " + browser.getCurrentUrl())
			.isInstanceOf(List.class);
		return (List<String>) found;
	}

	/** The violations axe-core reports on the page, one line each: id, impact, targets, help. */
	@SuppressWarnings("unchecked")
	private List<String> axe() {
		if (!Boolean.TRUE.equals(browser.executeScript("return typeof window.axe === 'object'"))) {
			browser.executeScript(AXE);
		}
		injectedVersion = (String) browser.executeScript("return axe.version");
		Object result = browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
				  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + ') on '
				    + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')
				    + (v.nodes.length > 5 ? ' and ' + (v.nodes.length - 5) + ' more' : '') + ': ' + v.help)))
				  .catch(e => done(['axe-core failed: ' + e]));""", STATEMENT.rules());
		return (List<String>) result;
	}

	private static void problem(String who, String address, String what) {
		problems.computeIfAbsent(who + " " + address, key -> new ArrayList<>()).add(what);
	}

	/** target/accessibility-report.txt: the pages visited by role, the problems by page, the figures. */
	private static void report(int pages, Duration took) throws IOException {
		StringBuilder report = new StringBuilder();
		report.append("axe-core ").append(injectedVersion).append(", rules ").append(STATEMENT.rules()).append('\n');
		report.append(pages).append(" pages tested in ").append(took.toSeconds()).append(" s\n\n");
		report.append("Pages visited:\n");
		visited.forEach(page -> report.append("  ").append(page).append('\n'));
		report.append("\nProblems (").append(problems.values().stream().mapToInt(List::size).sum()).append("):\n");
		problems.forEach((page, found) -> {
			report.append(page).append('\n');
			found.forEach(each -> report.append("  - ").append(each).append('\n'));
		});
		Files.writeString(Path.of("target", "accessibility-report.txt"), report);
		System.out.println(report);
	}

	// --- data at several stages

	/**
	 * Albi's EcoQuartier candidacies just started, waiting for the DDT, with the experts, before the regional and
	 * the national commission, labelled with its certificate; a Petites villes de demain candidacy of Sault in the
	 * demo campaign; the Pays Midi-Quercy's VPAH candidacy.
	 */
	private void candidaciesAtSeveralStages() {
		Api albi = new Api(http, "mairie-albi");
		referential = albi.get("/api/referentials/ecoquartier").getBody();
		candidacy(albi, "Accessibilité — déposée");
		String charter = candidacy(albi, "Accessibilité — charte transmise");
		submitCharter(albi, charter);
		String experts = candidacy(albi, "Accessibilité — chez les experts");
		submitCharter(albi, experts);
		approveCharter(experts);
		submitContract(albi, experts);
		String regional = candidacy(albi, "Accessibilité — en commission régionale");
		submitCharter(albi, regional);
		approveCharter(regional);
		submitContract(albi, regional);
		assess(regional);
		String labelled = candidacy(albi, "Accessibilité — labellisée");
		submitCharter(albi, labelled);
		approveCharter(labelled);
		submitContract(albi, labelled);
		assess(labelled);
		Api occitanie = new Api(http, "commission-occitanie");
		ok(occitanie.complete(occitanie.task(labelled, "RegionalCommissionReview"), Map.of("outcome", "APPROVE")));
		Api nationale = new Api(http, "commission-nationale");
		ok(nationale.complete(nationale.task(labelled, "NationalCommissionDecision"), Map.of("outcome", "APPROVE")));
		ok(albi.complete(albi.task(labelled, "ReportIndicatorValues"),
				Map.of("outcome", "SUBMIT", "indicators", Answers.indicators(referential, "value", 42.0))));
		Api expert2 = new Api(http, "expert-2");
		ok(expert2.complete(expert2.task(labelled, "RecordSiteVisit"), Map.of("outcome", "APPROVE")));
		ok(nationale.complete(nationale.task(labelled, "ValidateLabel"), Map.of("outcome", "APPROVE")));
		Jobs.runAll(management);

		Api admin = new Api(http, "admin");
		String campaign = admin.post("/api/campaigns", Map.of("programme", "pvd", "region", "93", "title",
				"Accessibilité", "closesAt", Instant.now().plus(Duration.ofDays(30)).toString()))
			.getBody()
			.get("id")
			.asText();
		created(new Api(http, "mairie-sault").post("/api/candidacies", Map.of("programme", "pvd", "collectivite",
				"84123", "title", "Centre-bourg accessible", "partners", List.of("200035723"), "campaign", campaign)));
		Api pays = new Api(http, "pays-midi-quercy");
		String code = pays.get("/api/collectivites?q=Midi-Quercy").getBody().get(0).get("code").asText();
		created(pays.post("/api/candidacies", Map.of("programme", "vpah", "collectivite", code, "title",
				"Pays d'art et d'histoire accessible")));
	}

	private static String candidacy(Api collectivite, String title) {
		return created(collectivite.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", "81004", "title", title)));
	}

	private static void submitCharter(Api collectivite, String id) {
		collectivite.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		ok(collectivite.complete(collectivite.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT")));
	}

	private void approveCharter(String id) {
		Api ddt = new Api(http, "ddt-81");
		ok(ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE")));
	}

	private void submitContract(Api collectivite, String id) {
		ok(collectivite.complete(collectivite.task(id, "SubmitContract"), Map.of("outcome", "SUBMIT", "assessment",
				Answers.assessment(referential, "SATISFACTORY"), "indicators", Answers.indicators(referential, "target", 40.0))));
	}

	/** Both experts, then the synthesis: the regional commission's turn. */
	private void assess(String id) {
		Api expert1 = new Api(http, "expert-1");
		Api expert2 = new Api(http, "expert-2");
		ok(expert1.complete(expert1.task(id, "AssessAsCoordinatingExpert"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "SATISFACTORY"))));
		ok(expert2.complete(expert2.task(id, "AssessAsSecondExpert"),
				Map.of("outcome", "SUBMIT", "assessment", Answers.assessment(referential, "PARTIAL"))));
		ok(expert1.complete(expert1.task(id, "WriteSynthesis"), Map.of("outcome", "SUBMIT", "comment", "Synthèse.")));
	}




	private static void ok(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
	}

	private static String created(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
		return response.getBody().get("id").asText();
	}

	// --- helpers

	static String path(String url) {
		URI uri = URI.create(url);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	static String resource(String name) {
		try (InputStream in = AccessibilityBrowserIT.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
