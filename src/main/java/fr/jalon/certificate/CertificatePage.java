package fr.jalon.certificate;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import fr.jalon.system.French;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The public verification page a certificate's QR code leads to. */
@Controller
class CertificatePage {

	private final Certificates certificates;

	CertificatePage(Certificates certificates) {
		this.certificates = certificates;
	}

	@GetMapping("/certificats/{code}")
	String show(@PathVariable String code, Model model, HttpServletResponse response) {
		Optional<Verification> verification = certificates.verify(code);
		if (verification.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("code", code);
			return "certificate-unknown";
		}
		Verification certificate = verification.get();
		model.addAttribute("certificate", certificate);
		model.addAttribute("programme", certificate.programmeName());
		model.addAttribute("heading", certificate.heading());
		model.addAttribute("decidedOn", French.date(certificate.decidedAt()));
		model.addAttribute("issuedOn", French.date(certificate.issuedAt()));
		model.addAttribute("revokedOn", certificate.revokedAt() == null ? null : French.date(certificate.revokedAt()));
		return "certificate";
	}

}
