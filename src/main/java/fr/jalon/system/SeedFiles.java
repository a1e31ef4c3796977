package fr.jalon.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;

/**
 * Reads a YAML file packaged in the jar (demo data under {@code seeds/}), strictly, as the API reads
 * its bodies: an unknown key or a value of the wrong type fails (see {@link StrictReading}).
 */
public final class SeedFiles {

	private static final ObjectMapper YAML = StrictReading.yaml();

	private SeedFiles() {
	}

	public static <T> T read(String path, Class<T> type) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return YAML.readValue(in, type);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Unreadable seed file " + path, e);
		}
	}

}
