package fr.jalon.candidacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import fr.jalon.security.Scoped;
import fr.jalon.system.Conflict;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;

/**
 * A collectivité's candidacy to a programme: where it stands (stage, status), the referential
 * version it started with and keeps, its dossier (assessments, indicators) and its history.
 * Every change goes through a method that guards the candidacy's state.
 */
@Entity
public class Candidacy implements Scoped {

	@Id
	private String id;

	private String programme;

	private String collectivite;

	private String departement;

	private String region;

	private String title;

	private String description;

	@Enumerated(EnumType.STRING)
	private Stage stage;

	@Enumerated(EnumType.STRING)
	private Status status;

	@Column(name = "referential_version")
	private int referentialVersion;

	private String campaign;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "project_manager_cost")
	private Double projectManagerCost;

	@Column(name = "anah_participates")
	private Boolean anahParticipates;

	private Double subsidy;

	@Version
	private long version;

	@ElementCollection
	@CollectionTable(name = "candidacy_partner", joinColumns = @JoinColumn(name = "candidacy_id"))
	@Column(name = "partner")
	private Set<String> partners = new LinkedHashSet<>();

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "candidacy_id", nullable = false)
	@OrderBy("id")
	private List<CandidacyEvent> history = new ArrayList<>();

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "candidacy_id", nullable = false)
	private List<Assessment> assessments = new ArrayList<>();

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "candidacy_id", nullable = false)
	private List<IndicatorEntry> indicators = new ArrayList<>();

	protected Candidacy() {
	}

	Candidacy(Programme programme, String collectivite, String departement, String region, String title,
			String description, Set<String> partners, int referentialVersion, String campaign, String actor,
			Instant now) {
		this.id = UUID.randomUUID().toString();
		this.programme = programme.id();
		this.collectivite = collectivite;
		this.departement = departement;
		this.region = region;
		this.title = title;
		this.description = description;
		this.partners.addAll(partners);
		this.referentialVersion = referentialVersion;
		this.campaign = campaign;
		this.stage = programme.firstStage();
		this.status = Status.IN_PROGRESS;
		this.createdAt = now;
		record(now, "SUBMITTED", actor, null, null);
	}

	void enterStage(Stage next, Instant now) {
		requireInProgress();
		if (!programme().stages().contains(next)) {
			throw new IllegalArgumentException(next + " is not a stage of " + programme);
		}
		this.stage = next;
		record(now, "STAGE_ENTERED", "system", null, null);
	}

	void withdraw(String actor, String comment, Instant now) {
		requireInProgress();
		this.status = Status.WITHDRAWN;
		record(now, "WITHDRAWN", actor, null, comment);
	}

	void close(Status outcome, Instant now) {
		if (outcome == Status.IN_PROGRESS) {
			throw new IllegalArgumentException("a candidacy closes in a final status");
		}
		requireInProgress();
		this.status = outcome;
		record(now, outcome.name(), "system", null, null);
	}

	void requireInProgress() {
		if (status.isClosed()) {
			throw new Conflict("La candidature est close (" + status + ").");
		}
	}

	void record(Instant at, String event, String actor, String outcome, String comment) {
		history.add(new CandidacyEvent(at, stage, event, actor, outcome, comment));
		this.updatedAt = at;
	}

	void assess(AssessmentSource source, String criterion, String level, String comment, String author, Instant at) {
		assessments.stream()
			.filter(assessment -> assessment.concerns(source, criterion))
			.findFirst()
			.ifPresentOrElse(assessment -> assessment.revise(level, comment, author, at),
					() -> assessments.add(new Assessment(source, criterion, level, comment, author, at)));
	}

	void setIndicatorTarget(String indicator, Double target) {
		indicatorEntry(indicator).setTarget(target);
	}

	void setIndicatorValue(String indicator, Double value) {
		indicatorEntry(indicator).setValue(value);
	}

	/** The project manager's yearly cost, whether the ANAH takes part, and the subsidy that follows. */
	void requestProjectManagerFunding(Double annualCost, Boolean anah, Double amount) {
		requireInProgress();
		this.projectManagerCost = annualCost;
		this.anahParticipates = anah;
		this.subsidy = amount;
	}

	Double projectManagerCost() {
		return projectManagerCost;
	}

	Boolean anahParticipates() {
		return anahParticipates;
	}

	Double subsidy() {
		return subsidy;
	}

	private IndicatorEntry indicatorEntry(String indicator) {
		return indicators.stream().filter(entry -> entry.indicator().equals(indicator)).findFirst().orElseGet(() -> {
			IndicatorEntry entry = new IndicatorEntry(indicator);
			indicators.add(entry);
			return entry;
		});
	}

	public String id() {
		return id;
	}

	public Programme programme() {
		return Programme.of(programme).orElseThrow();
	}

	public String collectivite() {
		return collectivite;
	}

	public String title() {
		return title;
	}

	public String description() {
		return description;
	}

	public Stage stage() {
		return stage;
	}

	public Status status() {
		return status;
	}

	public int referentialVersion() {
		return referentialVersion;
	}

	public String campaign() {
		return campaign;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public Set<String> partners() {
		return Set.copyOf(partners);
	}

	List<CandidacyEvent> history() {
		return List.copyOf(history);
	}

	List<Assessment> assessments() {
		return List.copyOf(assessments);
	}

	List<IndicatorEntry> indicators() {
		return List.copyOf(indicators);
	}

	@Override
	public String programmeId() {
		return programme;
	}

	@Override
	public String collectiviteCode() {
		return collectivite;
	}

	@Override
	public String departementCode() {
		return departement;
	}

	@Override
	public String regionCode() {
		return region;
	}

	@Override
	public Set<String> partnerCodes() {
		return partners();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Candidacy candidacy && Objects.equals(id, candidacy.id);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(id);
	}

}
