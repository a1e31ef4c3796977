package fr.jalon.mail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.jalon.candidacy.Candidacy;
import fr.jalon.candidacy.CandidacyClosed;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.StepCompleted;
import fr.jalon.certificate.CertificateIssued;
import fr.jalon.collectivite.Collectivite;
import fr.jalon.collectivite.Collectivites;
import fr.jalon.message.MessagePosted;
import fr.jalon.receipt.DepositReceiptRecorded;
import fr.jalon.referential.Referential;
import fr.jalon.system.PublicAddress;
import fr.jalon.security.Visibility;
import fr.jalon.system.French;
import fr.jalon.workflow.DeadlineEscalated;
import fr.jalon.workflow.DeadlineReminded;
import fr.jalon.workflow.TaskOpened;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the mail of each event to the {@link Outbox}, synchronously, in the transaction that publishes the event:
 * a rolled-back decision leaves no mail, a committed one leaves its mail for the sender, whatever happens next.
 */
@Component
class MailEvents {

	private static final Logger log = LoggerFactory.getLogger(MailEvents.class);

	/** The outcomes that decide (rather than hand in or send back): the collectivité is told of each. */
	private static final Set<String> DECISIONS = Set.of("APPROVE", "REJECT", "ADJOURN");

	private final Outbox outbox;

	private final Recipients recipients;

	private final MailTexts texts;

	private final CandidacyService candidacies;

	private final Collectivites collectivites;

	private final PublicAddress publicAddress;

	MailEvents(Outbox outbox, Recipients recipients, MailTexts texts, CandidacyService candidacies,
			Collectivites collectivites, PublicAddress publicAddress) {
		this.outbox = outbox;
		this.recipients = recipients;
		this.texts = texts;
		this.candidacies = candidacies;
		this.collectivites = collectivites;
		this.publicAddress = publicAddress;
	}

	/**
	 * A deposit of the collectivité (its candidacy, or a step it handed in): the acknowledgement, its receipt attached.
	 */
	@EventListener
	void deposited(DepositReceiptRecorded event) {
		about(event.candidacyId(), (candidacy, mail) -> {
			if (event.ofTheCandidacy()) {
				mail.send("SUBMITTED", "depot", recipients.collectiviteOf(candidacy),
						Map.of("receipt", event.reference()),
						MailAttachments.depositReceipt(candidacy.id(), event.number()));
			}
			else {
				mail.send("STEP_SUBMITTED", "depot-etape", recipients.collectiviteOf(candidacy),
						Map.of("receipt", event.reference(), "step", event.stepName()),
						MailAttachments.depositReceipt(candidacy.id(), event.number()));
			}
		});
	}

	@EventListener
	void taskOpened(TaskOpened event) {
		about(event.candidacyId(), (candidacy, mail) -> mail.send("TASK_OPENED", "tache",
				recipients.forTask(candidacy, event.groups(), event.assignee()),
				Map.of("task", event.name() == null ? event.key() : event.name())));
	}

	@EventListener
	void stepCompleted(StepCompleted event) {
		if (event.requestsChanges()) {
			about(event.candidacyId(), (candidacy, mail) -> mail.send("CHANGES_REQUESTED", "complements",
					recipients.collectiviteOf(candidacy), comment(event.comment())));
		}
		else if (DECISIONS.contains(event.outcome())) {
			about(event.candidacyId(), (candidacy, mail) -> {
				Map<String, Object> variables = new HashMap<>(comment(event.comment()));
				variables.put("outcome", event.outcome());
				mail.send("DECISION", "decision", recipients.collectiviteOf(candidacy), variables);
			});
		}
	}

	/**
	 * The closing mail; none when the candidacy is closed again in the status it had (a later step stopped without
	 * changing it): the decision's mail tells of that step, the closing one would announce the old success as new.
	 */
	@EventListener
	void closed(CandidacyClosed event) {
		if (event.again()) {
			return;
		}
		about(event.candidacyId(), (candidacy, mail) -> {
			Referential.EndStatus status = mail.referential.endStatus(event.status()).orElse(null);
			mail.send("CLOSED", "cloture", recipients.collectiviteOf(candidacy),
					Map.of("status", status == null ? event.status() : status.label(), "success",
							status != null && status.success()));
		});
	}

	@EventListener
	void reminded(DeadlineReminded event) {
		about(event.candidacyId(), (candidacy, mail) -> mail.send("REMINDER", "relance",
				recipients.collectiviteOf(candidacy), Map.of("deadline", event.title(), "due", French.date(event.due()))));
	}

	@EventListener
	void escalated(DeadlineEscalated event) {
		about(event.candidacyId(), (candidacy, mail) -> mail.send("ESCALATION", "escalade",
				recipients.withRole(event.role(), candidacy), Map.of("deadline", event.title())));
	}

	@EventListener
	void certificateIssued(CertificateIssued event) {
		about(event.candidacyId(), (candidacy, mail) -> mail.send("CERTIFICATE", "certificat",
				recipients.collectiviteOf(candidacy), Map.of("heading", event.heading(), "certificate", event.url())));
	}

	@EventListener
	void messagePosted(MessagePosted event) {
		about(event.candidacyId(), (candidacy, mail) -> {
			List<Recipient> otherSide = (event.fromCollectivite() ? recipients.reviewersOf(candidacy)
					: recipients.collectiviteOf(candidacy))
				.stream()
				.filter(recipient -> !recipient.username().equals(event.author()))
				.toList();
			mail.send("MESSAGE", "message", otherSide, Map.of("author", event.author(), "text", event.text()));
		});
	}

	/** An invitation to join a body: to the invited person's address, whatever their account (they have none yet). */
	@EventListener
	void invited(fr.jalon.security.InvitationSent event) {
		MailText text = texts.render("invitation", Map.of("name", event.displayName(), "inviter", event.inviterName(),
				"link", event.link(), "expires", French.date(event.expiresAt())));
		outbox.write(List.of(new Recipient(null, event.email(), false)), text, "INVITATION", null);
	}

	private static Map<String, Object> comment(String comment) {
		return comment == null || comment.isBlank() ? Map.of() : Map.of("comment", comment);
	}

	private void about(String candidacyId, java.util.function.BiConsumer<Candidacy, Mail> write) {
		if (candidacyId == null) {
			return;
		}
		candidacies.findVisible(Visibility.ALL, candidacyId)
			.ifPresent(candidacy -> write.accept(candidacy, new Mail(candidacy)));
	}

	/** One event's mail about one candidacy: what every template names. */
	private final class Mail {

		private final Candidacy candidacy;

		private final Referential referential;

		Mail(Candidacy candidacy) {
			this.candidacy = candidacy;
			this.referential = candidacies.referentialOf(candidacy.id());
		}

		void send(String kind, String template, List<Recipient> to, Map<String, Object> more) {
			send(kind, template, to, more, null);
		}

		void send(String kind, String template, List<Recipient> to, Map<String, Object> more, String attachment) {
			if (to.isEmpty()) {
				return;
			}
			Map<String, Object> variables = new HashMap<>(more);
			variables.put("title", candidacy.title());
			variables.put("candidacyId", candidacy.id());
			String collectivite = collectivites.findById(candidacy.collectiviteCode())
				.map(Collectivite::name)
				.orElse(candidacy.collectiviteCode());
			variables.put("collectivite", collectivite);
			// « d’Albi », « du Mans », « à Albi »: the name after a preposition, elided as French elides it.
			variables.put("deCollectivite", French.de(collectivite));
			variables.put("aCollectivite", French.a(collectivite));
			variables.put("programme", referential.name());
			variables.put("stage", candidacy.stage() == null ? null
					: referential.stage(candidacy.stage()).map(Referential.Label::label).orElse(candidacy.stage()));
			variables.put("link", publicAddress.of("/candidatures/" + candidacy.id()));
			MailText text;
			try {
				text = texts.render(template, variables);
			}
			catch (RuntimeException ex) {
				// A template's fault must not undo the decision it tells of: logged for the operators, no mail.
				log.error("Mail {} of candidacy {} not written: its template failed", kind, candidacy.id(), ex);
				return;
			}
			outbox.write(to, text, kind, candidacy.id(), attachment);
		}

	}

}
