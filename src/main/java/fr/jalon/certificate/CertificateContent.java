package fr.jalon.certificate;

import java.time.Instant;

/** Everything a certificate's PDF prints. */
record CertificateContent(String code, String heading, String programmeName, String level, String collectivite,
		String title, String decidedBy, Instant decidedAt, int referentialVersion, Instant issuedAt,
		String verificationUrl) {

}
