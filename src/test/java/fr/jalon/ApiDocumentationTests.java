package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.system.Roles;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document at {@code /v3/api-docs}: valid for a third-party parser, with every API endpoint of the access
 * matrix, and for each operation its roles and its problem responses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jalon.test.database=api-documentation")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentationTests {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

	@Autowired
	TestRestTemplate http;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	String document;

	JsonNode openApi;

	@BeforeAll
	void fetch() throws Exception {
		ResponseEntity<String> answer = http.withBasicAuth("mairie-albi", "demo").getForEntity("/v3/api-docs", String.class);
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
		document = answer.getBody();
		openApi = new ObjectMapper().readTree(document);
	}

	@Test
	void validatesWithAThirdPartyParser() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
		assertThat(parsed.getMessages()).isEmpty();
		assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
		assertThat(parsed.getOpenAPI().getInfo().getTitle()).isEqualTo("API Jalon");
		assertThat(parsed.getOpenAPI().getInfo().getVersion()).doesNotContain("@").isNotBlank();
		assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("basic", "bearer");
	}

	/** Every /api endpoint that the access matrix tries is in the document, with its method. */
	@Test
	void listsEveryEndpointOfTheAccessMatrix() {
		Map<String, Pattern> templates = new java.util.LinkedHashMap<>();
		openApi.get("paths").fieldNames().forEachRemaining(path -> templates.put(path,
				Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+\\}", "\\\\E[^/]+\\\\Q"))));
		Set<String> missing = new LinkedHashSet<>();
		Set<String> tried = new LinkedHashSet<>();
		for (String[] endpoint : accessMatrixEndpoints()) {
			String method = endpoint[0].toLowerCase();
			String path = endpoint[1].replaceFirst("\\?.*", "");
			if (!path.startsWith("/api/")) {
				continue;
			}
			tried.add(method + " " + path);
			boolean documented = templates.entrySet()
				.stream()
				.anyMatch(template -> template.getValue().matcher(path).matches()
						&& openApi.get("paths").get(template.getKey()).has(method));
			if (!documented) {
				missing.add(method.toUpperCase() + " " + path);
			}
		}
		assertThat(tried).hasSizeGreaterThan(40);
		assertThat(missing).isEmpty();
	}

	@Test
	void givesEveryOperationItsRolesProblemsTagAndId() {
		Set<String> ids = new HashSet<>();
		List<String> faults = new ArrayList<>();
		openApi.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
			if (!METHODS.contains(entry.getKey())) {
				return;
			}
			String name = entry.getKey().toUpperCase() + " " + path.getKey();
			JsonNode operation = entry.getValue();
			JsonNode roles = operation.get("x-jalon-roles");
			if (roles == null || roles.isEmpty()) {
				faults.add(name + ": no roles");
				return;
			}
			boolean open = roles.toString().contains(Roles.PUBLIC);
			JsonNode responses = operation.get("responses");
			for (String status : open ? List.of("400") : List.of("400", "401", "403")) {
				JsonNode response = responses.get(status);
				if (response == null || !response.path("$ref").asText().startsWith("#/components/responses/")) {
					faults.add(name + ": no problem response " + status);
				}
			}
			if (path.getKey().contains("{") && !responses.has("404")) {
				faults.add(name + ": no 404");
			}
			if (!entry.getKey().equals("get") && !responses.has("409")) {
				faults.add(name + ": no 409");
			}
			if (operation.path("tags").size() != 1) {
				faults.add(name + ": not one tag");
			}
			if (!operation.path("operationId").asText().matches("[a-z][a-zA-Z]*_[a-zA-Z]+")
					|| !ids.add(operation.get("operationId").asText())) {
				faults.add(name + ": operation id " + operation.path("operationId"));
			}
		}));
		assertThat(faults).isEmpty();
		assertThat(ids).contains("candidacy_submit", "task_complete");
		// One Problem schema, which every problem response refers to.
		openApi.get("components").get("responses").fields().forEachRemaining(response -> assertThat(
				response.getValue().get("content").get("application/problem+json").get("schema").get("$ref").asText())
			.isEqualTo("#/components/schemas/Problem"));
		assertThat(openApi.at("/paths/~1api~1certificates~1{code}/get/security")).isEmpty();
	}

	/** Every handler of /api carries @Roles, including those whose operation another shares (same path, method). */
	@Test
	void findsRolesOnEveryApiHandler() {
		List<String> without = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			boolean api = info.getPatternValues().stream().anyMatch(pattern -> pattern.startsWith("/api/"));
			if (api && AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Roles.class) == null
					&& AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Roles.class) == null) {
				without.add(handler.toString());
			}
		});
		assertThat(mappings.getHandlerMethods()).isNotEmpty();
		assertThat(without).isEmpty();
	}

	/**
	 * The main requests and answers have examples (a candidacy's creation, a task's completion), and they are true:
	 * the example request, sent, is accepted, and the example answer has no field the real answer lacks.
	 */
	@Test
	void showsTrueExamplesOfTheMainCalls() throws Exception {
		Api albi = new Api(http, "mairie-albi");
		JsonNode submit = openApi.at("/paths/~1api~1candidacies/post");
		JsonNode request = submit.at("/requestBody/content/application~1json/examples/exemple/value");
		assertThat(request.path("programme").asText()).isEqualTo("ecoquartier");
		ResponseEntity<JsonNode> created = albi.post("/api/candidacies", new ObjectMapper().treeToValue(request, Map.class));
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		JsonNode submitExample = submit.at("/responses/201/content/application~1json/examples/exemple/value");
		String id = created.getBody().get("id").asText();
		albi.upload(id, "signed-charter", "charte.pdf", Api.pdf("charte"));
		JsonNode complete = openApi.at("/paths/~1api~1tasks~1{id}~1complete/post");
		JsonNode completion = complete.at("/requestBody/content/application~1json/examples/exemple/value");
		assertThat(completion.path("outcome").asText()).isEqualTo("SUBMIT");
		ResponseEntity<JsonNode> completed = albi.post("/api/tasks/" + albi.task(id, "SubmitCharter") + "/complete",
				new ObjectMapper().treeToValue(completion, Map.class));
		assertThat(completed.getStatusCode().value()).as(String.valueOf(completed.getBody())).isEqualTo(200);
		assertFieldsAmong(complete.at("/responses/200/content/application~1json/examples/exemple/value"),
				completed.getBody());
		assertFieldsAmong(submitExample, created.getBody());
	}

	/** Every field of the example, at every depth, is one the real answer has (first item of an array). */
	private static void assertFieldsAmong(JsonNode example, JsonNode real) {
		assertThat(example.isMissingNode()).as("no example").isFalse();
		if (example.isObject()) {
			example.fieldNames().forEachRemaining(field -> {
				assertThat(real.has(field)).as(field + " in " + real).isTrue();
				assertFieldsAmong(example.get(field), real.get(field));
			});
		}
		else if (example.isArray() && !example.isEmpty() && !real.isEmpty()) {
			assertFieldsAmong(example.get(0), real.get(0));
		}
	}

	/** The pages' controllers are not in it. */
	@Test
	void leavesThePagesOut() {
		openApi.get("paths").fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/"));
	}

	/** The method and path of every case of the access matrix, its objects' ids made up (they only fill a path). */
	private static List<String[]> accessMatrixEndpoints() {
		AccessMatrixTests matrix = new AccessMatrixTests();
		matrix.albi = "C1";
		matrix.document = "D1";
		matrix.task = "T1";
		matrix.message = 1;
		matrix.attachment = 1;
		matrix.campaign = "K1";
		List<String[]> endpoints = new ArrayList<>();
		matrix.cases().forEach(arguments -> {
			Object[] values = arguments.get();
			endpoints.add(new String[] { (String) values[1], ((Supplier<?>) values[2]).get().toString() });
		});
		return endpoints;
	}

}
