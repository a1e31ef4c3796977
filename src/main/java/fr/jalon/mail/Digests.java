package fr.jalon.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.jalon.system.French;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest ({@code jalon.mail.digest-cron}, 7 h in Paris by default): each reviewer who chose it gets
 * the mails held for them, in one mail. Each held mail goes into one digest only, even with two nodes: it is
 * moved from HELD to DIGESTED by a conditional update in the digest's transaction.
 */
@Component
public class Digests {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final MailTexts texts;

	private final Clock clock;

	Digests(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox, MailTexts texts, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.texts = texts;
		this.clock = clock;
	}

	@Scheduled(cron = "${jalon.mail.digest-cron:0 0 7 * * *}", zone = "Europe/Paris")
	void daily() {
		digest(clock.instant());
	}

	/** Groups, per recipient, the mails held until {@code until} into one PENDING digest: how many digests. */
	public int digest(Instant until) {
		List<String> usernames = jdbc.queryForList(
				"select distinct username from mail_outbox where status = 'HELD' and created_at <= ?", String.class,
				Timestamp.from(until));
		int digests = 0;
		for (String username : usernames) {
			Boolean written = transactions.execute(status -> digestOf(username, until));
			digests += Boolean.TRUE.equals(written) ? 1 : 0;
		}
		return digests;
	}

	private boolean digestOf(String username, Instant until) {
		List<OutboxMail> held = jdbc.query("select id, created_at, recipient, username, subject, body, kind,"
				+ " candidacy_id, attachment_ref, status, attempts, next_attempt_at, sent_at, last_error from mail_outbox"
				+ " where username = ? and status = 'HELD' and created_at <= ? order by created_at, id", Outbox.MAIL,
				username, Timestamp.from(until));
		List<OutboxMail> mine = new ArrayList<>();
		for (OutboxMail mail : held) {
			if (jdbc.update("update mail_outbox set status = 'DIGESTED' where id = ? and status = 'HELD'",
					mail.id()) == 1) {
				mine.add(mail);
			}
		}
		if (mine.isEmpty()) {
			return false;
		}
		MailText text = texts.render("recapitulatif", Map.of("mails", mine, "day", French.date(until)));
		OutboxMail last = mine.get(mine.size() - 1);
		outbox.write(List.of(new Recipient(username, last.recipient(), false)), text, "DIGEST", null);
		return true;
	}

}
