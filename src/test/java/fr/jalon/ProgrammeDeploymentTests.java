package fr.jalon;

import static fr.jalon.Jardins.PROCESS;
import static fr.jalon.Jardins.REFERENTIAL;
import static fr.jalon.Jardins.process;
import static fr.jalon.Jardins.referential;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.workflow.Programmes;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A programme the repository does not contain, written here as its two documents, deployed through the
 * API and run to its certificate with no Java of its own; every invalid pair refused whole; a redeployed
 * programme's candidacies keep the versions they started with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProgrammeDeploymentTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	@Autowired
	Programmes programmes;

	Api as(String username) {
		return new Api(http, username);
	}

	/** A fresh programme id, so that each test deploys a programme of its own in the shared database. */
	static String newId() {
		return "jardins-" + UUID.randomUUID().toString().substring(0, 8);
	}

	ResponseEntity<JsonNode> deploy(String username, String process, String referential) {
		return Jardins.deploy(http, username, process, referential);
	}

	static ByteArrayResource file(String name, String content) {
		return Jardins.file(name, content);
	}

	@Test
	void runsADeployedProgrammeToItsCertificateWithNoJavaOfItsOwn() {
		String id = newId();
		ResponseEntity<JsonNode> deployed = deploy("admin", process(id), referential(id));
		assertThat(deployed.getStatusCode()).as("%s", deployed.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(deployed.getHeaders().getLocation()).hasToString("/api/programmes/" + id);
		JsonNode programme = deployed.getBody();
		assertThat(programme.get("name").asText()).isEqualTo("Jardins partagés");
		assertThat(programme.get("version").asInt()).isEqualTo(1);
		assertThat(texts(programme.get("stages"), "id")).containsExactly("DOSSIER", "JURY");
		assertThat(programme.get("roles").get(0).get("scope").asText()).isEqualTo("region");
		assertThat(programme.get("campaigns").asBoolean()).isFalse();
		assertThat(texts(as("mairie-albi").get("/api/programmes").getBody(), "id")).contains(id);
		assertThat(new String(as("mairie-albi").bytes("/api/programmes/" + id + "/process").getBody(),
				StandardCharsets.UTF_8)).isEqualTo(process(id));

		// The role it declares is one an administrator can give, with the scope it declares.
		String jury = "jury-" + id;
		assertThat(as("admin").post("/api/accounts", Map.of("username", jury, "password", "jardin-partage-2026",
				"role", "JURY", "scope", "76")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(as("admin").post("/api/accounts", Map.of("username", jury + "-x", "password", "jardin-partage-2026",
				"role", "JURY")).getStatusCode()).as("a region-scoped role needs a region").isEqualTo(HttpStatus.BAD_REQUEST);
		Api juryOf76 = new Api(http.withBasicAuth(jury, "jardin-partage-2026"), null);

		Api albi = as("mairie-albi");
		ResponseEntity<JsonNode> created = albi.post("/api/candidacies",
				Map.of("programme", id, "collectivite", "81004", "title", "Jardin de la Madeleine"));
		assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
		String candidacy = created.getBody().get("id").asText();
		assertThat(created.getBody().get("stage").asText()).isEqualTo("DOSSIER");
		assertThat(created.getBody().get("programmeVersion").asInt()).isEqualTo(1);
		assertThat(juryOf76.get("/api/candidacies/" + candidacy).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(as("ddt-81").get("/api/candidacies/" + candidacy).getStatusCode())
			.as("a role the programme does not grant sees nothing of it").isEqualTo(HttpStatus.NOT_FOUND);

		String submit = albi.task(candidacy, "SubmitDossier");
		assertThat(albi.tasks(candidacy).get(0).get("due").asText()).as("its declared deadline").isNotEmpty();
		ResponseEntity<JsonNode> incomplete = albi.complete(submit, Map.of("outcome", "SUBMIT"));
		assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(texts(incomplete.getBody().get("missing"), null)).containsExactly("document:plan", "field:surface");
		assertThat(albi.upload(candidacy, "photo", "photo.pdf", Api.pdf("photo")).getStatusCode())
			.as("a document type it does not declare").isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(albi.upload(candidacy, "plan", "plan.pdf", Api.pdf("plan du jardin")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		ResponseEntity<JsonNode> mistyped = albi.complete(submit, Map.of("outcome", "SUBMIT", "data",
				Map.of("surface", "grande")));
		assertThat(mistyped.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(mistyped.getBody().get("errors").get(0).get("field").asText()).isEqualTo("data.surface");
		ResponseEntity<JsonNode> undeclared = albi.complete(submit, Map.of("outcome", "SUBMIT", "data",
				Map.of("budget", 1000)));
		assertThat(undeclared.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(undeclared.getBody().get("errors").get(0).get("field").asText()).isEqualTo("data.budget");
		ResponseEntity<JsonNode> submitted = albi.complete(submit, Map.of("outcome", "SUBMIT", "data",
				Map.of("surface", 420)));
		assertThat(submitted.getStatusCode()).as("%s", submitted.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(submitted.getBody().get("stage").asText()).isEqualTo("JURY");
		assertThat(submitted.getBody().get("data").get("surface").asDouble()).isEqualTo(420.0);

		ResponseEntity<JsonNode> decided = juryOf76.complete(juryOf76.task(candidacy, "JuryDecision"),
				Map.of("outcome", "APPROVE"));
		assertThat(decided.getStatusCode()).as("%s", decided.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(decided.getBody().get("status").asText()).isEqualTo("LABELLED");

		assertThat(albi.bytes("/api/candidacies/" + candidacy + "/certificate").getStatusCode())
			.as("issued by an asynchronous step").isEqualTo(HttpStatus.CONFLICT);
		Jobs.runAll(management);
		ResponseEntity<byte[]> pdf = albi.bytes("/api/candidacies/" + candidacy + "/certificate");
		assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
		String code = pdf.getHeaders().getContentDisposition().getFilename().replaceAll("^certificat-|\\.pdf$", "");
		JsonNode verified = as(null).get("/api/certificates/" + code).getBody();
		assertThat(verified.get("valid").asBoolean()).isTrue();
		assertThat(verified.get("kind").asText()).isEqualTo("DIPLOMA");
		assertThat(verified.get("programme").asText()).isEqualTo(id);
		assertThat(verified.get("heading").asText()).isEqualTo("Diplôme de jardin partagé");
		assertThat(verified.get("level").asText()).isEqualTo("Jardin partagé reconnu");
		assertThat(verified.get("decidedBy").asText()).isEqualTo("Jury de la région Occitanie");
	}

	/** A change to the valid pair, the fault it must produce (where it is, and part of what it says). */
	static Stream<Arguments> invalidPairs() {
		return Stream.of(
				invalid("unparseable XML", process -> process.substring(0, 400), UnaryOperator.identity(), "process",
						"illisible"),
				invalid("a process id other than the programme's",
						process -> process.replace("<bpmn:process id=\"PROGRAMME\"", "<bpmn:process id=\"autre\""),
						UnaryOperator.identity(), "process:autre", "programme"),
				invalid("a user task without outcomes",
						process -> process.replace("<camunda:property name=\"outcomes\" value=\"APPROVE,REJECT\" />", ""),
						UnaryOperator.identity(), "process:JuryDecision", "outcomes"),
				invalid("a user task without a candidate group",
						process -> process.replace(" camunda:candidateGroups=\"JURY:${region}\"", ""),
						UnaryOperator.identity(), "process:JuryDecision", "groupe candidat"),
				invalid("a candidate group of an undeclared role",
						process -> process.replace("JURY:${region}", "MAIRE:${region}"), UnaryOperator.identity(),
						"process:JuryDecision", "MAIRE"),
				invalid("a candidate group without the scope its role declares",
						process -> process.replace("JURY:${region}", "JURY:${departement}"), UnaryOperator.identity(),
						"process:JuryDecision", "JURY:${region}"),
				invalid("a delegate that does not exist",
						process -> process.replace("${issueCertificate}", "${grantDiploma}"), UnaryOperator.identity(),
						"process:IssueDiploma", "grantDiploma"),
				invalid("a class instead of a delegate",
						process -> process.replace("camunda:delegateExpression=\"${issueCertificate}\"",
								"camunda:class=\"java.lang.Runtime\""),
						UnaryOperator.identity(), "process:IssueDiploma", "delegateExpression"),
				invalid("an expression that reaches the engine through the execution",
						process -> process.replace("${decision == 'APPROVE'}",
								"${execution.getProcessEngineServices().getRuntimeService() != null}"),
						UnaryOperator.identity(), "process", "expression refusée"),
				invalid("an expression that calls a bean",
						process -> process.replace("JURY:${region}", "JURY:${candidacyService.toString()}"),
						UnaryOperator.identity(), "process", "expression refusée"),
				invalid("a script condition",
						process -> process.replace("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${decision == 'REJECT'}",
								"<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">true"),
						UnaryOperator.identity(), "process", "language"),
				invalid("a call to another process", process -> process.replace(
						"</bpmn:process>",
						"<bpmn:callActivity id=\"Elsewhere\" calledElement=\"ecoquartier\" /></bpmn:process>"),
						UnaryOperator.identity(), "process:Elsewhere", "autre processus"),
				invalid("a flow node without its references (bpmn.io reads them)",
						process -> process.replace("      <bpmn:incoming>F4</bpmn:incoming>\n", ""), UnaryOperator.identity(),
						"process:JuryDecision", "référence « incoming » manquante : le flux « F4 » mène à cet élément"),
				invalid("a process written without any reference, as for the engine alone",
						process -> process.replaceAll("\\s*<bpmn:(incoming|outgoing)>[^<]*</bpmn:(incoming|outgoing)>", ""),
						UnaryOperator.identity(), "process:Submitted", "référence « outgoing » manquante : le flux « F1 »"),
				invalid("a reference to a flow that leaves another node",
						process -> process.replace("<bpmn:outgoing>F5</bpmn:outgoing>", "<bpmn:outgoing>F4</bpmn:outgoing>"),
						UnaryOperator.identity(), "process:JuryDecision", "« F4 » ne part pas de cet élément"),
				invalid("an isolated element",
						process -> process.replace("</bpmn:process>", "<bpmn:endEvent id=\"Forgotten\" /></bpmn:process>"),
						UnaryOperator.identity(), "process:Forgotten", "élément isolé"),
				invalid("a flow without a condition beside conditional ones",
						process -> process.replace(
								"<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${decision == 'REJECT'}</bpmn:conditionExpression>", ""),
						UnaryOperator.identity(), "process:F7", "flux sans condition"),
				invalid("a delegate field written as an expression",
						process -> process.replace("<camunda:string>DIPLOMA</camunda:string>",
								"<camunda:expression>DIPLOMA</camunda:expression>"),
						UnaryOperator.identity(), "process", "expression"),
				invalid("a reserved variable for the actor", process -> process.replace(
						"<camunda:property name=\"outcomes\" value=\"APPROVE,REJECT\" />",
						"<camunda:property name=\"outcomes\" value=\"APPROVE,REJECT\" /><camunda:property name=\"recordsActorAs\" value=\"decision\" />"),
						UnaryOperator.identity(), "process:JuryDecision", "recordsActorAs"),
				invalid("an end status of the platform", UnaryOperator.identity(),
						referential -> referential.replace("{ id: REFUSED, label: \"Refusé\", success: false }",
								"{ id: WITHDRAWN, label: \"Refusé\", success: false }"),
						"referential:/statuses/1/id", "plateforme"),
				invalid("a role of the platform", UnaryOperator.identity(),
						referential -> referential.replace("  - { id: JURY, label: \"Jury régional\", scope: region }",
								"  - { id: JURY, label: \"Jury régional\", scope: region }\n  - { id: ADMIN, label: \"Admin\", scope: national }"),
						"referential:/roles/1/id", "plateforme"),
				invalid("campaigns without the stage where candidacies await the announcement", UnaryOperator.identity(),
						referential -> referential.replace("stages:\n", "campaigns: { announcedBy: JURY }\nstages:\n"),
						"referential:/campaigns/announcementStage", "obligatoire"),
				invalid("an undeclared stage",
						process -> process.replace("<camunda:string>JURY</camunda:string>",
								"<camunda:string>VISIT</camunda:string>"),
						UnaryOperator.identity(), "process:JuryStageEntered", "VISIT"),
				invalid("an undeclared status",
						process -> process.replace("<camunda:string>REFUSED</camunda:string>",
								"<camunda:string>ARCHIVED</camunda:string>"),
						UnaryOperator.identity(), "process:Refused", "ARCHIVED"),
				invalid("an undeclared certificate",
						process -> process.replace("<camunda:string>DIPLOMA</camunda:string>",
								"<camunda:string>MEDAL</camunda:string>"),
						UnaryOperator.identity(), "process:IssueDiploma", "MEDAL"),
				invalid("an undeclared deadline", process -> process.replace("'dossier'", "'visite'"),
						UnaryOperator.identity(), "process:SubmitDossier", "visite"),
				invalid("an undeclared document type", UnaryOperator.identity(),
						referential -> referential.replace("documents: [plan]", "documents: [photo]"),
						"referential:/stageRules/0/documents/0", "photo"),
				invalid("an undeclared data field", UnaryOperator.identity(),
						referential -> referential.replace("fields: [surface]", "fields: [budget]"),
						"referential:/stageRules/0/fields/0", "budget"),
				invalid("a stage rule on a step that is not a user task of the process", UnaryOperator.identity(),
						referential -> referential.replace("step: SubmitDossier", "step: VisitGarden"),
						"referential:/stageRules/0/step", "VisitGarden"),
				invalid("an unknown key in the referential", UnaryOperator.identity(),
						referential -> referential.replace("    fields: [surface]", "    field: [surface]"),
						"referential:/stageRules/0/field", "inconnu"),
				invalid("an unreadable referential", UnaryOperator.identity(), referential -> "stages: [ :",
						"referential", "illisible"),
				invalid("a role another programme declares with another kind of scope",
						process -> process.replace("JURY:${region}", "DDT:${region}"),
						referential -> referential.replace("{ id: JURY, label: \"Jury régional\", scope: region }",
								"{ id: DDT, label: \"DDT\", scope: region }").replace("escalateTo: JURY", "escalateTo: DDT"),
						"referential:/roles/0/scope", "ecoquartier"));
	}

	static Arguments invalid(String name, UnaryOperator<String> process, UnaryOperator<String> referential,
			String field, String message) {
		return Arguments.of(name, process, referential, field, message);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidPairs")
	void refusesAnInvalidPairWithEveryFaultAndDeploysNothing(String name, UnaryOperator<String> process,
			UnaryOperator<String> referential, String field, String message) {
		String id = newId();
		JsonNode before = as("admin").get("/api/programmes").getBody();

		ResponseEntity<JsonNode> refused = deploy("admin", process.apply(PROCESS).replace("PROGRAMME", id),
				referential.apply(REFERENTIAL).replace("PROGRAMME", id));

		assertThat(refused.getStatusCode()).as("%s", refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
		List<JsonNode> errors = new ArrayList<>();
		refused.getBody().get("errors").forEach(errors::add);
		assertThat(errors).as("%s", refused.getBody())
			.anySatisfy(error -> {
				assertThat(error.get("field").asText()).isEqualTo(field);
				assertThat(error.get("message").asText()).contains(message);
			});
		assertThat(as("admin").get("/api/programmes").getBody()).as("nothing deployed").isEqualTo(before);
		assertThat(as("admin").get("/api/programmes/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("admin").get("/api/referentials/" + id + "/versions").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void reportsEveryFaultOfBothDocumentsAtOnce() {
		String id = newId();
		ResponseEntity<JsonNode> refused = deploy("admin",
				process(id).replace("JURY:${region}", "MAIRE:${region}").replace("${issueCertificate}", "${x}"),
				referential(id).replace("documents: [plan]", "documents: [photo]"));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(texts(refused.getBody().get("errors"), "field")).contains("process:JuryDecision",
				"process:IssueDiploma", "referential:/stageRules/0/documents/0");
	}

	@Test
	void refusesAPartOtherThanTheTwoDocuments() {
		String id = newId();
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("process", file("programme.bpmn", process(id)));
		parts.add("referential", file("referentiel.yaml", referential(id)));
		parts.add("comment", "déployé pour essai");
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		ResponseEntity<JsonNode> refused = http.withBasicAuth("admin", "demo")
			.exchange("/api/programmes", HttpMethod.POST, new HttpEntity<>(parts, headers), JsonNode.class);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(texts(refused.getBody().get("errors"), "field")).containsExactly("comment");
		assertThat(as("admin").get("/api/programmes/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void forgetsAReferentialWhoseDeploymentTheEngineRefused() {
		String id = newId();
		// The engine's own parser refuses a history time to live it cannot read: after our checks.
		String refusedByTheEngine = process(id).replace("camunda:historyTimeToLive=\"P3650D\"",
				"camunda:historyTimeToLive=\"dix ans\"");
		ResponseEntity<JsonNode> refused = deploy("admin", refusedByTheEngine, referential(id));
		assertThat(refused.getStatusCode()).as("%s", refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(as("admin").get("/api/referentials/" + id + "/versions").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		ResponseEntity<JsonNode> deployed = deploy("admin", process(id),
				referential(id).replace("Jardins partagés, version 1", "Jardins partagés, version 1 corrigée"));
		assertThat(deployed.getStatusCode()).as("%s", deployed.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(as("admin").get("/api/referentials/" + id).getBody().get("title").asText())
			.as("what was stored, not what the refused deployment parsed").isEqualTo("Jardins partagés, version 1 corrigée");
	}

	@Test
	void refusesAReferentialVersionThatItsProcessCannotRunWith() {
		String id = newId();
		assertThat(deploy("admin", process(id), referential(id)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String withoutJury = referential(id).replace("version: 1", "version: 2").replace("  - { id: JURY, label: \"Jury\" }\n", "");
		ResponseEntity<JsonNode> refused = as("admin").postRaw("/api/referentials/" + id + "/versions", withoutJury,
				MediaType.parseMediaType("application/yaml"));
		assertThat(refused.getStatusCode()).as("%s", refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(texts(refused.getBody().get("errors"), "field")).contains("process:JuryStageEntered");
		assertThat(as("admin").get("/api/referentials/" + id + "/versions").getBody()).hasSize(1);
	}

	@Test
	void letsOnlyAnAdministratorDeploy() {
		String id = newId();
		assertThat(deploy("mairie-albi", process(id), referential(id)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(deploy("ddt-81", process(id), referential(id)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(deploy(null, process(id), referential(id)).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(deploy("admin", process(id), null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(as("admin").get("/api/programmes/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void keepsTheVersionsACandidacyStartedWithWhenTheProgrammeIsRedeployed() {
		String id = newId();
		assertThat(deploy("admin", process(id), referential(id)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Api albi = as("mairie-albi");
		String before = albi.post("/api/candidacies", Map.of("programme", id, "collectivite", "81004", "title", "Avant"))
			.getBody()
			.get("id")
			.asText();

		// Version 2: the dossier step is renamed and the referential asks for a photo as well.
		String process2 = process(id).replace("Déposer le dossier du jardin", "Déposer le dossier complet du jardin");
		String referential2 = referential(id).replace("version: 1", "version: 2")
			.replace("  - { id: plan, label: \"Plan du jardin\" }",
					"  - { id: plan, label: \"Plan du jardin\" }\n  - { id: photo, label: \"Photographie\" }")
			.replace("documents: [plan]", "documents: [plan, photo]");
		ResponseEntity<JsonNode> redeployed = deploy("admin", process2, referential2);
		assertThat(redeployed.getStatusCode()).as("%s", redeployed.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(redeployed.getBody().get("version").asInt()).isEqualTo(2);
		assertThat(redeployed.getBody().get("referentialVersion").asInt()).isEqualTo(2);
		assertThat(new String(albi.bytes("/api/programmes/" + id + "/process").getBody(), StandardCharsets.UTF_8))
			.isEqualTo(process2);

		String after = albi.post("/api/candidacies", Map.of("programme", id, "collectivite", "81004", "title", "Après"))
			.getBody()
			.get("id")
			.asText();

		JsonNode old = albi.get("/api/candidacies/" + before).getBody();
		assertThat(old.get("programmeVersion").asInt()).isEqualTo(1);
		assertThat(old.get("referentialVersion").asInt()).isEqualTo(1);
		assertThat(albi.tasks(before).get(0).get("name").asText()).isEqualTo("Déposer le dossier du jardin");
		JsonNode young = albi.get("/api/candidacies/" + after).getBody();
		assertThat(young.get("programmeVersion").asInt()).isEqualTo(2);
		assertThat(young.get("referentialVersion").asInt()).isEqualTo(2);
		assertThat(albi.tasks(after).get(0).get("name").asText()).isEqualTo("Déposer le dossier complet du jardin");

		// Each is held to its own version's rules, to its end.
		albi.upload(before, "plan", "plan.pdf", Api.pdf("plan"));
		albi.upload(after, "plan", "plan.pdf", Api.pdf("plan"));
		assertThat(albi.upload(before, "photo", "photo.pdf", Api.pdf("photo")).getStatusCode())
			.as("version 1 declares no photo").isEqualTo(HttpStatus.BAD_REQUEST);
		Map<String, Object> submit = Map.of("outcome", "SUBMIT", "data", Map.of("surface", 100));
		assertThat(albi.complete(albi.task(before, "SubmitDossier"), submit).getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<JsonNode> incomplete = albi.complete(albi.task(after, "SubmitDossier"), submit);
		assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(texts(incomplete.getBody().get("missing"), null)).containsExactly("document:photo");
	}

	@Test
	void keepsAnAdministratorsDeploymentOverTheShippedFilesAtStart() {
		JalonUser system = new JalonUser("system", null, Role.ADMIN, null, true);
		String shipped = newId();
		byte[] referential = referential(shipped).getBytes(StandardCharsets.UTF_8);
		programmes.deployShipped(system, process(shipped).getBytes(StandardCharsets.UTF_8), referential);
		programmes.deployShipped(system, process(shipped).getBytes(StandardCharsets.UTF_8), referential);
		assertThat(programmes.get(shipped).version()).as("the same files deploy nothing new").isEqualTo(1);
		String changed = process(shipped).replace("Décision du jury", "Décision du jury régional");
		programmes.deployShipped(system, changed.getBytes(StandardCharsets.UTF_8), referential);
		assertThat(programmes.get(shipped).version()).as("changed files of a shipped programme").isEqualTo(2);

		String administered = newId();
		assertThat(deploy("admin", process(administered), referential(administered)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		programmes.deployShipped(system, process(administered).replace("Décision du jury", "Autre décision")
			.getBytes(StandardCharsets.UTF_8), referential(administered).getBytes(StandardCharsets.UTF_8));
		assertThat(programmes.get(administered).version()).as("an administrator's deployment stands").isEqualTo(1);
		assertThat(new String(programmes.process(administered), StandardCharsets.UTF_8))
			.isEqualTo(process(administered));
	}

	static List<String> texts(JsonNode array, String field) {
		List<String> texts = new ArrayList<>();
		array.forEach(item -> texts.add(field == null ? item.asText() : item.get(field).asText()));
		return texts;
	}

}
