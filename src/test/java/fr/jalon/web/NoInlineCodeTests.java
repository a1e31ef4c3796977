package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The pages' Content-Security-Policy (security/SecurityConfig) runs no inline script and applies no style attribute:
 * every template and every script of Jalon's own is kept free of what it would block, so that nothing breaks silently
 * in a browser. The e-mails' templates (templates/mail) are read by mail clients, not under the CSP: not scanned.
 */
class NoInlineCodeTests {

	static final Path TEMPLATES = Path.of("src/main/resources/templates");

	static final Path SCRIPTS = Path.of("src/main/resources/static/js");

	/** What the CSP blocks in a page, each with what it is called in a failure. */
	static final Map<String, Pattern> IN_TEMPLATES = Map.of(
			"an inline script", Pattern.compile("<script\\b(?![^>]*\\bth:src=)(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE),
			"a style element", Pattern.compile("<style\\b", Pattern.CASE_INSENSITIVE),
			"a style attribute", Pattern.compile("[\\s:]style\\s*=", Pattern.CASE_INSENSITIVE),
			"an event handler attribute", Pattern.compile("[\\s:]on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
			"a javascript: URL", Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE));

	/** What the CSP blocks when a script does it (element.style.x = … is allowed: it is the CSSOM). */
	static final Map<String, Pattern> IN_SCRIPTS = Map.of(
			"a style attribute set", Pattern.compile("setAttribute\\(\\s*['\"]style['\"]"),
			"an event handler attribute set", Pattern.compile("setAttribute\\(\\s*['\"]on[a-z]+['\"]"),
			"markup with a style or handler attribute", Pattern.compile("<[a-z][^>]*\\s(style|on[a-z]+)\\s*=", Pattern.CASE_INSENSITIVE),
			"code from a string", Pattern.compile("\\beval\\(|new Function\\(|setTimeout\\(\\s*['\"]|setInterval\\(\\s*['\"]"),
			"a javascript: URL", Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE));

	@Test
	void templatesHaveNoInlineScriptStyleOrHandler() throws IOException {
		List<Path> templates = files(TEMPLATES, ".html").stream()
			.filter(template -> !template.startsWith(TEMPLATES.resolve("mail")))
			.toList();
		assertThat(templates).contains(TEMPLATES.resolve("layout.html"), TEMPLATES.resolve("fragments.html"));
		assertThat(faults(templates, IN_TEMPLATES)).isEmpty();
	}

	@Test
	void scriptsSetNoStyleAttributeNorHandlerNorCodeFromStrings() throws IOException {
		List<Path> scripts = files(SCRIPTS, ".js");
		assertThat(scripts).contains(SCRIPTS.resolve("jalon.js"), SCRIPTS.resolve("brouillon.js"),
				SCRIPTS.resolve("diagramme.js"));
		assertThat(faults(scripts, IN_SCRIPTS)).isEmpty();
	}

	@Test
	void theScanFindsWhatItLooksFor() {
		assertThat(kinds("<img src=\"a.png\" style=\"width: 1px\">", IN_TEMPLATES)).containsExactly("a style attribute");
		assertThat(kinds("<button th:onclick=\"'go()'\">", IN_TEMPLATES)).containsExactly("an event handler attribute");
		assertThat(kinds("<script>alert(1)</script>", IN_TEMPLATES)).containsExactly("an inline script");
		assertThat(kinds("<script th:src=\"@{/js/jalon.js}\" defer></script><div data-onglet=\"x\">", IN_TEMPLATES))
			.isEmpty();
		assertThat(kinds("el.setAttribute('style', 'x'); el.style.width = '1px';", IN_SCRIPTS))
			.containsExactly("a style attribute set");
	}

	private static List<String> faults(List<Path> files, Map<String, Pattern> patterns) throws IOException {
		List<String> faults = new ArrayList<>();
		for (Path file : files) {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			for (String fault : found(text, patterns)) {
				faults.add(file + ": " + fault);
			}
		}
		return faults;
	}

	private static List<String> found(String text, Map<String, Pattern> patterns) {
		List<String> found = new ArrayList<>();
		patterns.forEach((name, pattern) -> {
			Matcher matcher = pattern.matcher(text);
			while (matcher.find()) {
				int line = text.substring(0, matcher.start()).split("\n", -1).length;
				found.add(name + " (line " + line + ": " + matcher.group().strip() + ")");
			}
		});
		return found;
	}

	/** What kinds of fault a text has, without where. */
	private static List<String> kinds(String text, Map<String, Pattern> patterns) {
		return found(text, patterns).stream().map(fault -> fault.substring(0, fault.indexOf(" (line"))).toList();
	}

	private static List<Path> files(Path root, String extension) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(path -> path.toString().endsWith(extension)).sorted().toList();
		}
	}

}
