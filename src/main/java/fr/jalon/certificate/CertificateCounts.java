package fr.jalon.certificate;

import java.util.List;

import fr.jalon.system.Tally;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Certificates counted in the database, for operators' metrics: every certificate ever issued stays a row (a
 * revoked one included), so the count only grows, whichever node issued it and across restarts.
 */
@Component
public class CertificateCounts {

	private final IssuedCertificates certificates;

	CertificateCounts(IssuedCertificates certificates) {
		this.certificates = certificates;
	}

	/** {@code [programme, kind] → count}. */
	@Transactional(readOnly = true)
	public List<Tally> byProgrammeAndKind() {
		return certificates.countByProgrammeAndKind().stream().map(Tally::of).toList();
	}

}
