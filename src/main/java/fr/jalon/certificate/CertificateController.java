package fr.jalon.certificate;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Forbidden;
import fr.jalon.system.NotFound;
import fr.jalon.system.Roles;


import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CertificateController {

	private final Certificates certificates;

	CertificateController(Certificates certificates) {
		this.certificates = certificates;
	}

	/** A candidacy's certificate, as signed PDF: its label if it has one, else its charter recognition. */
	@Roles(Roles.SIGNED_IN)
	@GetMapping("/api/candidacies/{id}/certificate")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestParam(required = false) String kind) {
		CertificateFile file = certificates.download(user, id, kind == null || kind.isBlank() ? null : kind.strip());
		return file.answer();
	}

	/** Public: what a certificate attests and whether it still holds. */
	@Roles(Roles.PUBLIC)
	@GetMapping("/api/certificates/{code}")
	Verification verify(@PathVariable String code) {
		return certificates.verify(code).orElseThrow(() -> new NotFound("Certificat inconnu : " + code + "."));
	}

	@Roles(Role.ADMIN)
	@PostMapping("/api/certificates/{code}/revoke")
	Verification revoke(@AuthenticationPrincipal JalonUser user, @PathVariable String code,
			@RequestBody RevocationRequest request) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur révoque un certificat.");
		}
		return certificates.revoke(code, request.reason());
	}

}
