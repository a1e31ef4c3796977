package fr.jalon.candidacy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A candidacy as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidacyView(String id, String programme, String collectivite, String title, String description,
		Stage stage, Status status, int referentialVersion, Instant createdAt, Set<String> partners, String campaign,
		ProjectManagerFunding projectManager, List<HistoryView> history, List<DocumentView> documents) {

	static CandidacyView of(Candidacy candidacy, List<Document> documents) {
		return new CandidacyView(candidacy.id(), candidacy.programmeId(), candidacy.collectivite(), candidacy.title(),
				candidacy.description(), candidacy.stage(), candidacy.status(), candidacy.referentialVersion(),
				candidacy.createdAt(), candidacy.partners(), candidacy.campaign(),
				candidacy.subsidy() == null ? null
						: new ProjectManagerFunding(candidacy.projectManagerCost(), candidacy.anahParticipates(),
								candidacy.subsidy()),
				candidacy.history().stream().map(HistoryView::of).toList(),
				documents.stream().map(DocumentView::of).toList());
	}

	/** Petites villes de demain: the project manager's yearly cost and the subsidy granted for it, in euros. */
	public record ProjectManagerFunding(Double annualCost, Boolean anahParticipates, Double subsidy) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record HistoryView(Instant at, Stage stage, String event, String actor, String outcome, String comment) {

		static HistoryView of(CandidacyEvent event) {
			return new HistoryView(event.at(), event.stage(), event.event(), event.actor(), event.outcome(),
					event.comment());
		}

	}

	public record DocumentView(String id, String type, String filename, String contentType, long size,
			String sha256, String uploadedBy, Instant uploadedAt) {

		static DocumentView of(Document document) {
			return new DocumentView(document.id(), document.type(), document.filename(), document.contentType(),
					document.size(), document.sha256(), document.uploadedBy(), document.uploadedAt());
		}

	}

}
