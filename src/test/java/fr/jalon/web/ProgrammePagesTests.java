package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.List;

import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.security.JalonUser;
import fr.jalon.system.NotFound;
import fr.jalon.workflow.ProgrammeView;
import fr.jalon.workflow.Programmes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The administrators' programme pages: the list, a programme's declarations and its diagram, and
 * deployment through the form (every fault named, nothing deployed; or the programme in use). The same
 * application context as {@link WebPagesTests}.
 */
@SpringBootTest(properties = "jalon.test.database=web-pages")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammePagesTests {

	/** The test's own programme, deployed through the page. */
	static final String TRIAL = "essai-pages";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	Referentials referentials;

	@Autowired
	Programmes programmes;

	@Test
	void opensTheProgrammePagesToTheAdministratorOnly() throws Exception {
		for (String page : List.of("/administration/programmes", "/administration/programmes/ecoquartier",
				"/administration/programmes/pvd", "/administration/programmes/ecoquartier/processus.bpmn")) {
			assertThat(status(as(get(page), "admin"))).as(page + " as admin").isEqualTo(200);
			assertThat(status(as(get(page), "mairie-albi"))).as(page + " as a collectivité").isEqualTo(403);
			assertThat(status(as(get(page), "ddt-81"))).as(page + " as a reviewer").isEqualTo(403);
			MockHttpServletResponse anonymous = mvc.perform(get(page)).andReturn().getResponse();
			assertThat(anonymous.getStatus()).isEqualTo(302);
			assertThat(anonymous.getRedirectedUrl()).endsWith("/connexion");
		}
		assertThat(status(as(get("/administration/programmes/inconnu"), "admin"))).isEqualTo(404);
		assertThat(status(as(get("/administration/programmes/inconnu/processus.bpmn"), "admin"))).isEqualTo(404);
		assertThat(status(as(multipart("/administration/programmes").with(csrf()), "ddt-81"))).isEqualTo(403);
	}

	@Test
	void listsTheProgrammesInUseEachLinkingToItsPage() throws Exception {
		String html = body(as(get("/administration/programmes"), "admin"));
		assertThat(html.split("<h1", -1)).as("one h1").hasSize(2);
		for (ProgrammeView programme : programmes.list()) {
			assertThat(html).contains("href=\"/administration/programmes/" + programme.id() + "\"")
				.contains(html(programme.name()))
				.contains("<code>" + programme.id() + "</code>");
		}
		assertThat(html).contains("enctype=\"multipart/form-data\"")
			.contains("action=\"/administration/programmes\"")
			.contains("name=\"process\"")
			.contains("name=\"referential\"")
			.contains("name=\"_csrf\"");
		assertThat(body(as(get("/administration"), "admin"))).contains("href=\"/administration/programmes\"");
	}

	@Test
	void showsAProgrammesDeclarationsVersionsAndDiagram() throws Exception {
		Referential ecoquartier = referentials.definition("ecoquartier").orElseThrow();
		String html = body(as(get("/administration/programmes/ecoquartier"), "admin"));
		assertThat(html.split("<h1", -1)).as("one h1").hasSize(2);
		assertThat(ecoquartier.stages()).isNotEmpty();
		int last = -1;
		for (Referential.Label stage : ecoquartier.stages()) {
			int at = html.indexOf(html(stage.label()), last + 1);
			assertThat(at).as("stage " + stage.id() + " in order").isGreaterThan(last);
			last = at;
		}
		ecoquartier.statuses().forEach(status -> assertThat(html).contains(html(status.label())));
		ecoquartier.roles().forEach(role -> assertThat(html).contains(html(role.label())));
		ecoquartier.certificates()
			.forEach(certificate -> assertThat(html).contains(html(certificate.heading())));
		ecoquartier.documentTypes().forEach(type -> assertThat(html).contains(html(type.label())));
		referentials.versions("ecoquartier")
			.forEach(version -> assertThat(html)
				.contains("href=\"/administration/referentiels/ecoquartier/versions/" + version.version() + "\""));
		assertThat(html).contains("id=\"diagramme\"")
			.contains("data-processus=\"/administration/programmes/ecoquartier/processus.bpmn\"")
			.contains("<noscript>")
			// Static files under their versioned addresses (the content's MD5 in the name: HttpHygieneTests).
			.containsPattern("src=\"/vendor/bpmn-js/bpmn-viewer\\.production\\.min-[0-9a-f]{32}\\.js\"")
			.containsPattern("src=\"/js/diagramme-[0-9a-f]{32}\\.js\"")
			.containsPattern("href=\"/vendor/bpmn-js/diagram-js-[0-9a-f]{32}\\.css\"")
			.containsPattern("href=\"/vendor/bpmn-js/bpmn-js-[0-9a-f]{32}\\.css\"")
			.doesNotContain("<script>");

		MockHttpServletResponse bpmn = mvc
			.perform(as(get("/administration/programmes/ecoquartier/processus.bpmn"), "admin"))
			.andReturn()
			.getResponse();
		assertThat(bpmn.getContentType()).startsWith("application/xml");
		assertThat(bpmn.getContentAsByteArray()).isEqualTo(programmes.process("ecoquartier"));
	}

	@Test
	void servesTheVendoredViewerAndTheDiagramScript() throws Exception {
		for (String file : List.of("/vendor/bpmn-js/bpmn-viewer.production.min.js", "/vendor/bpmn-js/diagram-js.css",
				"/vendor/bpmn-js/bpmn-js.css", "/js/diagramme.js", "/css/diagramme.css")) {
			assertThat(status(as(get(file), "admin"))).as(file).isEqualTo(200);
		}
		assertThat(mvc.perform(as(get("/vendor/bpmn-js/bpmn-viewer.production.min.js"), "admin"))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("BpmnJS");
	}

	@Test
	void refusesAnInvalidPairNamingEveryFaultAndDeploysNothing() throws Exception {
		List<ProgrammeView> before = programmes.list();
		// A process whose id is not the referential's programme.
		MockHttpServletResponse response = mvc.perform(deploy(process("essai-autre"), referential("essai-invalide")))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("rien n&#39;a été déployé")
			.contains("Processus, élément essai-autre : l&#39;identifiant du processus doit être celui du programme"
					+ " du référentiel, « essai-invalide »")
			.contains("name=\"process\"");
		// A referential whose rule names a step the process does not have.
		MockHttpServletResponse unknownStep = mvc
			.perform(deploy(process("essai-invalide"), referential("essai-invalide").replace("step: Submit", "step: Inconnue")))
			.andReturn()
			.getResponse();
		assertThat(unknownStep.getStatus()).isEqualTo(400);
		assertThat(unknownStep.getContentAsString())
			.contains("Référentiel, /stageRules/0/step : étape inconnue « Inconnue »");
		assertThat(programmes.list()).isEqualTo(before);
		assertThat(referentials.definition("essai-invalide")).isEmpty();
		assertThat(referentials.definition("essai-autre")).isEmpty();
		assertThatThrownBy(() -> referentials.versions("essai-invalide")).isInstanceOf(NotFound.class);

		MockHttpServletResponse missing = mvc.perform(as(multipart("/administration/programmes").with(csrf()), "admin"))
			.andReturn()
			.getResponse();
		assertThat(missing.getStatus()).isEqualTo(400);
		assertThat(missing.getContentAsString()).contains("Processus : fichier BPMN manquant")
			.contains("Référentiel : référentiel manquant");
		assertThat(programmes.list()).isEqualTo(before);
	}

	@Test
	void deploysAProgrammeThroughThePageThenListsIt() throws Exception {
		MvcResult result = mvc.perform(deploy(process(TRIAL), referential(TRIAL))).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/administration/programmes/" + TRIAL);
		ProgrammeView deployed = programmes.get(TRIAL);
		assertThat((String) result.getFlashMap().get("message"))
			.isEqualTo("Programme « Programme d'essai » déployé (version " + deployed.version() + ").");
		assertThat(body(as(get("/administration/programmes"), "admin")))
			.contains("href=\"/administration/programmes/" + TRIAL + "\"")
			.contains("Programme d&#39;essai");
		assertThat(body(as(get("/administration/programmes/" + TRIAL), "admin"))).contains("Dossier")
			.contains("Terminée")
			.contains("Aucun : seule la collectivité a des tâches.");
	}

	// --- a small programme: one stage, one task of the collectivité, one end

	private static String process(String id) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
				xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions" targetNamespace="https://jalon.fr/bpmn">
				  <bpmn:process id="%s" name="Programme d'essai" isExecutable="true" camunda:historyTimeToLive="P30D">
				    <bpmn:startEvent id="Started" />
				    <bpmn:sequenceFlow id="f1" sourceRef="Started" targetRef="Entered" />
				    <bpmn:intermediateThrowEvent id="Entered">
				      <bpmn:extensionElements>
				        <camunda:executionListener event="start" delegateExpression="${enterStage}">
				          <camunda:field name="stage"><camunda:string>DOSSIER</camunda:string></camunda:field>
				        </camunda:executionListener>
				      </bpmn:extensionElements>
				    </bpmn:intermediateThrowEvent>
				    <bpmn:sequenceFlow id="f2" sourceRef="Entered" targetRef="Submit" />
				    <bpmn:userTask id="Submit" name="Déposer le dossier" camunda:candidateGroups="COLLECTIVITE:${collectivite}">
				      <bpmn:extensionElements>
				        <camunda:properties><camunda:property name="outcomes" value="SUBMIT" /></camunda:properties>
				      </bpmn:extensionElements>
				    </bpmn:userTask>
				    <bpmn:sequenceFlow id="f3" sourceRef="Submit" targetRef="Done" />
				    <bpmn:endEvent id="Done">
				      <bpmn:extensionElements>
				        <camunda:executionListener event="start" delegateExpression="${closeCandidacy}">
				          <camunda:field name="status"><camunda:string>DONE</camunda:string></camunda:field>
				        </camunda:executionListener>
				      </bpmn:extensionElements>
				    </bpmn:endEvent>
				  </bpmn:process>
				</bpmn:definitions>
				""".formatted(id);
	}

	private static String referential(String id) {
		return """
				programme: %s
				version: 1
				title: "Référentiel d'essai"
				name: "Programme d'essai"
				stages:
				  - { id: DOSSIER, label: "Dossier" }
				statuses:
				  - { id: DONE, label: "Terminée", success: true }
				documentTypes:
				  - { id: dossier, label: "Dossier de candidature" }
				scale:
				  - { id: OK, label: "Satisfaisant" }
				dimensions:
				  - id: D1
				    title: "Dimension unique"
				    criteria:
				      - { id: C1, title: "Critère unique" }
				stageRules:
				  - id: R1
				    step: Submit
				    documents: [dossier]
				""".formatted(id);
	}

	private MockHttpServletRequestBuilder deploy(String process, String referential) {
		return as(multipart("/administration/programmes")
			.file(new MockMultipartFile("process", "essai.bpmn", "application/xml", process.getBytes(StandardCharsets.UTF_8)))
			.file(new MockMultipartFile("referential", "essai.yaml", "application/yaml",
					referential.getBytes(StandardCharsets.UTF_8)))
			.with(csrf()), "admin");
	}

	// --- helpers, as in WebPagesTests

	/** A text as Thymeleaf escapes it. */
	private static String html(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

	private JalonUser as(String username) {
		return (JalonUser) accounts.loadUserByUsername(username);
	}

	private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
		return username == null ? request : request.with(user(as(username)));
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

}
