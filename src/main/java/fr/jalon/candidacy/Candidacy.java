package fr.jalon.candidacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import fr.jalon.referential.Referential;
import fr.jalon.security.Scoped;
import fr.jalon.system.Conflict;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
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

	/** The title as the lists' search compares it ({@link fr.jalon.collectivite.Collectivite#searchable}). */
	@Column(name = "search_title")
	private String searchTitle;

	private String description;

	private String stage;

	private String status;

	/** The version of the programme's process the candidacy runs, set when its process starts. */
	@Column(name = "programme_version")
	private Integer programmeVersion;

	@Column(name = "referential_version")
	private int referentialVersion;

	private String campaign;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private long version;

	@ElementCollection
	@CollectionTable(name = "candidacy_partner", joinColumns = @JoinColumn(name = "candidacy_id"))
	@Column(name = "partner")
	private Set<String> partners = new LinkedHashSet<>();

	/** The data fields of the dossier that the programme declares, each as text ({@link DataValues}). */
	@ElementCollection
	@CollectionTable(name = "candidacy_data", joinColumns = @JoinColumn(name = "candidacy_id"))
	@MapKeyColumn(name = "name")
	@Column(name = "field_value")
	private Map<String, String> data = new LinkedHashMap<>();

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

	/** A new candidacy to the programme that {@code definition} (the referential version it keeps) declares. */
	Candidacy(Referential definition, String collectivite, String departement, String region, String title,
			String description, Set<String> partners, String campaign, String actor, Instant now) {
		if (definition.stages().isEmpty()) {
			throw new IllegalArgumentException(definition.programme() + " declares no stage");
		}
		this.id = UUID.randomUUID().toString();
		this.programme = definition.programme();
		this.collectivite = collectivite;
		this.departement = departement;
		this.region = region;
		this.title = title;
		this.searchTitle = fr.jalon.collectivite.Collectivite.searchable(title);
		this.description = description;
		this.partners.addAll(partners);
		this.referentialVersion = definition.version();
		this.campaign = campaign;
		this.stage = definition.stages().get(0).id();
		this.status = Status.IN_PROGRESS;
		this.createdAt = now;
		record(now, "SUBMITTED", actor, null, null);
	}

	/** The candidacy enters a stage that its referential version declares. */
	void enterStage(String next, Referential definition, Instant now) {
		requireOwn(definition);
		if (!workable() && !definition.endStatus(status).map(Referential.EndStatus::success).orElse(false)) {
			// A candidacy that reached a success may go on to a later step its process opens; no other closed one.
			requireInProgress();
		}
		if (definition.stage(next).isEmpty()) {
			throw new IllegalArgumentException(next + " is not a stage of " + programme + " v" + referentialVersion);
		}
		this.stage = next;
		record(now, Status.STAGE_ENTERED, "system", null, null);
	}

	void withdraw(String actor, String comment, Instant now) {
		requireInProgress();
		this.status = Status.WITHDRAWN;
		record(now, "WITHDRAWN", actor, null, comment);
	}

	/** The candidacy ends in an end status that its referential version declares. */
	void close(String outcome, Referential definition, Instant now) {
		requireOwn(definition);
		if (definition.endStatus(outcome).isEmpty()) {
			throw new IllegalArgumentException(outcome + " is not an end status of " + programme);
		}
		requireWorkable();
		this.status = outcome;
		record(now, outcome, "system", null, null);
	}

	/** Its process started: the version of the programme's process it runs to its end. */
	void startedWith(int processVersion) {
		this.programmeVersion = processVersion;
	}

	void requireInProgress() {
		if (Status.isClosed(status)) {
			throw new Conflict("La candidature est close (" + status + ").");
		}
	}

	/** In progress, or in a later step its process opened after it reached a success ({@link Status#workable}). */
	boolean workable() {
		return Status.workable(status, history.stream().map(CandidacyEvent::event).toList());
	}

	/**
	 * When the candidacy reached the success it keeps while a later step of its process is worked on (closed in
	 * that status, {@link Status#workable} since): the last time its history recorded that status. Empty when it
	 * is in progress, or closed and not worked on.
	 */
	java.util.Optional<Instant> succeededBeforeItsStep() {
		if (!Status.isClosed(status) || !workable()) {
			return java.util.Optional.empty();
		}
		for (int i = history.size() - 1; i >= 0; i--) {
			if (history.get(i).event().equals(status)) {
				return java.util.Optional.of(history.get(i).at());
			}
		}
		return java.util.Optional.empty();
	}

	void requireWorkable() {
		if (!workable()) {
			throw new Conflict("La candidature est close (" + status + ").");
		}
	}

	private void requireOwn(Referential definition) {
		if (!definition.programme().equals(programme) || definition.version() != referentialVersion) {
			throw new IllegalArgumentException("candidacy " + id + " keeps " + programme + " v" + referentialVersion);
		}
	}

	void record(Instant at, String event, String actor, String outcome, String comment) {
		history.add(new CandidacyEvent(at, stage, event, actor, outcome, comment));
		this.updatedAt = at;
	}

	void assess(String source, String criterion, String level, String comment, String author, Instant at) {
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

	/** A data field of the dossier, as {@link DataValues} writes it. */
	void setData(String field, String value) {
		requireWorkable();
		data.put(field, value);
	}

	Map<String, String> data() {
		return Map.copyOf(data);
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


	public String collectivite() {
		return collectivite;
	}

	public String title() {
		return title;
	}

	public String description() {
		return description;
	}

	public String stage() {
		return stage;
	}

	public String status() {
		return status;
	}

	public Integer programmeVersion() {
		return programmeVersion;
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
