package fr.jalon.certificate;

import java.time.Instant;
import java.util.Objects;

import fr.jalon.referential.Referential;
import fr.jalon.referential.Referential.CertificateDeclaration;
import fr.jalon.system.Conflict;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * An issued certificate: what it attests, as printed on its PDF, and whether it still holds. Its
 * printed facts never change; it can only be revoked, once.
 */
@Entity
class Certificate {

	@Id
	private String code;

	@Column(name = "candidacy_id")
	private String candidacyId;

	private String kind;

	private String heading;

	private String programme;

	@Column(name = "programme_name")
	private String programmeName;

	@Column(name = "level_reached")
	private String level;

	private String collectivite;

	@Column(name = "collectivite_name")
	private String collectiviteName;

	private String title;

	@Column(name = "decided_by")
	private String decidedBy;

	@Column(name = "decided_at")
	private Instant decidedAt;

	@Column(name = "referential_version")
	private int referentialVersion;

	@Column(name = "issued_at")
	private Instant issuedAt;

	private String sha256;

	@Column(name = "revoked_at")
	private Instant revokedAt;

	@Column(name = "revocation_reason")
	private String revocationReason;

	protected Certificate() {
	}

	/** A certificate of a kind its programme declares, printing the heading and level declared then. */
	Certificate(String code, String candidacyId, Referential programme, CertificateDeclaration kind,
			String collectivite, String collectiviteName, String title, String decidedBy, Instant decidedAt,
			Instant issuedAt) {
		this.code = code;
		this.candidacyId = candidacyId;
		this.kind = kind.kind();
		this.heading = kind.heading();
		this.programme = programme.programme();
		this.programmeName = programme.name();
		this.level = kind.level();
		this.referentialVersion = programme.version();
		this.collectivite = collectivite;
		this.collectiviteName = collectiviteName;
		this.title = title;
		this.decidedBy = decidedBy;
		this.decidedAt = decidedAt;
		this.issuedAt = issuedAt;
	}

	/** What the PDF prints, with the address where anyone can check it, and who issues and signs it, where. */
	CertificateContent content(String verificationUrl, String issuer, String signatory, String place) {
		return new CertificateContent(code, heading, programmeName, level, collectiviteName, title, decidedBy, decidedAt,
				referentialVersion, issuedAt, verificationUrl, issuer, signatory, place);
	}

	void rendered(String sha256) {
		this.sha256 = sha256;
	}

	void revoke(String reason, Instant at) {
		if (isRevoked()) {
			throw new Conflict("Le certificat " + code + " est déjà révoqué.");
		}
		this.revokedAt = at;
		this.revocationReason = reason;
	}

	boolean isRevoked() {
		return revokedAt != null;
	}

	Verification verification() {
		return new Verification(code, !isRevoked(), kind, heading, programme, programmeName, level, collectiviteName, title, decidedBy,
				decidedAt, issuedAt, referentialVersion, sha256, isRevoked(), revokedAt, revocationReason);
	}

	IssuedCertificate issued(String url) {
		return new IssuedCertificate(code, candidacyId, programme, kind, level, decidedAt, issuedAt, referentialVersion,
				isRevoked(), url);
	}

	String code() {
		return code;
	}

	String candidacyId() {
		return candidacyId;
	}

	String kind() {
		return kind;
	}

	String sha256() {
		return sha256;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Certificate certificate && Objects.equals(code, certificate.code);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(code);
	}

}
