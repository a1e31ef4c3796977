package fr.jalon.collectivite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The official départements and regions (Etalab's administrative divisions), by code. */
@Component
public class Territories {

	private final Map<String, String> regions;

	private final Map<String, String> departements;

	Territories() {
		ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.regions = read(json, "seeds/reference/regions.json");
		this.departements = read(json, "seeds/reference/departements.json");
	}

	public boolean isRegion(String code) {
		return code != null && regions.containsKey(code);
	}

	/** Every region, name by code, in code order. */
	public java.util.SortedMap<String, String> regions() {
		return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(regions));
	}

	public String regionName(String code) {
		return regions.get(code);
	}

	public String departementName(String code) {
		return departements.get(code);
	}

	private static Map<String, String> read(ObjectMapper json, String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			List<Division> divisions = List.of(json.readValue(in, Division[].class));
			return divisions.stream().collect(Collectors.toUnmodifiableMap(Division::code, Division::nom));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	record Division(String code, String nom) {
	}

}
