package fr.jalon.certificate;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A certificate as anyone may check it ({@code GET /api/certificates/{code}}): what it attests and
 * whether it still holds; {@code sha256} is that of its PDF.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(String code, boolean valid, String kind, String heading, String programme,
		String programmeName, String level,
		String collectivite, String title, String decidedBy, Instant decidedAt, Instant issuedAt,
		int referentialVersion, String sha256, boolean revoked, Instant revokedAt, String reason) {

}
