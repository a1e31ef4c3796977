package fr.jalon.referential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code criteria/referential.schema.json} and the referentials the repository ships, read as the library reads them. */
class ReferentialSchemaTests {

	private static final Path CRITERIA = Path.of("criteria");

	private static final Path SCHEMA = CRITERIA.resolve("referential.schema.json");

	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

	private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

	@Test
	void isAValidDraft202012Schema() throws IOException {
		JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

		assertThat(metaSchema.validate(new ObjectMapper().readTree(SCHEMA.toFile()))).isEmpty();
	}

	@Test
	void acceptsEveryFileOfCriteria() throws IOException {
		JsonSchema schema = FACTORY.getSchema(new ObjectMapper().readTree(SCHEMA.toFile()));
		List<Path> referentials = referentials();

		assertThat(referentials).extracting(file -> file.getFileName().toString())
			.contains("ecoquartier.yaml", "pvd.yaml");
		for (Path file : referentials) {
			assertThat(schema.validate(yaml.readTree(file.toFile()))).as(file.toString()).isEmpty();
		}
	}

	@Test
	void readsEveryFileOfCriteriaWithTheStepsOfItsProcess() throws Exception {
		for (Path file : referentials()) {
			JsonNode document = yaml.readTree(file.toFile());
			String programme = document.path("programme").asText();

			ReferentialValidator.Result result = ReferentialValidator.read(document, programme, Set.of(),
					userTasks(programme));

			assertThat(result.faults()).as(file.toString()).isEmpty();
			assertThat(result.referential().programme()).isEqualTo(programme);
		}
	}

	@Test
	void readsTheEcoQuartierReferentialWhole() throws IOException {
		JsonNode document = yaml.readTree(CRITERIA.resolve("ecoquartier.yaml").toFile());

		Referential ecoquartier = ReferentialValidator.read(document, "ecoquartier", Set.of(), Set.of()).referential();

		assertThat(ecoquartier.criteria()).hasSize(20);
		assertThat(ecoquartier.stages()).as("charter, contract, pilot test, validation, then « confirmé »").hasSize(5);
		assertThat(ecoquartier.certificate("LABEL")).isPresent();
		assertThat(ecoquartier.deadlines()).containsKeys("charter", "contract", "indicatorValues", "confirmation",
				"usageEvaluation");
		assertThat(ecoquartier.deadlines().get("confirmation").due()).isEqualTo("P3Y");
		assertThat(ecoquartier.certificate("CONFIRMATION")).isPresent();
	}

	@Test
	void readsDollarAsTheEndOfTheTextAsEcmaScriptDoes() {
		assertThat(ReferentialSchema.ecmaScript("^[a-z]{1,3}$").matches("abc")).isTrue();
		assertThat(ReferentialSchema.ecmaScript("^[a-z]{1,3}$").matches("abc\n")).isFalse();
		assertThat(ReferentialSchema.ecmaScript("^[$]\\$$").matches("$$")).isTrue();
		assertThat(ReferentialSchema.ecmaScript("\\S").matches(" x ")).isTrue();
	}

	/** The referentials of {@code criteria/}: every file there but the schema. */
	private static List<Path> referentials() throws IOException {
		try (Stream<Path> files = Files.list(CRITERIA)) {
			return files.filter(file -> !file.equals(SCHEMA)).sorted().toList();
		}
	}

	/** The user task ids of the programme's process, {@code bpmn/<programme>.bpmn}. */
	private static Set<String> userTasks(String programme) throws Exception {
		Set<String> steps = new HashSet<>();
		try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
			for (Path file : files.filter(file -> file.getFileName().toString().equals(programme + ".bpmn")).toList()) {
				DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
				factory.setNamespaceAware(true);
				NodeList tasks = factory.newDocumentBuilder()
					.parse(file.toFile())
					.getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/MODEL", "userTask");
				for (int i = 0; i < tasks.getLength(); i++) {
					steps.add(tasks.item(i).getAttributes().getNamedItem("id").getNodeValue());
				}
			}
		}
		assertThat(steps).as("user tasks of " + programme).isNotEmpty();
		return steps;
	}

}
