package fr.jalon.certificate;

import java.time.Instant;

/**
 * An issued certificate as the public lists read it: what it attests, when, and whether it still holds; no person,
 * no document. {@code url} is its public verification page ({@code /certificats/{code}}).
 */
public record IssuedCertificate(String code, String candidacyId, String programme, String kind, String level,
		Instant decidedAt, Instant issuedAt, int referentialVersion, boolean revoked, String url) {

}
