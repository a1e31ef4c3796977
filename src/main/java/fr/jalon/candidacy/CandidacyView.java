package fr.jalon.candidacy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import fr.jalon.referential.Referential;

/**
 * A candidacy as the API shows it, with the data fields of its dossier ({@code data}) and, under each
 * subsidy's id, the subsidy its referential grants from them ({@code annualCost}, the condition, {@code subsidy}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidacyView(String id, String programme, Integer programmeVersion, String collectivite, String title,
		String description, String stage, String status, int referentialVersion, Instant createdAt,
		Set<String> partners, String campaign, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> data,
		@JsonIgnore Map<String, Map<String, Object>> subsidies, List<HistoryView> history,
		List<DocumentView> documents, @JsonIgnore Map<String, Object> added) {

	/** The candidacy with its documents; without them ({@code documents} null, left out of JSON) in a list. */
	static CandidacyView of(Candidacy candidacy, Referential referential, List<Document> documents) {
		Map<String, Object> data = DataValues.typed(candidacy.data(), referential);
		Map<String, Map<String, Object>> subsidies = new LinkedHashMap<>();
		referential.subsidies().forEach(subsidy -> subsidy.amount(data).ifPresent(amount -> {
			Map<String, Object> granted = new LinkedHashMap<>();
			granted.put("annualCost", data.get(subsidy.cost()));
			if (subsidy.raisedCap() != null) {
				granted.put(subsidy.raisedCap().when(), data.get(subsidy.raisedCap().when()));
			}
			granted.put("subsidy", amount);
			subsidies.put(subsidy.id(), granted);
		}));
		return new CandidacyView(candidacy.id(), candidacy.programmeId(), candidacy.programmeVersion(),
				candidacy.collectivite(), candidacy.title(), candidacy.description(), candidacy.stage(),
				candidacy.status(), candidacy.referentialVersion(), candidacy.createdAt(), candidacy.partners(),
				candidacy.campaign(), data, subsidies, candidacy.history().stream().map(HistoryView::of).toList(),
				documents == null ? null : DocumentView.dossier(documents), Map.of());
	}

	/**
	 * Whether its steps may be worked on: in progress, or in a later step its process opened after a success
	 * ({@link Status#workable}); what pages ask before offering to hand something in.
	 */
	public boolean workable() {
		return Status.workable(status, history == null ? List.of() : history.stream().map(HistoryView::event).toList());
	}

	/** Whether it took its status in its current stage ({@link Status#reachedInItsStage}). */
	public boolean reachedInItsStage() {
		return Status.reachedInItsStage(status,
				history == null ? List.of() : history.stream().map(HistoryView::event).toList());
	}

	/** The view without the comments of the sealed steps ({@link SealedMarks}) in its history. */
	CandidacyView sealed(SealedMarks.Sealed sealed) {
		if (sealed.steps().isEmpty()) {
			return this;
		}
		return new CandidacyView(id, programme, programmeVersion, collectivite, title, description, stage, status,
				referentialVersion, createdAt, partners, campaign, data, subsidies,
				history.stream()
					.map(entry -> sealed.steps().contains(entry.event()) ? new HistoryView(entry.at(), entry.stage(),
							entry.event(), entry.actor(), entry.outcome(), null, entry.actorName(),
							entry.actingFor()) : entry)
					.toList(),
				documents, added);
	}

	/** The same candidacy showing only the documents of these types (a step's), for a page that lists them. */
	public CandidacyView withDocumentsOf(Set<String> types) {
		return new CandidacyView(id, programme, programmeVersion, collectivite, title, description, stage, status,
				referentialVersion, createdAt, partners, campaign, data, subsidies, history,
				documents == null ? null : documents.stream().filter(document -> types.contains(document.type())).toList(),
				added);
	}

	/** This view with fields other modules add ({@link AddedFields}), each at the top level of its JSON. */
	public CandidacyView withAdded(Map<String, Object> fields) {
		Map<String, Object> all = new LinkedHashMap<>(added);
		all.putAll(fields);
		return new CandidacyView(id, programme, programmeVersion, collectivite, title, description, stage, status,
				referentialVersion, createdAt, partners, campaign, data, subsidies, history, documents,
				java.util.Collections.unmodifiableMap(all));
	}

	/**
	 * Each granted subsidy under its id, e.g. {@code "projectManager": {"annualCost", …, "subsidy"}}; then the
	 * {@link #added added fields} (a null one is written as null: « nothing », not « unknown »).
	 */
	@JsonAnyGetter
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public Map<String, Object> grantedSubsidies() {
		if (added.isEmpty()) {
			return java.util.Collections.unmodifiableMap(subsidies);
		}
		Map<String, Object> all = new LinkedHashMap<>(subsidies);
		all.putAll(added);
		return all;
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record HistoryView(Instant at, String stage, String event, String actor, String outcome, String comment,
			String actorName, fr.jalon.security.ActedBy.ActingFor actingFor) {

		static HistoryView of(CandidacyEvent event) {
			fr.jalon.security.ActedBy by = event.actedBy();
			return new HistoryView(event.at(), event.stage(), event.event(), event.actor(), event.outcome(),
					event.comment(), by == null ? null : by.name(), by == null ? null : by.actingFor());
		}

	}

	/**
	 * A document: {@code status} one of {@link DocumentStatus}; in a dossier, each current version lists its earlier
	 * ones, newest first, in {@code versions} (absent when it has none); {@code supersededBy} names a newer version.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record DocumentView(String id, String type, String filename, String contentType, long size,
			String sha256, String uploadedBy, Instant uploadedAt, String status, String supersededBy,
			Instant supersededAt, List<DocumentView> versions) {

		static DocumentView of(Document document) {
			return of(document, null);
		}

		private static DocumentView of(Document document, List<DocumentView> versions) {
			return new DocumentView(document.id(), document.type(), document.filename(), document.contentType(),
					document.size(), document.sha256(), document.uploadedBy(), document.uploadedAt(),
					document.status(), document.supersededBy(), document.supersededAt(), versions);
		}

		/** The documents of a dossier, in deposit order: each not superseded, with its earlier versions. */
		static List<DocumentView> dossier(List<Document> documents) {
			Map<String, Document> previous = new java.util.HashMap<>();
			documents.stream().filter(document -> document.supersededBy() != null)
				.forEach(document -> previous.put(document.supersededBy(), document));
			return documents.stream().filter(document -> document.supersededBy() == null).map(document -> {
				List<DocumentView> versions = new java.util.ArrayList<>();
				for (Document earlier = previous.get(document.id()); earlier != null
						&& versions.size() < documents.size(); earlier = previous.get(earlier.id())) {
					versions.add(of(earlier));
				}
				return of(document, versions.isEmpty() ? null : versions);
			}).toList();
		}

		/** Whether it is in the dossier as deposited: neither replaced, withdrawn, nor to complete. */
		@com.fasterxml.jackson.annotation.JsonIgnore
		public boolean deposited() {
			return DocumentStatus.DEPOSITED.equals(status);
		}

	}

}
