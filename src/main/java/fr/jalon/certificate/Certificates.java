package fr.jalon.certificate;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.SingleLine;
import fr.jalon.system.MultiLine;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.CandidacyClosed;
import fr.jalon.candidacy.CandidacyWithdrawn;
import fr.jalon.candidacy.Status;
import fr.jalon.collectivite.Collectivite;
import fr.jalon.collectivite.Collectivites;
import fr.jalon.collectivite.Kind;
import fr.jalon.collectivite.Territories;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referential.CertificateDeclaration;
import fr.jalon.security.JalonUser;
import fr.jalon.system.Conflict;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.French;
import fr.jalon.system.PlainText;
import fr.jalon.system.PublicAddress;
import fr.jalon.system.NotFound;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Certificates: issued once a candidacy reaches what they attest (rendered, signed and stored once),
 * checked by anyone with their code, revoked when what they attest no longer holds.
 */
@Service
@Validated
public class Certificates {

	private static final String DEPARTEMENT_PREFIX = "Département ";

	private final IssuedCertificates certificates;

	private final CertificatePdfs pdfs;

	private final CandidacyService candidacies;

	private final Collectivites collectivites;

	private final Territories territories;

	private final CertificateRenderer renderer;

	private final CertificateSigner signer;

	private final Clock clock;

	private final PublicAddress publicAddress;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final SecureRandom random = new SecureRandom();

	Certificates(IssuedCertificates certificates, CertificatePdfs pdfs, CandidacyService candidacies,
			Collectivites collectivites, Territories territories, CertificateRenderer renderer, CertificateSigner signer, Clock clock,
			PublicAddress publicAddress,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.certificates = certificates;
		this.pdfs = pdfs;
		this.candidacies = candidacies;
		this.collectivites = collectivites;
		this.territories = territories;
		this.renderer = renderer;
		this.signer = signer;
		this.clock = clock;
		this.publicAddress = publicAddress;
	}

	/**
	 * The candidacy's valid certificate of that kind, issued now if it has none: the candidacy must have
	 * reached what the kind attests ({@link Conflict} otherwise). Idempotent, so a retried job issues once.
	 */
	@Transactional
	public Verification issue(String candidacyId, String kind) {
		Optional<Certificate> existing = valid(candidacyId).stream()
			.filter(certificate -> certificate.kind().equals(kind))
			.findFirst();
		if (existing.isPresent()) {
			return existing.get().verification();
		}
		CandidacyView candidacy = candidacies.view(candidacyId);
		Referential programme = candidacies.referentialOf(candidacyId);
		CertificateDeclaration declared = programme.certificate(kind)
			.orElseThrow(() -> new IllegalStateException(programme.programme() + " v" + programme.version()
					+ " declares no certificate " + kind));
		Optional<Instant> decidedAt = grantedAt(declared, candidacy);
		if (decidedAt.isEmpty()) {
			throw new Conflict("La candidature " + candidacyId + " n'a pas atteint ce qu'atteste un certificat "
					+ kind + " (" + candidacy.stage() + ", " + candidacy.status() + ").");
		}
		Collectivite collectivite = collectivites.findById(candidacy.collectivite()).orElseThrow();
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Certificate certificate = new Certificate(newCode(), candidacyId, programme, declared, collectivite.code(),
				collectivite.name(), candidacy.title(), worded(declared.decidedBy(), collectivite), decidedAt.get(),
				now);
		String url = verificationUrl(certificate.code());
		CertificateContent content = certificate.content(url, worded(declared.issuingAuthority(), collectivite),
				worded(declared.signatoryTitle(), collectivite), worded(declared.madeAt(), collectivite));
		byte[] pdf;
		try (CertificateDocument document = renderer.draw(content)) {
			pdf = signer.sign(document, now);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot render certificate " + certificate.code(), ex);
		}
		certificate.rendered(HexFormat.of().formatHex(CertificateRenderer.sha256(pdf)));
		certificates.save(certificate);
		pdfs.save(new CertificatePdf(certificate.code(), pdf));
		Verification verification = certificate.verification();
		events.publishEvent(new CertificateIssued(candidacyId, certificate.code(), kind, verification.heading(), url));
		return verification;
	}

	/** What anyone may know of a certificate, by its code as typed; nothing for an unknown code. */
	@Transactional(readOnly = true)
	public Optional<Verification> verify(@SingleLine String code) {
		return CertificateCode.normalize(code).flatMap(certificates::findById).map(Certificate::verification);
	}

	/**
	 * The signed PDF of a certificate that still holds, by its code as typed, for anyone who has the code (its public
	 * page shows the same facts); nothing for an unknown or revoked one.
	 */
	@Transactional(readOnly = true)
	public Optional<CertificateFile> publicFile(@SingleLine String code) {
		return CertificateCode.normalize(code)
			.flatMap(certificates::findById)
			.filter(certificate -> certificate.verification().valid())
			.flatMap(certificate -> pdfs.findById(certificate.code())
				.map(pdf -> new CertificateFile(certificate.code(), certificate.sha256(), pdf.content())));
	}

	/**
	 * Every certificate issued, revoked ones included, in the order they were issued: what the open data reads
	 * (the valid ones, and the revoked ones that withdraw what they attested).
	 */
	@Transactional(readOnly = true)
	public List<IssuedCertificate> issued() {
		return certificates.findAllByOrderByIssuedAtAscCodeAsc()
			.stream()
			.map(certificate -> certificate.issued(verificationUrl(certificate.code())))
			.toList();
	}

	/** The certificate no longer holds: it verifies as revoked, with the reason, from now on. */
	@Transactional
	public Verification revoke(@SingleLine String code,
			@NotBlank(message = "obligatoire") @MultiLine(max = 500) String reason) {
		Certificate certificate = CertificateCode.normalize(code)
			.flatMap(certificates::findById)
			.orElseThrow(() -> new NotFound("Certificat inconnu : " + code + "."));
		certificate.revoke(reason.strip(), clock.instant());
		return certificate.verification();
	}

	/** Revokes every valid certificate of the candidacy: its label withdrawn, its decision reopened. */
	@Transactional
	public void revokeAll(String candidacyId, String reason) {
		Instant now = clock.instant();
		valid(candidacyId).forEach(certificate -> certificate.revoke(reason, now));
	}

	/**
	 * When the certificate's decision was taken: the last history event that grants it, provided no event
	 * that revokes it came after; empty when the candidacy has not reached what the certificate attests.
	 */
	static Optional<Instant> grantedAt(CertificateDeclaration declared, CandidacyView candidacy) {
		Instant granted = null;
		for (CandidacyView.HistoryView event : candidacy.history()) {
			if (declared.grantedBy().matches(event.event(), event.outcome())) {
				granted = event.at();
			}
			else if (granted != null && declared.revokedBy().contains(event.event())) {
				granted = null;
			}
		}
		return Optional.ofNullable(granted);
	}

	/** A withdrawn candidacy no longer stands behind the certificates its programme revokes on withdrawal. */
	@EventListener
	void on(CandidacyWithdrawn withdrawn) {
		revokeOn(withdrawn.candidacyId(), Status.WITHDRAWN, "Candidature retirée par la collectivité.");
	}

	/** A candidacy that ends in a status its programme revokes certificates on. */
	@EventListener
	void on(CandidacyClosed closed) {
		revokeOn(closed.candidacyId(), closed.status(), "Candidature close : " + closed.status() + ".");
	}

	private void revokeOn(String candidacyId, String event, String reason) {
		Referential programme = candidacies.referentialOf(candidacyId);
		Instant now = clock.instant();
		valid(candidacyId).stream()
			.filter(certificate -> programme.certificate(certificate.kind())
				.map(declared -> declared.revokedBy().contains(event))
				.orElse(false))
			.forEach(certificate -> certificate.revoke(reason, now));
	}

	/**
	 * The PDF of a candidacy's valid certificate the user may see: of that kind, or else the highest (a
	 * label before a charter recognition). {@link NotFound} if the user may not see the candidacy,
	 * {@link Conflict} if no certificate has been issued yet.
	 */
	@Transactional(readOnly = true)
	CertificateFile download(JalonUser user, @SingleLine String candidacyId, @SingleLine String kind) {
		candidacies.visible(user, candidacyId);
		Referential programme = candidacies.referentialOf(candidacyId);
		List<String> kinds = programme.certificates().stream().map(CertificateDeclaration::kind).toList();
		// As declared, or as typed in a URL (lower case, dashes): « label » or « charter-recognition ».
		String resolved = kind == null || kinds.contains(kind) ? kind
				: kinds.stream()
					.filter(declared -> declared.equalsIgnoreCase(kind.replace('-', '_'))
							|| declared.equalsIgnoreCase(kind))
					.findFirst()
					.orElse(kind);
		if (resolved != null && !kinds.contains(resolved)) {
			throw InvalidInput.of("kind", "Type de certificat inconnu : « " + PlainText.excerpt(resolved)
					+ " » ; types possibles : " + String.join(", ", kinds) + ".");
		}
		Certificate certificate = valid(candidacyId).stream()
			.filter(candidate -> resolved == null || candidate.kind().equals(resolved))
			.max(Comparator.comparing(candidate -> kinds.indexOf(candidate.kind())))
			.orElseThrow(() -> new Conflict("Aucun certificat valide n'a été délivré pour cette candidature"
					+ (resolved == null ? "" : " (" + resolved + ")") + "."));
		byte[] content = pdfs.findById(certificate.code()).orElseThrow().content();
		return new CertificateFile(certificate.code(), certificate.sha256(), content);
	}

	private List<Certificate> valid(String candidacyId) {
		return certificates.findByCandidacyIdOrderByIssuedAt(candidacyId)
			.stream()
			.filter(certificate -> !certificate.isRevoked())
			.toList();
	}

	/**
	 * Who decided, who issues, who signs, where, as the programme words it: {@code {departement}} becomes the
	 * département's name as it follows a noun (« du Tarn », « de l’Aveyron »), {@code {region}} the region's name.
	 */
	private String worded(String template, Collectivite collectivite) {
		if (template.contains("{departement}")) {
			String departement = collectivites.findById(collectivite.departement())
				.filter(found -> found.kind() == Kind.DEPARTEMENT)
				.map(Collectivite::name)
				.filter(name -> name.startsWith(DEPARTEMENT_PREFIX))
				.map(name -> name.substring(DEPARTEMENT_PREFIX.length()).replace('\'', '’'))
				.orElse("(département " + collectivite.departement() + ")");
			template = template.replace("{departement}", departement);
		}
		if (template.contains("{region}")) {
			String region = collectivite.region() == null ? "" : territories.regionName(collectivite.region());
			template = template.replace("{region}", region == null ? collectivite.region() : region);
		}
		return French.typeset(template);
	}

	/** The public page of a certificate, where its QR code leads: at the {@link PublicAddress}. */
	String verificationUrl(String code) {
		return publicAddress.of("/certificats/" + code);
	}

	private String newCode() {
		String code;
		do {
			code = CertificateCode.generate(random);
		}
		while (certificates.existsById(code));
		return code;
	}

}
