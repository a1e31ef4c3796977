package fr.jalon.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The measured facts of the accessibility statement, from {@code accessibilite.yaml}: the page
 * {@code /accessibilite} and the footer render them; the browser suite (AccessibilityBrowserIT) checks
 * itself against them. Nothing here is claimed that the suite did not measure.
 */
public record AccessibilityStatement(String state, LocalDate date, String tool, String toolVersion, String browser,
		List<String> rules, List<Integer> widths, List<String> technologies, List<Role> sample,
		List<String> nonConformities, List<String> derogations, List<String> exempted) {

	static final String RESOURCE = "/accessibilite.yaml";

	/** A role tested, with the account signed in (none for the public) and its pages. */
	public record Role(String role, String account, List<Page> pages) {
	}

	/** A page tested: its title, and its address where {@code *} stands for one path segment. */
	public record Page(String title, String path) {

		/** Whether that address (a path, without query) is this page. */
		public boolean matches(String address) {
			return address.matches(path.replace("*", "[^/]+"));
		}

	}

	public static AccessibilityStatement read() {
		try (InputStream in = AccessibilityStatement.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the classpath");
			}
			return new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
				.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.readValue(in, AccessibilityStatement.class);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
