package fr.jalon.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.jalon.referential.Referential;
import fr.jalon.security.Role;
import fr.jalon.security.ScopeKind;
import fr.jalon.system.InvalidInput.FieldError;
import fr.jalon.system.PlainText;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConnector;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a programme's process against the engine's conventions and its referential, before anything is
 * deployed: every fault, each naming the BPMN element it is on ({@code process:SubmitCharter}). The
 * engine's vocabulary is written here once: the delegates and listeners a process may call (Spring beans of
 * this module), what their fields name in the referential, the outcomes, the messages, the variables.
 */
@Component
class ProcessValidator {

	/** What a delegate's field names in the referential. */
	enum Reference {

		STAGE, STATUS, CERTIFICATE, DEADLINE

	}

	/** The fields of the engine's delegates and listeners that name something the referential declares. */
	static final Map<String, Map<String, Reference>> FIELDS = Map.of("enterStage", Map.of("stage", Reference.STAGE),
			"closeCandidacy", Map.of("status", Reference.STATUS), "issueCertificate",
			Map.of("kind", Reference.CERTIFICATE), "requestCertificate", Map.of("kind", Reference.CERTIFICATE), "sendReminder", Map.of("deadline", Reference.DEADLINE),
			"escalateOverdueTask", Map.of("deadline", Reference.DEADLINE), "startDeadline",
			Map.of("deadline", Reference.DEADLINE), "checkEligibility", Map.of());

	/** The variables the engine sets or reads: a process may not overwrite them. */
	static final Set<String> RESERVED = Set.of(ProcessKeys.DECISION, ProcessKeys.ELIGIBLE, ProcessKeys.COLLECTIVITE,
			ProcessKeys.DEPARTEMENT, ProcessKeys.REGION, ProcessKeys.CAMPAIGN, "execution", "task", "deadlines");

	static final Set<String> OUTCOMES = Set.of("SUBMIT", "APPROVE", "REQUEST_CHANGES", "ADJOURN", "REJECT");

	static final Set<String> PROPERTIES = Set.of("outcomes", "assessmentSource", "indicatorField", "distinctFrom",
			"recordsActorAs", "showsEvaluation", "shows", "documentsOf", "requiresComment");

	private static final Pattern DELEGATE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)\\}");

	private static final Pattern DEADLINE_DATE = Pattern
		.compile("deadlines\\.(due|reminder)\\(\\s*execution\\s*,\\s*'([^']*)'\\s*(?:,\\s*(\\d+)\\s*)?\\)");

	/** An expression of the engine's language, wherever it is written. */
	private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)\\}");

	/** What an expression may hold once its deadline dates are set aside: names, literals, comparisons. */
	private static final Pattern HARMLESS = Pattern.compile("[\\sA-Za-z0-9_'=!<>&|]*");

	/** What runs code other than the engine's own delegates: scripts, classes, connectors, loaded resources. */
	private static final Pattern FORBIDDEN_CONSTRUCTS = Pattern.compile(
			"(:(script|connector|expression)[\\s>/])|(:(resource|class|expression|variableMappingClass|"
					+ "variableMappingDelegateExpression|topic)\\s*=)|(scriptFormat\\s*=)|(\\slanguage\\s*=)");

	private static final Pattern GROUP = Pattern.compile("([A-Z][A-Z0-9_]*)(?::\\$\\{([a-z]+)\\})?");

	private final ListableBeanFactory beans;

	ProcessValidator(ListableBeanFactory beans) {
		this.beans = beans;
	}

	/**
	 * The faults of a process for the programme {@code referential} declares; {@code referential} may be
	 * null (itself invalid), and then only what does not depend on it is checked.
	 */
	List<FieldError> check(BpmnModelInstance model, Referential referential) {
		List<FieldError> faults = new ArrayList<>(expressions(org.camunda.bpm.model.bpmn.Bpmn.convertToString(model)));
		Collection<Process> processes = model.getModelElementsByType(Process.class);
		List<Process> executable = processes.stream().filter(Process::isExecutable).toList();
		if (executable.size() != 1) {
			faults.add(fault("definitions", "un seul processus exécutable attendu, " + executable.size() + " trouvé(s)"));
			return faults;
		}
		Process process = executable.get(0);
		if (referential != null && !process.getId().equals(referential.programme())) {
			faults.add(fault(process.getId(), "l'identifiant du processus doit être celui du programme du référentiel, « "
					+ referential.programme() + " »"));
		}
		if (CertificateRequests.PROCESS.equals(process.getId())) {
			faults.add(fault(process.getId(), "identifiant réservé au processus des certificats du moteur"));
		}
		if (process.getCamundaHistoryTimeToLiveString() == null) {
			faults.add(fault(process.getId(), "camunda:historyTimeToLive manquant (durée de conservation de l'historique)"));
		}
		Set<String> userTasks = model.getModelElementsByType(UserTask.class)
			.stream()
			.map(UserTask::getId)
			.collect(Collectors.toSet());
		model.getModelElementsByType(UserTask.class).forEach(task -> userTask(task, userTasks, referential, faults));
		for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
			if (task.getCamundaClass() != null || task.getCamundaExpression() != null || task.getCamundaType() != null) {
				faults.add(fault(task.getId(), "seul camunda:delegateExpression=\"${…}\" est accepté"));
			}
			else {
				delegate(task.getId(), task.getCamundaDelegateExpression(), JavaDelegate.class,
						fields(task.getExtensionElements() == null ? List.of()
								: task.getExtensionElements().getElementsQuery().filterByType(CamundaField.class).list()),
						referential, faults);
			}
		}
		for (MessageEventDefinition message : model.getModelElementsByType(MessageEventDefinition.class)) {
			if (message.getCamundaClass() != null || message.getCamundaDelegateExpression() != null
					|| message.getCamundaExpression() != null || message.getCamundaType() != null
					|| message.getCamundaTopic() != null) {
				faults.add(fault(ownerId(message), "un événement message n'exécute rien : ni classe, ni délégué, ni expression"));
			}
		}
		for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
			if (condition.getLanguage() != null || condition.getCamundaResource() != null) {
				faults.add(fault(ownerId(condition), "une condition est une expression ${…}, pas un script"));
			}
		}
		for (Class<? extends ModelElementInstance> refused : List.of(CamundaScript.class, CamundaConnector.class,
				CallActivity.class)) {
			model.getModelElementsByType(refused)
				.forEach(element -> faults.add(fault(ownerId(element), "ni script, ni connecteur, ni appel d'un autre processus")));
		}
		for (CamundaField field : model.getModelElementsByType(CamundaField.class)) {
			if (field.getCamundaExpression() != null || field.getCamundaExpressionChild() != null) {
				faults.add(fault(ownerId(field), "le champ « " + field.getCamundaName()
						+ " » est un texte (camunda:string), pas une expression"));
			}
		}
		for (Class<? extends BaseElement> refused : List.of(ScriptTask.class, BusinessRuleTask.class, SendTask.class)) {
			model.getModelElementsByType(refused)
				.forEach(task -> faults.add(fault(task.getId(), "type de tâche non pris en charge ; utilisez une tâche de service")));
		}
		for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
			listener(ownerId(listener), listener.getCamundaDelegateExpression(), listener.getCamundaClass() != null
					|| listener.getCamundaExpression() != null || listener.getCamundaScript() != null,
					ExecutionListener.class, listener.getCamundaFields(), referential, faults);
		}
		for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
			listener(ownerId(listener), listener.getCamundaDelegateExpression(), listener.getCamundaClass() != null
					|| listener.getCamundaExpression() != null || listener.getCamundaScript() != null,
					TaskListener.class, listener.getCamundaFields(), referential, faults);
		}
		for (Message message : model.getModelElementsByType(Message.class)) {
			boolean known = ProcessKeys.WITHDRAWAL_MESSAGE.equals(message.getName())
					|| ProcessKeys.ANNOUNCEMENT_MESSAGE.equals(message.getName()) && (referential == null
							|| referential.runsCampaigns());
			if (!known) {
				faults.add(fault(message.getId(), "message inconnu « " + message.getName() + " » ; messages possibles : "
						+ ProcessKeys.WITHDRAWAL_MESSAGE + ", et " + ProcessKeys.ANNOUNCEMENT_MESSAGE
						+ " pour un programme à campagnes"));
			}
		}
		if (referential != null) {
			deadlineDates(model, referential, faults);
			if (referential.runsCampaigns() && model.getModelElementsByType(Message.class)
				.stream()
				.noneMatch(message -> ProcessKeys.ANNOUNCEMENT_MESSAGE.equals(message.getName()))) {
				faults.add(fault(process.getId(), "un programme à campagnes attend l'annonce commune : un événement "
						+ "intermédiaire sur le message " + ProcessKeys.ANNOUNCEMENT_MESSAGE));
			}
		}
		return faults.stream().distinct().toList();
	}

	/**
	 * The faults of a process about to be deployed: those of {@link #check}, and its {@link #flows}. These are
	 * not part of {@link #check}, which a referential's new version also passes against the process in use: a
	 * process deployed before they were checked keeps taking new referential versions.
	 */
	List<FieldError> checkForDeployment(BpmnModelInstance model, Referential referential) {
		List<FieldError> faults = new ArrayList<>(check(model, referential));
		flows(model).stream().filter(fault -> !faults.contains(fault)).forEach(faults::add);
		return faults;
	}

	/**
	 * What bpmn.io's tools read of the flows, checked as bpmnlint's recommended rules do: each flow node cites
	 * exactly the sequence flows that reach it ({@code incoming}) and leave it ({@code outgoing}), the engine
	 * reading only their {@code sourceRef} and {@code targetRef}; none stands alone, outside event sub-processes
	 * and compensation (no-disconnected); and once a node's outgoing flows carry conditions, each of them has one
	 * or is the default (conditional-flows), else the engine would take the one without a condition whatever the
	 * others say.
	 */
	static List<FieldError> flows(BpmnModelInstance model) {
		List<FieldError> faults = new ArrayList<>();
		Collection<SequenceFlow> flows = model.getModelElementsByType(SequenceFlow.class);
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			Set<String> reaching = new TreeSet<>();
			Set<String> leaving = new TreeSet<>();
			for (SequenceFlow flow : flows) {
				if (flow.getTarget() == node) {
					reaching.add(flow.getId());
				}
				if (flow.getSource() == node) {
					leaving.add(flow.getId());
				}
			}
			references(node, "incoming", reaching, "mène", faults);
			references(node, "outgoing", leaving, "part", faults);
			boolean compensation = node instanceof Activity activity && activity.isForCompensation()
					|| node instanceof BoundaryEvent boundary && boundary.getEventDefinitions()
						.stream()
						.anyMatch(CompensateEventDefinition.class::isInstance);
			boolean eventSubProcess = node instanceof SubProcess sub && sub.triggeredByEvent();
			if (reaching.isEmpty() && leaving.isEmpty() && !compensation && !eventSubProcess) {
				faults.add(fault(node.getId(), "élément isolé : aucun flux de séquence n'y mène ni n'en part"));
			}
			String fallback = node.getAttributeValue("default");
			List<SequenceFlow> out = flows.stream().filter(flow -> flow.getSource() == node).toList();
			if (fallback != null || out.stream().anyMatch(flow -> flow.getConditionExpression() != null)) {
				out.stream()
					.filter(flow -> flow.getConditionExpression() == null && !flow.getId().equals(fallback))
					.forEach(flow -> faults.add(fault(flow.getId(), "flux sans condition : « " + node.getId()
							+ " » choisit entre ses flux sortants par leurs conditions ; donnez-lui une condition, ou "
							+ "faites-en le flux par défaut (default)")));
			}
		}
		return faults;
	}

	/**
	 * The node's {@code incoming} or {@code outgoing} references against the flows that reach it or leave it
	 * ({@code verb}: « mène » à, « part » de).
	 */
	private static void references(FlowNode node, String kind, Set<String> expected, String verb,
			List<FieldError> faults) {
		String relation = "mène".equals(verb) ? "à" : "de";
		Set<String> cited = new TreeSet<>();
		for (DomElement reference : node.getDomElement().getChildElementsByNameNs(BpmnModelConstants.BPMN20_NS, kind)) {
			String id = reference.getTextContent().strip();
			if (node.getModelInstance().getModelElementById(id) instanceof SequenceFlow) {
				cited.add(id);
			}
			else {
				faults.add(fault(node.getId(), "référence « " + kind + " » à « " + PlainText.excerpt(id, 80)
						+ " » : aucun flux de séquence ne porte cet identifiant"));
			}
		}
		expected.stream()
			.filter(id -> !cited.contains(id))
			.forEach(id -> faults.add(fault(node.getId(), "référence « " + kind + " » manquante : le flux « " + id
					+ " » " + verb + " " + relation + " cet élément, qui doit le citer (<bpmn:" + kind + ">" + id
					+ "</bpmn:" + kind + ">)")));
		cited.stream()
			.filter(id -> !expected.contains(id))
			.forEach(id -> faults.add(fault(node.getId(), "référence « " + kind + " » en trop : le flux « " + id
					+ " » ne " + verb + " pas " + relation + " cet élément")));
	}

	/** A listener calls one of the engine's listeners by delegate expression, never a class or a script. */
	private void listener(String at, String expression, boolean otherwise, Class<?> kind,
			Collection<CamundaField> fields, Referential referential, List<FieldError> faults) {
		if (otherwise) {
			faults.add(fault(at, "seul delegateExpression=\"${…}\" est accepté pour un écouteur"));
		}
		else {
			delegate(at, expression, kind, fields(fields), referential, faults);
		}
	}

	/**
	 * Expressions may name variables and the engine's beans, compare them with literals, and call
	 * {@code deadlines.due/reminder(execution, '…')}: nothing else, so that a deployed process can reach
	 * neither the engine's services nor any other bean through {@code execution} or a method call.
	 */
	static List<FieldError> expressions(String xml) {
		List<FieldError> faults = new ArrayList<>();
		Matcher refused = FORBIDDEN_CONSTRUCTS.matcher(xml);
		while (refused.find()) {
			faults.add(new FieldError("process", "« " + refused.group().strip()
					+ " » n'est pas accepté : ni script, ni classe, ni expression hors des délégués du moteur"));
		}
		Matcher expression = EXPRESSION.matcher(xml);
		while (expression.find()) {
			String body = DEADLINE_DATE.matcher(expression.group(1)).replaceAll("deadline");
			if (expression.group().startsWith("#") || !HARMLESS.matcher(body).matches()) {
				faults.add(new FieldError("process", "expression refusée « " + PlainText.excerpt(expression.group(), 120)
						+ " » : seules des variables, des comparaisons et ${deadlines.due(execution, '…')} ou "
						+ "${deadlines.reminder(execution, '…', n)} sont permises"));
			}
		}
		return faults;
	}

	private void userTask(UserTask task, Set<String> userTasks, Referential referential, List<FieldError> faults) {
		Map<String, String> properties = TaskProperties.of(task);
		properties.keySet()
			.stream()
			.filter(name -> !PROPERTIES.contains(name))
			.forEach(name -> faults.add(fault(task.getId(), "propriété inconnue « " + name + " » ; propriétés possibles : "
					+ String.join(", ", PROPERTIES.stream().sorted().toList()))));
		List<String> outcomes = TaskProperties.outcomes(properties);
		if (outcomes.isEmpty()) {
			faults.add(fault(task.getId(), "tâche sans issues : propriété « outcomes » (parmi "
					+ String.join(", ", OUTCOMES.stream().sorted().toList()) + ")"));
		}
		outcomes.stream()
			.filter(outcome -> !OUTCOMES.contains(outcome))
			.forEach(outcome -> faults.add(fault(task.getId(), "issue inconnue « " + outcome + " »")));
		String indicatorField = properties.get("indicatorField");
		if (indicatorField != null && !Set.of("target", "value").contains(indicatorField)) {
			faults.add(fault(task.getId(), "indicatorField : « target » ou « value »"));
		}
		String actorVariable = properties.get("recordsActorAs");
		if (actorVariable != null && (!actorVariable.matches("[a-z][A-Za-z0-9]{0,63}") || RESERVED.contains(actorVariable)
				|| actorVariable.startsWith(ProcessKeys.DEADLINE_START))) {
			faults.add(fault(task.getId(), "recordsActorAs : un nom de variable à soi, hors de "
					+ String.join(", ", RESERVED.stream().sorted().toList())));
		}
		String twin = properties.get("distinctFrom");
		if (twin != null && !userTasks.contains(twin)) {
			faults.add(fault(task.getId(), "distinctFrom : « " + twin + " » n'est pas une tâche utilisateur du processus"));
		}
		TaskProperties.shows(properties)
			.stream()
			.filter(shown -> !TaskProperties.SHOWN.contains(shown))
			.forEach(shown -> faults.add(fault(task.getId(), "shows : « " + shown + " » inconnu ; possibles : "
					+ String.join(", ", TaskProperties.SHOWN))));
		TaskProperties.documentsOf(properties)
			.stream()
			.filter(step -> !userTasks.contains(step))
			.forEach(step -> faults.add(
					fault(task.getId(), "documentsOf : « " + step + " » n'est pas une tâche utilisateur du processus")));
		String required = properties.get("requiresComment");
		if (required != null && !Set.of("true", "false").contains(required)) {
			faults.add(fault(task.getId(), "requiresComment : « true » ou « false »"));
		}
		String groups = task.getCamundaCandidateGroups();
		if (groups == null || groups.isBlank()) {
			faults.add(fault(task.getId(), "tâche sans groupe candidat (camunda:candidateGroups, par exemple "
					+ Role.COLLECTIVITE + ":${collectivite})"));
			return;
		}
		for (String group : groups.split(",")) {
			candidateGroup(task.getId(), group.strip(), referential, faults);
		}
		if (referential != null) {
			String source = properties.get("assessmentSource");
			if (source != null && referential.assessmentSource(source).isEmpty()) {
				faults.add(fault(task.getId(), "source d'évaluation non déclarée « " + source + " » (assessmentSources)"));
			}
		}
	}

	/** {@code COLLECTIVITE:${collectivite}}, or a declared role with the variable of its scope kind. */
	private static void candidateGroup(String at, String group, Referential referential, List<FieldError> faults) {
		Matcher matcher = GROUP.matcher(group);
		if (!matcher.matches()) {
			faults.add(fault(at, "groupe candidat « " + group + " » : ROLE, ROLE:${departement}, ROLE:${region} ou "
					+ Role.COLLECTIVITE + ":${collectivite}"));
			return;
		}
		String role = matcher.group(1);
		String variable = matcher.group(2);
		if (Role.COLLECTIVITE.equals(role)) {
			if (!ProcessKeys.COLLECTIVITE.equals(variable)) {
				faults.add(fault(at, "groupe candidat de la collectivité : " + Role.COLLECTIVITE + ":${collectivite}"));
			}
			return;
		}
		if (Role.ADMIN.equals(role) || referential == null) {
			if (Role.ADMIN.equals(role)) {
				faults.add(fault(at, "l'administrateur n'est pas un groupe candidat"));
			}
			return;
		}
		Optional<Referential.RoleDeclaration> declared = referential.role(role);
		if (declared.isEmpty()) {
			faults.add(fault(at, "rôle non déclaré « " + role + " » (roles du référentiel)"));
			return;
		}
		String expected = switch (declared.get().scope()) {
			case DEPARTEMENT -> ProcessKeys.DEPARTEMENT;
			case REGION -> ProcessKeys.REGION;
			case NATIONAL -> null;
		};
		if (expected == null ? variable != null : !expected.equals(variable)) {
			faults.add(fault(at, "groupe candidat « " + group + " » : le rôle " + role + " a pour périmètre "
					+ scopeName(declared.get().scope()) + ", écrivez "
					+ (expected == null ? role : role + ":${" + expected + "}")));
		}
	}

	private static String scopeName(ScopeKind kind) {
		return switch (kind) {
			case DEPARTEMENT -> "un département";
			case REGION -> "une région";
			case NATIONAL -> "le pays entier";
		};
	}

	/** A delegate expression names a bean of this module of the right kind, with fields it takes. */
	private void delegate(String at, String expression, Class<?> kind, Map<String, String> fields,
			Referential referential, List<FieldError> faults) {
		Matcher matcher = expression == null ? null : DELEGATE.matcher(expression.strip());
		if (matcher == null || !matcher.matches()) {
			faults.add(fault(at, "camunda:delegateExpression attendu, de la forme ${nom}"));
			return;
		}
		String name = matcher.group(1);
		Map<String, Reference> known = FIELDS.get(name);
		if (known == null || !beans.containsBean(name) || !beans.isTypeMatch(name, kind)) {
			faults.add(fault(at, "délégué inconnu « " + name + " » ; délégués possibles : " + String.join(", ",
					FIELDS.keySet().stream().filter(candidate -> beans.containsBean(candidate)
							&& beans.isTypeMatch(candidate, kind)).sorted().toList())));
			return;
		}
		known.keySet()
			.stream()
			.filter(field -> !fields.containsKey(field))
			.forEach(field -> faults.add(fault(at, "champ « " + field + " » manquant pour ${" + name + "}")));
		fields.forEach((field, value) -> {
			Reference reference = known.get(field);
			if (reference == null) {
				faults.add(fault(at, "champ inconnu « " + field + " » pour ${" + name + "}"));
			}
			else if (referential != null && !declares(referential, reference, value)) {
				faults.add(fault(at, switch (reference) {
					case STAGE -> "étape non déclarée « " + value + " » (stages)";
					case STATUS -> "état final non déclaré « " + value + " » (statuses)";
					case CERTIFICATE -> "certificat non déclaré « " + value + " » (certificates)";
					case DEADLINE -> "échéance non déclarée « " + value + " » (deadlines)";
				}));
			}
		});
	}

	private static boolean declares(Referential referential, Reference reference, String value) {
		return value != null && switch (reference) {
			case STAGE -> referential.stage(value).isPresent();
			case STATUS -> referential.endStatus(value).isPresent();
			case CERTIFICATE -> referential.certificate(value).isPresent();
			case DEADLINE -> referential.deadlines().containsKey(value);
		};
	}

	/** {@code ${deadlines.due(execution, 'name')}} and {@code reminder(…, n)}: in due dates and timers. */
	private static void deadlineDates(BpmnModelInstance model, Referential referential, List<FieldError> faults) {
		Map<String, String> expressions = new java.util.LinkedHashMap<>();
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			expressions.merge(task.getId(), String.valueOf(task.getCamundaDueDate()) + "\n"
					+ task.getCamundaFollowUpDate(), (a, b) -> a + "\n" + b);
		}
		for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
			String text = java.util.stream.Stream.of(timer.getTimeDate(), timer.getTimeDuration(), timer.getTimeCycle())
				.filter(java.util.Objects::nonNull)
				.map(ModelElementInstance::getTextContent)
				.collect(Collectors.joining("\n"));
			expressions.merge(ownerId(timer), text, (a, b) -> a + "\n" + b);
		}
		expressions.forEach((at, text) -> {
			Matcher matcher = DEADLINE_DATE.matcher(text);
			while (matcher.find()) {
				Referential.Deadline deadline = referential.deadlines().get(matcher.group(2));
				if (deadline == null) {
					faults.add(fault(at, "échéance non déclarée « " + matcher.group(2) + " » (deadlines)"));
				}
				else if ("reminder".equals(matcher.group(1)) && (matcher.group(3) == null
						|| Integer.parseInt(matcher.group(3)) < 1
						|| Integer.parseInt(matcher.group(3)) > deadline.reminders().size())) {
					faults.add(fault(at, "l'échéance « " + matcher.group(2) + " » a " + deadline.reminders().size()
							+ " relance(s) ; reminder(execution, '" + matcher.group(2) + "', n) avec n de 1 à "
							+ deadline.reminders().size()));
				}
			}
		});
	}

	private static Map<String, String> fields(Collection<CamundaField> fields) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		for (CamundaField field : fields) {
			String value = field.getCamundaStringValue();
			if (value == null && field.getCamundaString() != null) {
				value = field.getCamundaString().getTextContent();
			}
			values.put(field.getCamundaName(), value == null ? null : value.strip());
		}
		return values;
	}

	private static String ownerId(ModelElementInstance element) {
		for (ModelElementInstance current = element; current != null; current = current.getParentElement()) {
			if (current instanceof BaseElement base && base.getId() != null) {
				return base.getId();
			}
		}
		return "definitions";
	}

	private static FieldError fault(String elementId, String message) {
		return new FieldError("process:" + elementId, message);
	}

	/** The ids of the process's user tasks: the steps its referential's rules may name. */
	static Set<String> userTasks(BpmnModelInstance model) {
		return model.getModelElementsByType(UserTask.class)
			.stream()
			.map(UserTask::getId)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** The executable process's id, if the model has exactly one. */
	static Optional<String> processId(BpmnModelInstance model) {
		List<String> ids = model.getModelElementsByType(Process.class)
			.stream()
			.filter(Process::isExecutable)
			.map(Process::getId)
			.toList();
		return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
	}

}
