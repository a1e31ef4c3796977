package fr.jalon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * « Jardins partagés », the programme the repository does not ship and the tests deploy: a dossier with a plan
 * and a surface, then a regional jury, then a diploma. Its two documents live in src/test/resources/programmes,
 * its id written PROGRAMME.
 */
public final class Jardins {

	/** The process, its id still PROGRAMME. */
	public static final String PROCESS = resource("/programmes/jardins.bpmn");

	/** The referential, its id still PROGRAMME. */
	public static final String REFERENTIAL = resource("/programmes/jardins.yaml");

	private Jardins() {
	}

	/** The process as programme {@code id}. */
	public static String process(String id) {
		return PROCESS.replace("PROGRAMME", id);
	}

	/** The referential as programme {@code id}. */
	public static String referential(String id) {
		return REFERENTIAL.replace("PROGRAMME", id);
	}

	private static String resource(String path) {
		try (var in = Jardins.class.getResourceAsStream(path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
