package fr.jalon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import fr.jalon.referential.Referential;
import fr.jalon.referential.ReferentialValidator;

/** The programmes shipped in {@code criteria/}, read as the engine reads them, for tests without a server. */
public final class Shipped {

	private Shipped() {
	}

	public static Referential referential(String programme) {
		try (InputStream in = Shipped.class.getResourceAsStream("/criteria/" + programme + ".yaml")) {
			ReferentialValidator.Result result = ReferentialValidator.read(
					new ObjectMapper(new YAMLFactory()).readTree(in), programme, Set.of(), Set.of());
			if (!result.valid()) {
				throw new IllegalStateException(programme + ": " + result.faults());
			}
			return result.referential();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
