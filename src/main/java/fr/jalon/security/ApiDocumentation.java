package fr.jalon.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.system.Roles;
import fr.jalon.system.Paging;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI 3 document of {@code /api/**} at {@code /v3/api-docs} (springdoc-openapi, generated from the controllers:
 * a new controller appears in it by itself), and its browsable page, Swagger UI, at {@code /swagger-ui.html}.
 * <p>
 * What springdoc cannot see is added here, once for every operation: who may call it ({@link Roles}), its problem
 * responses (one {@code Problem} schema, one response per status, referenced), its tag (the module, i.e. the
 * package under {@code fr.jalon}), a stable operation id ({@code <controller>_<method>}), the paging parameters, and the
 * examples of {@code openapi/examples/<operation id>.request.json} / {@code .response.json} when there are some.
 * <p>
 * Who reads it: any signed-in user, by a page session (Swagger UI fetches it with the session's cookie) or by HTTP
 * Basic like the API; the anonymous get a 401. The document holds no data, only the contract, but the issue asks for
 * a page for signed-in users, and the pages of Swagger UI are behind the site's sign-in like every page.
 * <p>
 * Swagger UI runs under the site's Content-Security-Policy as it is (SecurityConfig.CONTENT_SECURITY_POLICY): its
 * index.html and swagger-initializer.js are files, nothing inline is needed. Its bundle tries one inline style at
 * start, which the browser refuses without any visible effect (checked in Chromium): the policy is not relaxed.
 */
@Configuration
class ApiDocumentation {

	/** The problem answers, by status: the response's name in {@code components/responses} and its description. */
	static final Map<String, String[]> PROBLEMS = problems();

	static final String PROBLEM_SCHEMA = "Problem";

	static final String BASIC = "basic";

	static final String BEARER = "bearer";

	/** The extension that lists an operation's roles, read by tools and by ApiDocumentationTests. */
	static final String ROLES_EXTENSION = "x-jalon-roles";

	private static final Map<String, String> ROLE_TEXTS = Map.of(Role.ADMIN, "administrateur", Role.COLLECTIVITE,
			"collectivité (sur ses candidatures)", Roles.REVIEWER,
			"rôle d’instruction que déclare le programme (services de l’État, experts, commissions, préfets…), dans son périmètre",
			Roles.SIGNED_IN, "tout compte connecté, dans son périmètre", Roles.SELF, "le titulaire du compte",
			Roles.PUBLIC, "public, sans identifiants");

	private static final String DESCRIPTION = """
			Le contrat de l'API de Jalon, produit à partir du code : chaque appel, qui peut le faire, ses réponses \
			d'erreur et, pour les principaux, des exemples.

			- **Identification** : HTTP Basic (identifiant et mot de passe d'un compte Jalon) ou, lorsqu'ils sont \
			disponibles, un jeton d'API personnel (`Authorization: Bearer …`). Sans identifiants : `401`.
			- **Rôles** : chaque opération indique les rôles admis (extension `x-jalon-roles`) ; le service vérifie en \
			plus le périmètre du compte (collectivité, département, région) : ce qu'un compte ne peut pas voir répond \
			`404`, ce qu'il voit sans pouvoir le faire `403`.
			- **Erreurs** : `application/problem+json` (RFC 9457), en français ; une donnée invalide est nommée dans \
			`errors` (`field`, `message`). Les corps sont lus strictement : un champ inconnu répond `400`.
			- **Listes** : paginées par `page` (à partir de 0) et `size` (1 à 500, 50 par défaut) ; le total dans \
			`X-Total-Count`, les pages voisines dans `Link`.
			""";

	static {
		// Paging is read from page and size by its own resolver: shown as those two parameters, not as an object.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Paging.class);
	}

	private static Map<String, String[]> problems() {
		Map<String, String[]> problems = new LinkedHashMap<>();
		problems.put("400", new String[] { "BadRequest", "Données invalides (nommées dans `errors`) ou requête illisible." });
		problems.put("401", new String[] { "Unauthorized", "Identifiants absents ou refusés." });
		problems.put("403", new String[] { "Forbidden", "Le rôle ou le périmètre du compte ne permet pas cette action." });
		problems.put("404", new String[] { "NotFound", "Introuvable, ou hors du périmètre du compte." });
		problems.put("409", new String[] { "Conflict", "L'état de l'objet ne permet pas cette action, ou il a changé entre-temps." });
		problems.put("413", new String[] { "PayloadTooLarge", "Corps ou fichier trop volumineux." });
		problems.put("415", new String[] { "UnsupportedMediaType", "Type de contenu non accepté." });
		return problems;
	}

	@Bean
	OpenAPI jalonOpenApi(ObjectProvider<BuildProperties> build) {
		// The build's version (META-INF/build-info.properties, written by the Spring Boot Maven plugin).
		String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev");
		Components components = new Components()
			.addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("Identifiant et mot de passe d'un compte Jalon."))
			.addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("Jeton d'API personnel, créé, nommé et révoqué par son titulaire ; "
								+ "montré une seule fois, avec une date d'expiration."))
			.addSchemas("FieldError",
					new ObjectSchema().description("Une donnée refusée : son nom tel que l'API l'écrit, et pourquoi.")
						.addProperty("field", new StringSchema().example("title"))
						.addProperty("message", new StringSchema().example("obligatoire"))
						.required(List.of("field", "message")))
			.addSchemas(PROBLEM_SCHEMA, problemSchema());
		PROBLEMS.forEach((status, problem) -> components.addResponses(problem[0],
				new ApiResponse().description(problem[1])
					.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))))));
		return new OpenAPI().info(new Info().title("API Jalon").version(version).description(DESCRIPTION))
			.components(components)
			.addSecurityItem(new SecurityRequirement().addList(BASIC))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	/** The body of every problem answer: see fr.jalon.system.Problems and ProblemJson, which write it. */
	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("Un problème (RFC 9457), en français.")
			.addProperty("type", new StringSchema().example("urn:jalon:problem:invalid-input"))
			.addProperty("title", new StringSchema().example("Données invalides"))
			.addProperty("status", new IntegerSchema().example(400))
			.addProperty("detail", new StringSchema().example("Le champ « title » est invalide : obligatoire"))
			.addProperty("instance", new StringSchema().example("/api/candidacies"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
						.description("Les données refusées (400, 409)."))
			.required(List.of("type", "title", "status"));
	}

	@Bean
	OperationCustomizer jalonOperations(ObjectMapper json) {
		return (operation, handler) -> {
			String module = module(handler);
			operation.setTags(List.of(module));
			operation.setOperationId(operationId(handler));
			Roles roles = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Roles.class);
			if (roles == null) {
				roles = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Roles.class);
			}
			boolean open = roles != null && Arrays.asList(roles.value()).contains(Roles.PUBLIC);
			if (roles != null) {
				operation.addExtension(ROLES_EXTENSION, List.of(roles.value()));
				String who = Arrays.stream(roles.value())
					.map(role -> ROLE_TEXTS.getOrDefault(role, role))
					.collect(Collectors.joining(" ; "));
				operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
						+ "**Rôles** : " + who + ".");
			}
			if (open) {
				operation.setSecurity(List.of());
			}
			if (Arrays.stream(handler.getMethodParameters())
				.anyMatch(parameter -> Paging.class.equals(parameter.getParameterType()))) {
				operation.addParametersItem(query(Paging.PAGE, "La page, à partir de 0.", 0, null, 0));
				operation.addParametersItem(query(Paging.SIZE, "Le nombre de lignes par page.", 1, Paging.MAX_SIZE,
						Paging.DEFAULT_SIZE));
			}
			problems(operation, handler, open);
			examples(operation, json);
			return operation;
		};
	}

	/**
	 * {@code <controller>_<method>}: {@code candidacy_submit} for CandidacyController.submit, {@code task_complete}
	 * for TaskController.complete; stable as long as the code's names are.
	 */
	private static String operationId(HandlerMethod handler) {
		String controller = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
		return Character.toLowerCase(controller.charAt(0)) + controller.substring(1) + "_" + handler.getMethod().getName();
	}

	/** The module: the package under fr.jalon, e.g. {@code candidacy}. */
	private static String module(HandlerMethod handler) {
		String name = handler.getBeanType().getPackageName();
		return name.substring(name.lastIndexOf('.') + 1);
	}

	private static Parameter query(String name, String description, int minimum, Integer maximum, int fallback) {
		IntegerSchema schema = new IntegerSchema();
		schema.minimum(java.math.BigDecimal.valueOf(minimum));
		if (maximum != null) {
			schema.maximum(java.math.BigDecimal.valueOf(maximum));
		}
		schema.setDefault(fallback);
		return new QueryParameter().name(name).description(description).required(false).schema(schema);
	}

	/**
	 * Which problems an operation may answer: 400 always (parameters and bodies are read strictly); 401 and 403
	 * unless it is public; 404 when its path names an object; 409 when it changes something; 413 and 415 when it
	 * takes a body.
	 */
	private static void problems(Operation operation, HandlerMethod handler, boolean open) {
		Set<RequestMethod> methods = Set.copyOf(Arrays.asList(
				AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
						org.springframework.web.bind.annotation.RequestMapping.class).method()));
		String path = String.join("", paths(handler));
		boolean changes = !methods.contains(RequestMethod.GET);
		List<String> statuses = new ArrayList<>(List.of("400"));
		if (!open) {
			statuses.addAll(List.of("401", "403"));
		}
		if (path.contains("{")) {
			statuses.add("404");
		}
		if (changes) {
			statuses.add("409");
		}
		if (operation.getRequestBody() != null) {
			statuses.addAll(List.of("413", "415"));
		}
		ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		for (String status : statuses) {
			responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + PROBLEMS.get(status)[0]));
		}
		operation.setResponses(responses);
	}

	private static List<String> paths(HandlerMethod handler) {
		List<String> paths = new ArrayList<>();
		var type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(),
				org.springframework.web.bind.annotation.RequestMapping.class);
		if (type != null) {
			paths.addAll(Arrays.asList(type.path()));
		}
		paths.addAll(Arrays.asList(AnnotatedElementUtils
			.findMergedAnnotation(handler.getMethod(), org.springframework.web.bind.annotation.RequestMapping.class)
			.path()));
		return paths;
	}

	/** The examples of {@code openapi/examples/<operation id>.request.json} and {@code .response.json}, if any. */
	private static void examples(Operation operation, ObjectMapper json) {
		Object request = example(json, operation.getOperationId() + ".request.json");
		if (request != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
			operation.getRequestBody().getContent().forEach((type, media) -> {
				if (type.contains("json")) {
					media.addExamples("exemple", new Example().value(request));
				}
			});
		}
		Object response = example(json, operation.getOperationId() + ".response.json");
		if (response != null && operation.getResponses() != null) {
			operation.getResponses()
				.entrySet()
				.stream()
				.filter(entry -> entry.getKey().startsWith("2") && entry.getValue().getContent() != null)
				.forEach(entry -> entry.getValue().getContent().forEach((type, media) -> {
					if (type.contains("json")) {
						media.addExamples("exemple", new Example().value(response));
					}
				}));
		}
	}

	private static Object example(ObjectMapper json, String name) {
		ClassPathResource file = new ClassPathResource("openapi/examples/" + name);
		if (!file.exists()) {
			return null;
		}
		try (InputStream in = file.getInputStream()) {
			return json.readValue(in, Object.class);
		}
		catch (IOException e) {
			throw new IllegalStateException("Unreadable OpenAPI example " + name, e);
		}
	}

	/**
	 * Who reads the document: a page session (Swagger UI), an API token (Bearer) or HTTP Basic; without either, a 401 problem. No session is
	 * created here, and no request is saved for after a sign-in.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain apiDocumentReaders(HttpSecurity http, Accounts accounts, ApiTokenService tokens,
			java.time.Clock clock) throws Exception {
		org.springframework.security.web.AuthenticationEntryPoint unauthorized = SecurityConfig.unauthorized(clock);
		return http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.addFilterBefore(new BearerTokens(tokens, unauthorized),
					org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
			.httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized))
			.exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) -> SecurityConfig
				.problem(response, 403, "Action non autorisée", "Votre rôle ne permet pas cette action.")))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.addFilterAfter(new SessionsFollowAccounts(accounts), LogoutFilter.class)
			.headers(SecurityConfig::headers)
			.build();
	}

}
