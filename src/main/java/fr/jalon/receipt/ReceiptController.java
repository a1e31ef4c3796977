package fr.jalon.receipt;

import java.util.List;

import fr.jalon.security.JalonUser;
import fr.jalon.system.Roles;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A candidacy's deposit receipts, for whoever may see it (others: 404). */
@RestController
class ReceiptController {

	private final DepositReceipts receipts;

	ReceiptController(DepositReceipts receipts) {
		this.receipts = receipts;
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/api/candidacies/{id}/receipts")
	List<ReceiptView> list(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return receipts.list(user, id);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/api/candidacies/{id}/receipts/{number}")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@PathVariable int number) {
		byte[] pdf = receipts.pdf(user, id, number);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("accuse-de-reception-" + number + ".pdf").build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(pdf);
	}

}
