package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.jalon.Api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * The collectivités' autocomplete in a real browser, with the keyboard only: the administrator types « albi » in the
 * pilots' field of a draft version, the suggestions come (a combobox whose listbox opens, announced in its live
 * region), the arrow keys reach « Albi (81) », Enter picks it (a tag by its name, the code in the hidden field), the
 * form is sent, and Albi is the version's pilot. Runs with {@code mvn -Pbrowser verify}, never in the default build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=browser-collectivites")
@ActiveProfiles("test")
class CollectivitesBrowserIT {

	static BrowserSession session;

	static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@BeforeAll
	static void startBrowser() throws IOException {
		session = BrowserSession.start("collectivites-");
		browser = session.browser;
	}

	@AfterAll
	static void stopBrowser() {
		if (session != null) {
			session.close();
		}
	}

	@Test
	void picksAlbiWithTheKeyboardAndPilotsTheVersionThere() {
		session.at(port);
		Api admin = new Api(http, "admin");
		ObjectNode next = (ObjectNode) admin.get("/api/referentials/ecoquartier").getBody();
		int version = next.get("version").asInt() + 1;
		next.put("version", version).put("title", "Référentiel EcoQuartier, pilote choisi au clavier");
		assertThat(admin.post("/api/referentials/ecoquartier/versions", next).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		session.signIn("admin");
		session.open("/administration/referentiels/ecoquartier/versions/" + version);
		WebElement field = session.waitFor(By.cssSelector("#collectivites[role=combobox]"));
		String listbox = field.getAttribute("aria-controls");
		assertThat(browser.findElement(By.id(listbox)).getAttribute("role")).isEqualTo("listbox");
		assertThat(field.getAttribute("aria-expanded")).isEqualTo("false");

		field.sendKeys("albi");
		WebDriverWait patience = new WebDriverWait(browser, BrowserSession.PATIENCE);
		patience.until(driver -> "true".equals(field.getAttribute("aria-expanded")));
		assertThat(session.text(By.cssSelector("[data-collectivites] [aria-live]"))).contains("suggér");
		session.shot("suggestions");

		// Down through the suggestions until « Albi (81) », then Enter.
		String active = "";
		for (int i = 0; i < 10 && !active.startsWith("Albi (81)"); i++) {
			field.sendKeys(Keys.ARROW_DOWN);
			String id = field.getAttribute("aria-activedescendant");
			assertThat(id).isNotBlank();
			WebElement option = browser.findElement(By.id(id));
			assertThat(option.getAttribute("aria-selected")).isEqualTo("true");
			active = option.getText();
		}
		assertThat(active).startsWith("Albi (81)").contains("Commune");
		field.sendKeys(Keys.ENTER);

		patience.until(driver -> "false".equals(field.getAttribute("aria-expanded")));
		assertThat(field.getAttribute("value")).isEmpty();
		assertThat(browser.findElements(By.cssSelector("#collectivites-choix .fr-tag")).stream().map(WebElement::getText))
			.containsExactly("Albi (81)");
		assertThat(browser.findElement(By.cssSelector("input[type=hidden][name=collectivites]")).getAttribute("value"))
			.isEqualTo("81004");
		// Enter picked, it did not send the form.
		assertThat(browser.getCurrentUrl()).endsWith("/versions/" + version);
		session.shot("albi-choisie");

		session.follow(browser.findElement(By.xpath("//input[@id='collectivites']/ancestor::form//button[@type='submit']")));
		assertThat(session.message()).contains("proposée en pilote");
		List<String> pilots = new ArrayList<>();
		for (JsonNode summary : admin.get("/api/referentials/ecoquartier/versions").getBody()) {
			if (summary.get("version").asInt() == version) {
				summary.get("pilots").forEach(code -> pilots.add(code.asText()));
			}
		}
		assertThat(pilots).containsExactly("81004");
		session.shot("pilote");
	}

}
