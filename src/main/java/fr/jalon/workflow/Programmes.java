package fr.jalon.workflow;

import fr.jalon.system.SingleLine;
import org.springframework.validation.annotation.Validated;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.InvalidInput.FieldError;
import fr.jalon.system.NotFound;
import fr.jalon.system.PlainText;
import fr.jalon.system.StrictReading;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programmes: each is its process (BPMN, whose id is the programme's) and its referential. An
 * administrator deploys both together, checked together first; deploying an id that exists makes its
 * next version: candidacies in progress keep the process and referential versions they started with.
 */
@Service
@Validated
public class Programmes {

	private static final Logger log = LoggerFactory.getLogger(Programmes.class);

	/** Where a deployment comes from: the files shipped in the jar, or an administrator. */
	static final String SHIPPED = "jalon-shipped";

	static final String ADMINISTRATOR = "jalon-administrator";

	/** Far above any real process (some tens of kilobytes), far below what could hurt. */
	static final int MAX_PROCESS = 2 * 1024 * 1024;

	/** As for a referential sent on its own (the YAML scanner slows down on huge documents). */
	static final int MAX_REFERENTIAL = fr.jalon.system.StrictReading.MAX_YAML;

	private final RepositoryService repository;

	private final Referentials referentials;

	private final ProcessValidator validator;

	private final ApplicationEventPublisher events;

	private final ObjectMapper yaml;

	Programmes(RepositoryService repository, Referentials referentials, ProcessValidator validator,
			ApplicationEventPublisher events) {
		this.repository = repository;
		this.referentials = referentials;
		this.validator = validator;
		this.events = events;
		this.yaml = StrictReading.yaml();
	}

	@Transactional(readOnly = true)
	public List<ProgrammeView> list() {
		return referentials.programmes().stream().flatMap(id -> find(id).stream()).toList();
	}

	@Transactional(readOnly = true)
	public ProgrammeView get(@SingleLine String id) {
		return find(id).orElseThrow(() -> new NotFound("Programme inconnu : « " + PlainText.excerpt(id) + " »."));
	}

	private Optional<ProgrammeView> find(String id) {
		Optional<Referential> definition = referentials.definition(id);
		Optional<ProcessDefinition> process = latest(id);
		if (definition.isEmpty() || process.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(ProgrammeView.of(definition.get(), process.get().getVersion()));
	}

	/** The BPMN of the process version new candidacies take, as deployed. */
	@Transactional(readOnly = true)
	public byte[] process(@SingleLine String id) {
		ProcessDefinition definition = latest(id).filter(found -> referentials.definition(id).isPresent())
			.orElseThrow(() -> new NotFound("Programme inconnu : « " + PlainText.excerpt(id) + " »."));
		try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(),
				definition.getResourceName())) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read the process of " + id, e);
		}
	}

	/**
	 * Deploys a programme, an administrator's act: its process and its referential (YAML or JSON), checked
	 * together; every fault in one 400, and nothing deployed. A new programme, or the next version of one.
	 */
	@Transactional
	public ProgrammeView deploy(JalonUser user, byte[] process, byte[] referential) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur déploie un programme.");
		}
		Checked checked = check(process, referential);
		String id = deploy(user, checked, ADMINISTRATOR);
		events.publishEvent(AuditEvent.on(user.getUsername(), "PROGRAMME_DEPLOYED", "programme:" + id,
				"version " + latest(id).orElseThrow().getVersion()));
		return get(id);
	}

	/**
	 * Deploys a programme shipped with Jalon at start: the referential only when the programme has none
	 * yet, the process only when it changed and no administrator has deployed the programme since (from
	 * then on, its versions are the administrators').
	 */
	@Transactional
	public String deployShipped(JalonUser system, byte[] process, byte[] referential) {
		BpmnModelInstance model = read(process).orElseThrow(
				() -> new IllegalStateException("A shipped process is unreadable"));
		String id = ProcessValidator.processId(model)
			.orElseThrow(() -> new IllegalStateException("A shipped process has no single executable process"));
		Optional<Referential> inUse = referentials.definition(id);
		if (inUse.isEmpty() || inUse.get().stages().isEmpty()) {
			// A new programme, or one whose referential in use predates programmes as data (it declares no
			// stage): the shipped pair is deployed, its referential under the next free version number.
			Checked checked = check(process, referential);
			int next = inUse.isEmpty() ? checked.referential().version()
					: referentials.versions(id).stream().mapToInt(fr.jalon.referential.VersionSummary::version).max().orElse(0) + 1;
			deploy(system, new Checked(checked.model(), process, checked.referential().asDraft(next)), SHIPPED);
			return id;
		}
		Optional<ProcessDefinition> latest = latest(id);
		Optional<org.camunda.bpm.engine.repository.Deployment> lastDeployment = latest
			.map(definition -> repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult());
		if (lastDeployment.isPresent() && !SHIPPED.equals(lastDeployment.get().getSource())) {
			return id;
		}
		List<FieldError> faults = validator.checkForDeployment(model, inUse.get());
		if (!faults.isEmpty() && lastDeployment.isPresent()
				&& publishedSince(id, inUse.get().version(), lastDeployment.get().getDeploymentTime().toInstant())) {
			// An administrator published the referential in use after the shipped process was deployed: the shipped
			// referential would replace it in silence. Nothing is deployed; the administrator deploys the pair.
			log.warn("The shipped process {} needs its shipped referential, but version {} of the referential, published"
					+ " by an administrator since the last shipped deployment, is in use: nothing deployed; deploy the"
					+ " pair from « Programmes » to bring the shipped process", id, inUse.get().version());
			return id;
		}
		if (!faults.isEmpty()) {
			// The changed process goes with its changed shipped referential (a stage, a status, a deadline more): the
			// pair is deployed, the referential under the next free version number; candidacies under way keep theirs.
			Checked checked;
			try {
				checked = check(process, referential);
			}
			catch (fr.jalon.system.InvalidInput ex) {
				throw new IllegalStateException("The shipped process " + id + " does not fit its referential in use: "
						+ faults + ", nor its shipped referential: " + ex.errors(), ex);
			}
			int next = referentials.versions(id).stream().mapToInt(fr.jalon.referential.VersionSummary::version).max()
				.orElse(0) + 1;
			deploy(system, new Checked(checked.model(), process, checked.referential().asDraft(next)), SHIPPED);
			return id;
		}
		deployProcess(id, process, SHIPPED);
		return id;
	}

	/**
	 * Whether a shipped process is, byte for byte (SHA-256), the one last deployed from the jar under its name, and
	 * its programme has a referential in use that declares its stages: then {@link #deployShipped} would deploy
	 * nothing (the engine filters the duplicate, or an administrator's deployment stands), and start-up skips it, its
	 * checks with it; they were made when those bytes were deployed, and each referential published since was checked
	 * against the process. A new or changed file answers false, and goes through {@link #deployShipped} as before.
	 * Only the programme's first deployment reads its criteria file, so the criteria take no part here.
	 */
	@Transactional(readOnly = true)
	boolean shippedUnchanged(String name, byte[] process) {
		return DeployedBytes.sameAsLast(repository, name, SHIPPED, name + ".bpmn", process)
				&& referentials.definition(name).filter(inUse -> !inUse.stages().isEmpty()).isPresent();
	}

	private record Checked(BpmnModelInstance model, byte[] process, Referential referential) {
	}

	private Checked check(byte[] process, byte[] referential) {
		List<FieldError> faults = new ArrayList<>();
		if (process == null || process.length == 0) {
			faults.add(new FieldError("process", "fichier BPMN manquant"));
		}
		if (referential == null || referential.length == 0) {
			faults.add(new FieldError("referential", "référentiel manquant (YAML ou JSON)"));
		}
		if (!faults.isEmpty()) {
			throw new InvalidInput("Un programme se déploie avec son processus et son référentiel ; rien n'a été déployé.",
					faults);
		}
		if (process.length > MAX_PROCESS || referential.length > MAX_REFERENTIAL) {
			throw new fr.jalon.system.TooLarge("Un processus ne dépasse pas 2 Mo, un référentiel 512 Ko.");
		}
		Optional<BpmnModelInstance> model = read(process);
		if (model.isEmpty()) {
			faults.add(new FieldError("process", "XML BPMN 2.0 illisible"));
		}
		Referential definition = null;
		Referential readable = null;
		JsonNode document = tree(referential, faults);
		if (document != null) {
			Referentials.Checked checked = referentials.check(document,
					model.map(ProcessValidator::userTasks).orElse(java.util.Set.of()));
			checked.faults().forEach(fault -> faults.add(new FieldError("referential:" + fault.field(), fault.message())));
			definition = checked.referential();
			readable = checked.bestEffort();
		}
		if (model.isPresent()) {
			faults.addAll(validator.checkForDeployment(model.get(), readable));
		}
		if (readable != null && readable.stages().isEmpty()) {
			faults.add(new FieldError("referential:/stages", "un programme déclare au moins une étape"));
		}
		if (readable != null) {
			referentials.roleConflicts(readable)
				.forEach(fault -> faults.add(new FieldError("referential:" + fault.field(), fault.message())));
		}
		if (!faults.isEmpty()) {
			throw new InvalidInput("Le programme comporte " + faults.size() + " erreur(s) ; rien n'a été déployé.", faults);
		}
		return new Checked(model.get(), process, definition);
	}

	private String deploy(JalonUser user, Checked checked, String source) {
		String id = checked.referential().programme();
		referentials.deploy(user, checked.referential());
		deployProcess(id, checked.process(), source);
		return id;
	}

	/** Deploys the process; what the engine's own parser refuses is a 400 naming the elements, as our checks are. */
	private void deployProcess(String id, byte[] process, String source) {
		try {
			repository.createDeployment()
				.name(id)
				.source(source)
				.enableDuplicateFiltering(SHIPPED.equals(source))
				.addInputStream(id + ".bpmn", new ByteArrayInputStream(process))
				.deploy();
		}
		catch (ParseException e) {
			List<FieldError> faults = e.getResorceReports()
				.stream()
				.flatMap(report -> report.getErrors().stream())
				.map(problem -> new FieldError("process:" + (problem.getMainElementId() == null ? id
						: problem.getMainElementId()), PlainText.excerpt(problem.getMessage(), 300)))
				.toList();
			throw new InvalidInput("Le moteur refuse le processus ; rien n'a été déployé.",
					faults.isEmpty() ? List.of(new FieldError("process", PlainText.excerpt(e.getMessage()))) : faults);
		}
	}

	/** Whether that version of the programme's referential was published after that instant (to the millisecond). */
	private boolean publishedSince(String id, int version, java.time.Instant instant) {
		return referentials.versions(id)
			.stream()
			.filter(summary -> summary.version() == version)
			.map(fr.jalon.referential.VersionSummary::publishedAt)
			.filter(java.util.Objects::nonNull)
			.anyMatch(published -> published.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).isAfter(instant));
	}

	private Optional<ProcessDefinition> latest(String id) {
		return Optional.ofNullable(
				repository.createProcessDefinitionQuery().processDefinitionKey(id).latestVersion().singleResult());
	}

	/** The model, if the bytes are BPMN 2.0 XML without a document type (no entity of any kind is read). */
	private static Optional<BpmnModelInstance> read(byte[] process) {
		if (new String(process, StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT).contains("<!DOCTYPE")) {
			return Optional.empty();
		}
		try {
			return Optional.of(Bpmn.readModelFromStream(new ByteArrayInputStream(process)));
		}
		catch (RuntimeException e) {
			return Optional.empty();
		}
	}

	/** The referential as a tree, YAML or JSON alike (JSON is YAML); one fault if it cannot be read. */
	private JsonNode tree(byte[] referential, List<FieldError> faults) {
		try {
			JsonNode document = yaml.readTree(new String(referential, StandardCharsets.UTF_8));
			if (document == null || !document.isObject()) {
				faults.add(new FieldError("referential", "le référentiel doit être un objet YAML ou JSON"));
				return null;
			}
			return document;
		}
		catch (IOException e) {
			faults.add(new FieldError("referential", "YAML ou JSON illisible"
					+ (e instanceof com.fasterxml.jackson.core.JsonProcessingException parse && parse.getLocation() != null
							? " (ligne " + parse.getLocation().getLineNr() + ")" : "")));
			return null;
		}
	}

}
