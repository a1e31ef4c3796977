package fr.jalon.certificate;

import java.time.Instant;

/**
 * Everything a certificate's PDF prints: what it attests, the address where anyone checks it, and the authority that
 * issues it, its signatory's title and where it is made (« Fait à Paris »: {@code place} is « Paris »).
 */
record CertificateContent(String code, String heading, String programmeName, String level, String collectivite,
		String title, String decidedBy, Instant decidedAt, int referentialVersion, Instant issuedAt,
		String verificationUrl, String issuer, String signatory, String place) {

}
