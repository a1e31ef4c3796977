package fr.jalon.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.Programme;
import fr.jalon.candidacy.Stage;
import fr.jalon.candidacy.Status;
import fr.jalon.collectivite.Collectivites;
import fr.jalon.collectivite.Territories;
import fr.jalon.referential.Referential;
import fr.jalon.security.Role;

import org.springframework.stereotype.Component;

/** The French words the pages show for the product's codes; templates call it as {@code @labels}. */
@Component("labels")
public class Labels {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm",
			Locale.FRANCE);

	private static final Map<Stage, String> STAGES = Map.ofEntries(Map.entry(Stage.CHARTER, "Charte"),
			Map.entry(Stage.CONTRACT, "Engagement"), Map.entry(Stage.PILOT_TEST, "Test pilote"),
			Map.entry(Stage.VALIDATION, "Validation"), Map.entry(Stage.CANDIDACY, "Candidature"),
			Map.entry(Stage.DEPARTMENT_REVIEW, "Avis du préfet de département"),
			Map.entry(Stage.REGIONAL_SELECTION, "Sélection régionale"), Map.entry(Stage.ANNOUNCEMENT, "Annonce"),
			Map.entry(Stage.MEMBERSHIP_AGREEMENT, "Convention d'adhésion"),
			Map.entry(Stage.PROJECT_MANAGER, "Chef de projet"),
			Map.entry(Stage.FRAMEWORK_AGREEMENT, "Convention-cadre"));

	private static final Map<Status, String> STATUSES = Map.of(Status.IN_PROGRESS, "En cours", Status.ADJOURNED,
			"Ajournée", Status.WITHDRAWN, "Retirée", Status.LABELLED, "Labellisée", Status.INELIGIBLE, "Inéligible",
			Status.NOT_SELECTED, "Non retenue", Status.ENGAGED, "Engagée");

	private static final Map<String, String> OUTCOMES = Map.of("SUBMIT", "Transmettre", "APPROVE", "Approuver",
			"REQUEST_CHANGES", "Demander des compléments", "ADJOURN", "Ajourner", "REJECT", "Refuser");

	private static final Map<String, String> DOCUMENTS = Map.ofEntries(Map.entry("signed-charter", "Charte signée"),
			Map.entry("council-deliberation", "Délibération du conseil"),
			Map.entry("project-presentation", "Présentation du projet"), Map.entry("masterplan", "Plan-guide"),
			Map.entry("photo", "Photographie"), Map.entry("site-visit-report", "Compte rendu de visite"),
			Map.entry("epci-support-letter", "Lettre de soutien de l'intercommunalité"),
			Map.entry("membership-agreement", "Convention d'adhésion signée"),
			Map.entry("framework-agreement", "Convention-cadre valant ORT"),
			Map.entry("project-manager-job", "Fiche de poste du chef de projet"), Map.entry("other", "Autre document"));

	private static final Map<Role, String> ROLES = Map.of(Role.ADMIN, "Administration", Role.COLLECTIVITE,
			"Collectivité", Role.DDT, "Correspondant DDT", Role.EXPERT, "Expert", Role.REGIONAL_COMMISSION,
			"Commission régionale", Role.NATIONAL_COMMISSION, "Commission nationale", Role.PREFET,
			"Préfet de département", Role.PREFET_REGION, "Préfet de région");

	private static final Map<String, String> SOURCES = Map.of("SELF", "Auto-évaluation", "COORDINATING_EXPERT",
			"Expert coordinateur", "SECOND_EXPERT", "Second expert");

	private static final Map<String, String> EVENTS = Map.ofEntries(Map.entry("SUBMITTED", "Candidature déposée"),
			Map.entry("STAGE_ENTERED", "Nouvelle étape"), Map.entry("DOCUMENT_UPLOADED", "Document déposé"),
			Map.entry("WITHDRAWN", "Candidature retirée"), Map.entry("ELIGIBLE", "Éligible"),
			Map.entry("NOT_ELIGIBLE", "Non éligible"), Map.entry("REMINDER_SENT", "Relance"),
			Map.entry("TASK_ESCALATED", "Échéance dépassée, signalée"), Map.entry("ADJOURNED", "Ajournée"),
			Map.entry("LABELLED", "Label attribué"), Map.entry("INELIGIBLE", "Inéligible"),
			Map.entry("NOT_SELECTED", "Non retenue"), Map.entry("ENGAGED", "Engagée"),
			Map.entry("SubmitCharter", "Charte transmise"), Map.entry("VerifyCharter", "Vérification de la charte"),
			Map.entry("SubmitContract", "Dossier d'engagement transmis"),
			Map.entry("AssessAsCoordinatingExpert", "Expertise de l'expert coordinateur"),
			Map.entry("AssessAsSecondExpert", "Expertise du second expert"),
			Map.entry("WriteSynthesis", "Synthèse des expertises"),
			Map.entry("RegionalCommissionReview", "Avis de la commission régionale"),
			Map.entry("NationalCommissionDecision", "Décision de la commission nationale"),
			Map.entry("ReportIndicatorValues", "Valeurs des indicateurs transmises"),
			Map.entry("RecordSiteVisit", "Visite de site"), Map.entry("ValidateLabel", "Validation du label"),
			Map.entry("SubmitCandidacy", "Candidature transmise"),
			Map.entry("DepartmentReview", "Avis du préfet de département"),
			Map.entry("RegionalSelection", "Sélection par le préfet de région"),
			Map.entry("SubmitMembershipAgreement", "Convention d'adhésion transmise"),
			Map.entry("CountersignMembershipAgreement", "Contresignature de la convention d'adhésion"),
			Map.entry("RequestProjectManagerFunding", "Demande de cofinancement du chef de projet"),
			Map.entry("ApproveProjectManagerFunding", "Validation du cofinancement"),
			Map.entry("SubmitFrameworkAgreement", "Convention-cadre transmise"),
			Map.entry("ApproveFrameworkAgreement", "Validation de la convention-cadre"));

	private final Collectivites collectivites;

	private final Territories territories;

	Labels(Collectivites collectivites, Territories territories) {
		this.collectivites = collectivites;
		this.territories = territories;
	}

	public String programme(String id) {
		return Programme.of(id).map(Programme::label).orElse(id);
	}

	public String stage(Stage stage) {
		return stage == null ? "" : STAGES.getOrDefault(stage, stage.name());
	}

	public String status(Status status) {
		return status == null ? "" : STATUSES.getOrDefault(status, status.name());
	}

	public String outcome(String outcome) {
		return outcome == null ? "" : OUTCOMES.getOrDefault(outcome, outcome);
	}

	public String document(String type) {
		return type == null ? "" : DOCUMENTS.getOrDefault(type, type);
	}

	public String role(Role role) {
		return role == null ? "" : ROLES.get(role);
	}

	public String source(String source) {
		return source == null ? "" : SOURCES.getOrDefault(source, source);
	}

	/** A history event: a step's name when it is one, else its French word. */
	public String event(String event) {
		return event == null ? "" : EVENTS.getOrDefault(event, event);
	}

	public String collectivite(String code) {
		if (code == null) {
			return "";
		}
		return collectivites.findById(code).map(found -> found.name() + " (" + code + ")").orElse(code);
	}

	public String region(String code) {
		String name = code == null ? null : territories.regionName(code);
		return name == null ? String.valueOf(code) : name;
	}

	public String date(Instant instant) {
		return instant == null ? "" : DATE.format(instant.atZone(PARIS));
	}

	public String dateTime(Instant instant) {
		return instant == null ? "" : DATE_TIME.format(instant.atZone(PARIS));
	}

	/** A number as the French write it: no useless decimals, a comma. */
	public String number(Double value) {
		if (value == null) {
			return "";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.valueOf(value.longValue());
		}
		return String.valueOf(value).replace('.', ',');
	}

	/** A level's label on the scale, or its id. */
	public String level(java.util.List<Referential.Level> scale, String id) {
		if (id == null) {
			return "—";
		}
		return scale.stream().filter(level -> level.id().equals(id)).map(Referential.Level::label).findFirst().orElse(id);
	}

	/** The candidacy's path, stage by stage: done, current (or stopped there), to come. */
	public java.util.List<PathStep> path(CandidacyView candidacy) {
		java.util.List<Stage> stages = Programme.of(candidacy.programme()).map(Programme::stages).orElse(java.util.List.of());
		int current = stages.indexOf(candidacy.stage());
		boolean completed = candidacy.status() == Status.LABELLED || candidacy.status() == Status.ENGAGED;
		java.util.List<PathStep> path = new java.util.ArrayList<>();
		for (int i = 0; i < stages.size(); i++) {
			String state;
			if (completed || i < current) {
				state = "faite";
			}
			else if (i == current) {
				state = candidacy.status() == Status.IN_PROGRESS ? "en-cours" : "arretee";
			}
			else {
				state = "a-venir";
			}
			path.add(new PathStep(i + 1, stage(stages.get(i)), state));
		}
		return path;
	}

	/** One stage of a path; {@code state}: faite, en-cours, arretee, a-venir. */
	public record PathStep(int number, String label, String state) {

		public String stateLabel() {
			return switch (state) {
				case "faite" -> "étape franchie";
				case "en-cours" -> "étape en cours";
				case "arretee" -> "candidature arrêtée à cette étape";
				default -> "étape à venir";
			};
		}

	}

	/** A file size as people read it. */
	public String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " o";
		}
		if (bytes < 1024 * 1024) {
			return Math.round(bytes / 1024.0) + " Ko";
		}
		return String.format(Locale.FRANCE, "%.1f Mo", bytes / (1024.0 * 1024));
	}

	public boolean overdue(Instant due) {
		return due != null && due.isBefore(Instant.now());
	}

}
