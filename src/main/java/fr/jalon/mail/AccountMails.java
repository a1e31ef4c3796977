package fr.jalon.mail;

import java.util.List;
import java.util.Map;

import fr.jalon.security.PasswordResetRequested;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The mails about an account itself rather than a candidacy: the password reset link. */
@Component
class AccountMails {

	private final Outbox outbox;

	private final MailTexts texts;

	AccountMails(Outbox outbox, MailTexts texts) {
		this.outbox = outbox;
		this.texts = texts;
	}

	/** Sent at once, never held for a digest: the link lasts minutes. */
	@EventListener
	void passwordReset(PasswordResetRequested event) {
		MailText text = texts.render("mot-de-passe", Map.of("username", event.username(), "link", event.link(),
				"minutes", event.validity().toMinutes()));
		outbox.write(List.of(new Recipient(event.username(), event.email(), false)), text, "PASSWORD_RESET", null);
	}

}
