package fr.jalon.certificate;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import fr.jalon.system.NotFound;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * « Vérifier un certificat »: anyone types a code as printed under the QR code, in any spelling
 * {@link CertificateCode#normalize} reads, and lands on its public page ({@code /certificats/{code}}); a code
 * that cannot be one comes back to the form with its error beside the field.
 */
@Controller
class CertificateVerificationPage {

	static final String MALFORMED = "Ce code n’a pas la forme d’un code de certificat : JAL suivi de trois groupes de "
			+ "quatre chiffres ou lettres, par exemple JAL-7K2M-Q9XD-4HZT.";

	static final String MISSING = "Saisissez le code du certificat.";

	private final Certificates certificates;

	CertificateVerificationPage(Certificates certificates) {
		this.certificates = certificates;
	}

	@GetMapping("/certificats/verifier")
	String verify(@RequestParam(required = false) String code, Model model, HttpServletResponse response) {
		if (code == null) {
			return "certificate-verify";
		}
		Optional<String> canonical = CertificateCode.normalize(code);
		if (canonical.isPresent()) {
			return "redirect:" + UriComponentsBuilder.fromPath("/certificats/{code}").buildAndExpand(canonical.get());
		}
		// The form again, as typed, with the error under the field: a client error, never a server one.
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("code", code.length() > 40 ? code.substring(0, 40) : code);
		model.addAttribute("error", code.isBlank() ? MISSING : MALFORMED);
		return "certificate-verify";
	}

	/** The signed PDF of a certificate that still holds, linked from its public page. */
	@GetMapping("/certificats/{code}/pdf")
	ResponseEntity<byte[]> pdf(@PathVariable String code) {
		CertificateFile file = certificates.publicFile(code)
			.orElseThrow(() -> new NotFound("Aucun certificat valide ne porte ce code."));
		return file.answer();
	}

}
