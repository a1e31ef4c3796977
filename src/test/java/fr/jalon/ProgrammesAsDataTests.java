package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.jalon.referential.Referential;

import org.junit.jupiter.api.Test;

/**
 * The engine names none of the programmes it carries: no source under {@code src/main/java} writes the id
 * of a shipped programme, stage, end status, certificate kind, document type, data field, role or step.
 * A new label is a deployment, never a release.
 */
class ProgrammesAsDataTests {

	static final Path SOURCES = Path.of("src/main/java");

	static final List<String> SHIPPED = List.of("ecoquartier", "pvd", "vpah");

	/** A Java string literal, and an identifier as code writes it. */
	static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

	static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b");

	@Test
	void namesNoIdOfAShippedProgrammeInItsSources() throws IOException {
		Set<String> ids = shippedIds();
		assertThat(ids).as("the ids looked for").contains("ecoquartier", "CHARTER", "LABELLED", "PVD_ENGAGEMENT",
				"signed-charter", "projectManagerAnnualCost", "PREFET_REGION", "VerifyCharter");
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
				String code = withoutComments(Files.readString(file));
				Matcher literal = LITERAL.matcher(code);
				while (literal.find()) {
					for (String token : literal.group(1).split("[^A-Za-z0-9_-]+")) {
						if (ids.contains(token)) {
							found.add(SOURCES.relativize(file) + ": \"" + literal.group(1) + "\"");
						}
					}
				}
				Matcher identifier = IDENTIFIER.matcher(LITERAL.matcher(code).replaceAll("\"\""));
				while (identifier.find()) {
					if (ids.contains(identifier.group()) && identifier.group().matches("[A-Z][A-Z0-9_]+|[a-z]+")) {
						found.add(SOURCES.relativize(file) + ": " + identifier.group());
					}
				}
			}
		}
		assertThat(found).as("ids of shipped programmes written in the engine's code").isEmpty();
	}

	@Test
	void findsAnIdWrittenInCode() {
		String code = withoutComments("""
				// LABELLED in a comment is fine
				/* and CHARTER here too */
				String status = "LABELLED";
				""");
		assertThat(code).doesNotContain("CHARTER").contains("\"LABELLED\"");
	}

	/** Every id the shipped programmes declare or their processes use, as code could write it. */
	static Set<String> shippedIds() {
		Set<String> ids = new LinkedHashSet<>();
		for (String programme : SHIPPED) {
			Referential referential = Shipped.referential(programme);
			ids.add(referential.programme());
			referential.stages().forEach(stage -> ids.add(stage.id()));
			referential.statuses().forEach(status -> ids.add(status.id()));
			referential.certificates().forEach(certificate -> {
				ids.add(certificate.kind());
				ids.add(certificate.grantedBy().event());
			});
			referential.documentTypes().forEach(type -> ids.add(type.id()));
			referential.fields().forEach(field -> ids.add(field.id()));
			referential.roles().forEach(role -> ids.add(role.id()));
			referential.assessmentSources().forEach(source -> ids.add(source.id()));
			referential.deadlines().keySet().forEach(ids::add);
			referential.stageRules().forEach(rule -> ids.add(rule.step()));
			referential.subsidies().forEach(subsidy -> ids.add(subsidy.id()));
		}
		// Words the platform owns whatever the programme: the self-assessment source, the generic "other" document.
		ids.removeAll(Set.of(Referential.SELF, "other"));
		return ids;
	}

	static String withoutComments(String code) {
		return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ");
	}

}
