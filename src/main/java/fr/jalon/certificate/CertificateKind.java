package fr.jalon.certificate;

import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.Programme;
import fr.jalon.candidacy.Stage;
import fr.jalon.candidacy.Status;

/** What a certificate attests, the programme it belongs to, and what it says in French. */
public enum CertificateKind {

	/** The DDT approved the signed EcoQuartier charter: stage 1 reached. */
	CHARTER_RECOGNITION(Programme.ECOQUARTIER, "Reconnaissance de la signature de la charte",
			"Étape 1 — charte des EcoQuartiers signée"),

	/** The national commission validated: the EcoQuartier label is granted. */
	LABEL(Programme.ECOQUARTIER, "Certificat de label", "Label national EcoQuartier attribué"),

	/** The framework agreement is signed: the commune is engaged in Petites villes de demain. */
	PVD_ENGAGEMENT(Programme.PVD, "Certificat d’engagement", "Petite ville de demain — convention-cadre signée");

	private final Programme programme;

	private final String heading;

	private final String level;

	CertificateKind(Programme programme, String heading, String level) {
		this.programme = programme;
		this.heading = heading;
		this.level = level;
	}

	public Programme programme() {
		return programme;
	}

	/** The document's title, e.g. « Certificat de label ». */
	public String heading() {
		return heading;
	}

	/** The level reached, as printed. */
	public String level() {
		return level;
	}

	/** Whether the candidacy has reached what this kind attests. */
	boolean isGrantedTo(CandidacyView candidacy) {
		if (!programme.id().equals(candidacy.programme())) {
			return false;
		}
		return switch (this) {
			case CHARTER_RECOGNITION -> candidacy.stage() != Stage.CHARTER && candidacy.status() != Status.WITHDRAWN;
			case LABEL -> candidacy.status() == Status.LABELLED;
			case PVD_ENGAGEMENT -> candidacy.status() == Status.ENGAGED;
		};
	}

	/** The history event that records the decision, and its outcome if it matters. */
	boolean isDecision(CandidacyView.HistoryView event) {
		return switch (this) {
			case CHARTER_RECOGNITION -> "VerifyCharter".equals(event.event()) && "APPROVE".equals(event.outcome());
			case LABEL -> Status.LABELLED.name().equals(event.event());
			case PVD_ENGAGEMENT -> Status.ENGAGED.name().equals(event.event());
		};
	}

}
