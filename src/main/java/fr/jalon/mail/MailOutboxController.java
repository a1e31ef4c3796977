package fr.jalon.mail;

import java.util.List;

import fr.jalon.security.JalonUser;
import fr.jalon.system.Paging;
import fr.jalon.system.Roles;
import fr.jalon.security.Role;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/mail-outbox}: the administrator reads the outbox, newest first, paged. */
@RestController
class MailOutboxController {

	private final Outbox outbox;

	MailOutboxController(Outbox outbox) {
		this.outbox = outbox;
	}

	@Roles(Role.ADMIN)
	@GetMapping("/api/mail-outbox")
	ResponseEntity<List<OutboxMail>> list(@AuthenticationPrincipal JalonUser user, Paging paging,
			HttpServletRequest request) {
		return paging.answer(outbox.page(user, paging), outbox.total(user), request);
	}

	@Roles(Role.ADMIN)
	@GetMapping("/api/mail-outbox/{id}")
	OutboxMail get(@AuthenticationPrincipal JalonUser user, @PathVariable long id) {
		return outbox.get(user, id);
	}

}
