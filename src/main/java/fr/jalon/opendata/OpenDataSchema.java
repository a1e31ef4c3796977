package fr.jalon.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.jalon.system.PublicAddress;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The Table Schema of the open data (frictionless, as on schema.data.gouv.fr), shipped as
 * {@value #RESOURCE}: the one definition of the columns, their order, names, French titles and descriptions, types
 * and constraints. The CSV and JSON writers take their columns from it ({@link OpenLabels}); the page « Données
 * ouvertes » describes them from it. Its {@code homepage}, {@code path} and resources' {@code path} are written as
 * paths of Jalon's and served as full addresses ({@link PublicAddress}).
 */
@Component
public class OpenDataSchema {

	static final String RESOURCE = "opendata/schema.json";

	private final ObjectNode document;

	private final List<Field> fields;

	private final PublicAddress address;

	OpenDataSchema(ObjectMapper json, PublicAddress address) {
		this.address = address;
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			this.document = (ObjectNode) json.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
		List<Field> read = new ArrayList<>();
		for (JsonNode field : document.path("fields")) {
			JsonNode constraints = field.path("constraints");
			read.add(new Field(field.path("name").asText(), field.path("title").asText(),
					field.path("description").asText(), field.path("type").asText(), field.path("example").asText(),
					constraints.path("required").asBoolean(false)));
		}
		this.fields = List.copyOf(read);
	}

	/** A column: its name (the CSV header, the JSON key), French title and description, type, an example. */
	public record Field(String name, String title, String description, String type, String example,
			boolean required) {
	}

	/** The columns, in the order the files write them. */
	public List<Field> fields() {
		return fields;
	}

	public List<String> names() {
		return fields.stream().map(Field::name).toList();
	}

	public String title() {
		return document.path("title").asText();
	}

	public String description() {
		return document.path("description").asText();
	}

	public String version() {
		return document.path("version").asText();
	}

	/** The schema as served: its paths made full addresses where Jalon is reached. */
	public ObjectNode served() {
		ObjectNode served = document.deepCopy();
		absolute(served, "homepage");
		absolute(served, "path");
		served.path("resources").forEach(resource -> absolute((ObjectNode) resource, "path"));
		return served;
	}

	private void absolute(ObjectNode node, String property) {
		String path = node.path(property).asText();
		if (path.startsWith("/")) {
			node.put(property, address.of(path));
		}
	}

}
