package fr.jalon.mail;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's due mails through Spring's {@link JavaMailSender} ({@code spring.mail.*}), every
 * {@code jalon.mail.poll-interval}. Each node claims a row before sending it, by one conditional update that only
 * one node can win ({@code claimed_until} unset or past): a row is sent by one node, and a node that dies while
 * sending leaves it to another once the claim has expired. A failure is retried after 1, 2, 4… minutes, then the
 * row is FAILED after {@code jalon.mail.max-attempts}. Without SMTP ({@code spring.mail.host} unset, the embedded
 * default) it does nothing: mails stay PENDING in the outbox.
 */
@Component
public class OutboxSender {

	private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

	private static final int BATCH = 50;

	private final JdbcTemplate jdbc;

	private final ObjectProvider<JavaMailSender> smtp;

	private final ObjectProvider<MailAttachments> attachments;

	private final Clock clock;

	private final String from;

	private final int maxAttempts;

	private final Duration lease;

	/** This node, as its claims name it. */
	private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
			+ UUID.randomUUID().toString().substring(0, 8);

	OutboxSender(JdbcTemplate jdbc, ObjectProvider<JavaMailSender> smtp, ObjectProvider<MailAttachments> attachments,
			Clock clock,
			@Value("${jalon.mail.from:jalon@localhost}") String from,
			@Value("${jalon.mail.max-attempts:5}") int maxAttempts,
			@Value("${jalon.mail.claim-lease:PT5M}") Duration lease) {
		this.jdbc = jdbc;
		this.smtp = smtp;
		this.attachments = attachments;
		this.clock = clock;
		this.from = from;
		this.maxAttempts = maxAttempts;
		this.lease = lease;
	}

	@Scheduled(initialDelayString = "${jalon.mail.poll-interval:PT10S}",
			fixedDelayString = "${jalon.mail.poll-interval:PT10S}")
	void poll() {
		try {
			// Batch after batch while batches come full: a backlog (SMTP configured at last, say) drains in one poll.
			while (sendDue() == BATCH) {
				log.debug("Mail outbox: a full batch sent, another follows");
			}
		}
		catch (RuntimeException ex) {
			log.warn("Mail outbox not polled: {}", ex.toString());
		}
	}

	/** Sends what is due now and this node could claim: how many mails left. */
	public int sendDue() {
		JavaMailSender sender = smtp.getIfAvailable();
		if (sender == null) {
			return 0;
		}
		Instant now = clock.instant();
		List<Long> due = jdbc.queryForList("select id from mail_outbox where status = 'PENDING' and next_attempt_at <= ?"
				+ " and (claimed_until is null or claimed_until < ?) order by id fetch first " + BATCH + " rows only",
				Long.class, Timestamp.from(now), Timestamp.from(now));
		int sent = 0;
		for (long id : due) {
			if (claim(id, now)) {
				sent += send(sender, id) ? 1 : 0;
			}
		}
		return sent;
	}

	/** One statement, its own transaction: of two nodes, one updates the row, the other finds it claimed. */
	private boolean claim(long id, Instant now) {
		return jdbc.update("update mail_outbox set claimed_by = ?, claimed_until = ? where id = ? and status = 'PENDING'"
				+ " and (claimed_until is null or claimed_until < ?)", node, Timestamp.from(now.plus(lease)), id,
				Timestamp.from(now)) == 1;
	}

	private boolean send(JavaMailSender sender, long id) {
		OutboxMail mail = jdbc.query("select id, created_at, recipient, username, subject, body, kind, candidacy_id,"
				+ " attachment_ref, status, attempts, next_attempt_at, sent_at, last_error from mail_outbox where id = ?",
				Outbox.MAIL, id).get(0);
		try {
			MimeMessage message = sender.createMimeMessage();
			// The first provider, in their order, that has something for the reference.
			java.util.Optional<MailAttachments.Attachment> attachment = mail.attachmentRef() == null
					? java.util.Optional.empty()
					: attachments.orderedStream()
						.map(provider -> provider.find(mail.attachmentRef()))
						.flatMap(java.util.Optional::stream)
						.findFirst();
			MimeMessageHelper helper = attachment.isPresent()
					? new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8")
					: new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(from);
			helper.setTo(mail.recipient());
			helper.setSubject(mail.subject());
			helper.setText(mail.body(), false);
			if (attachment.isPresent()) {
				helper.addAttachment(attachment.get().filename(),
						new org.springframework.core.io.ByteArrayResource(attachment.get().content()),
						attachment.get().contentType());
			}
			message.setHeader("X-Jalon-Mail", Long.toString(mail.id()));
			sender.send(message);
		}
		catch (MailException | MessagingException ex) {
			failed(mail, ex);
			return false;
		}
		jdbc.update("update mail_outbox set status = 'SENT', sent_at = ?, attempts = attempts + 1, claimed_until = null,"
				+ " last_error = null where id = ? and claimed_by = ?", Timestamp.from(clock.instant()), id, node);
		return true;
	}

	private void failed(OutboxMail mail, Exception ex) {
		int attempts = mail.attempts() + 1;
		boolean givenUp = attempts >= maxAttempts;
		Instant next = clock.instant().plus(Duration.ofMinutes(1L << Math.min(attempts - 1, 10)));
		String error = String.valueOf(ex.getMessage());
		log.warn("Mail {} to {} not sent (attempt {} of {}): {}", mail.id(), mail.recipient(), attempts, maxAttempts,
				error);
		jdbc.update("update mail_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,"
				+ " claimed_until = null where id = ? and claimed_by = ?", givenUp ? OutboxMail.FAILED : OutboxMail.PENDING,
				attempts, Timestamp.from(next), error.length() > 1000 ? error.substring(0, 1000) : error, mail.id(), node);
	}

}
