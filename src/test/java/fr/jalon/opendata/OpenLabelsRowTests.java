package fr.jalon.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.jalon.Shipped;
import fr.jalon.candidacy.CandidacyService.PublicFacts;
import fr.jalon.certificate.IssuedCertificate;
import fr.jalon.collectivite.Kind;
import fr.jalon.referential.Referential;

/**
 * A published row after EcoQuartier's fourth step (« confirmé »), whose outcomes reach the list without a certificate
 * of their own or close the candidacy again: the row rests on the latest valid certificate that a success grants.
 */
class OpenLabelsRowTests {

	static final Referential ECOQUARTIER = Shipped.referential("ecoquartier");

	static final Instant CHARTER = Instant.parse("2026-02-02T10:00:00Z");

	static final Instant LABEL = Instant.parse("2026-12-08T10:00:00Z");

	static final Instant CONFIRMATION = Instant.parse("2029-12-10T10:00:00Z");

	@Test
	void anAdjournedConfirmationKeepsTheLabelItsCodeAndItsDate() {
		// Adjourned three years on: the candidacy is closed again as labelled, at the adjournment's date.
		LabelRow row = OpenLabels.row(facts("LABELLED", CONFIRMATION),
				ECOQUARTIER, List.of(certificate("CHARTER_RECOGNITION", CHARTER, false),
						certificate("LABEL", LABEL, false)))
			.orElseThrow();

		assertThat(row.status()).isEqualTo(LabelRow.SUCCESS);
		assertThat(row.level()).isEqualTo(level("LABEL"));
		assertThat(row.certificateCode()).isEqualTo(code("LABEL"));
		assertThat(row.decisionDate()).isEqualTo(LocalDate.of(2026, 12, 8));
	}

	@Test
	void aConfirmationWhoseCertificateIsRevokedStaysLabelledByItsLabel() {
		LabelRow row = OpenLabels.row(facts("CONFIRMED", CONFIRMATION), ECOQUARTIER,
				List.of(certificate("CHARTER_RECOGNITION", CHARTER, false), certificate("LABEL", LABEL, false),
						certificate("CONFIRMATION", CONFIRMATION, true)))
			.orElseThrow();

		assertThat(row.status()).isEqualTo(LabelRow.SUCCESS);
		assertThat(row.level()).isEqualTo(level("LABEL"));
		assertThat(row.certificateCode()).isEqualTo(code("LABEL"));
	}

	@Test
	void aConfirmationIsPublishedWithItsCertificateAndEveryRevokedSuccessFallsBackToTheCharter() {
		List<IssuedCertificate> confirmed = List.of(certificate("CHARTER_RECOGNITION", CHARTER, false),
				certificate("LABEL", LABEL, false), certificate("CONFIRMATION", CONFIRMATION, false));
		assertThat(OpenLabels.row(facts("CONFIRMED", CONFIRMATION), ECOQUARTIER, confirmed).orElseThrow().level())
			.isEqualTo(level("CONFIRMATION"));

		LabelRow revoked = OpenLabels.row(facts("CONFIRMED", CONFIRMATION), ECOQUARTIER,
				List.of(certificate("CHARTER_RECOGNITION", CHARTER, false), certificate("LABEL", LABEL, true),
						certificate("CONFIRMATION", CONFIRMATION, true)))
			.orElseThrow();
		assertThat(revoked.status()).isEqualTo(LabelRow.COMMITTED);
		assertThat(revoked.level()).isEqualTo(level("CHARTER_RECOGNITION"));
	}

	private static PublicFacts facts(String status, Instant statusAt) {
		return new PublicFacts("C-1", "ecoquartier", 1, "81004", "Albi", Kind.COMMUNE, "81", "76", "Quartier",
				status, statusAt);
	}

	private static IssuedCertificate certificate(String kind, Instant decidedAt, boolean revoked) {
		return new IssuedCertificate(code(kind), "C-1", "ecoquartier", kind, level(kind), decidedAt,
				decidedAt.plusSeconds(60), 1, revoked, "https://jalon.example/certificats/" + code(kind));
	}

	private static String code(String kind) {
		return "JAL-" + kind;
	}

	private static String level(String kind) {
		return ECOQUARTIER.certificate(kind).orElseThrow().level();
	}

}
