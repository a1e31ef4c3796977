package fr.jalon.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Forbidden;
import fr.jalon.system.NotFound;
import fr.jalon.system.Paging;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code mail_outbox} table: mails written in the transaction of their event (so a rolled-back event leaves
 * none), read by the administrator, emptied by {@link OutboxSender} and {@link Digests}.
 */
@Component
public class Outbox {

	private static final String COLUMNS = "id, created_at, recipient, username, subject, body, kind, candidacy_id,"
			+ " attachment_ref, status, attempts, next_attempt_at, sent_at, last_error";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	Outbox(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One mail per recipient, in the caller's transaction: a digest reader's is held for the day's digest. */
	@Transactional(propagation = Propagation.MANDATORY)
	void write(List<Recipient> recipients, MailText text, String kind, String candidacyId) {
		write(recipients, text, kind, candidacyId, null);
	}

	/** The same, the mail carrying an attachment by its reference ({@link MailAttachments}). */
	@Transactional(propagation = Propagation.MANDATORY)
	void write(List<Recipient> recipients, MailText text, String kind, String candidacyId, String attachment) {
		Timestamp now = Timestamp.from(clock.instant());
		for (Recipient recipient : recipients) {
			jdbc.update("insert into mail_outbox (created_at, recipient, username, subject, body, kind, candidacy_id,"
					+ " attachment_ref, status, attempts, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", now,
					recipient.email(), recipient.username(), text.subject(), text.body(), kind, candidacyId,
					attachment, recipient.digest() ? OutboxMail.HELD : OutboxMail.PENDING, now);
		}
	}

	/** A page of the outbox, newest first: the administrator's. */
	@Transactional(readOnly = true)
	public List<OutboxMail> page(JalonUser user, Paging paging) {
		requireAdministrator(user);
		return jdbc.query("select " + COLUMNS + " from mail_outbox order by created_at desc, id desc"
				+ " offset ? rows fetch first ? rows only", MAIL, paging.offset(), paging.size());
	}

	@Transactional(readOnly = true)
	public long total(JalonUser user) {
		requireAdministrator(user);
		return jdbc.queryForObject("select count(*) from mail_outbox", Long.class);
	}

	@Transactional(readOnly = true)
	public OutboxMail get(JalonUser user, long id) {
		requireAdministrator(user);
		return jdbc.query("select " + COLUMNS + " from mail_outbox where id = ?", MAIL, id)
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFound("Courriel introuvable : " + id + "."));
	}

	/** The mails of a candidacy, oldest first (what tests and support read). */
	@Transactional(readOnly = true)
	public List<OutboxMail> ofCandidacy(String candidacyId) {
		return jdbc.query("select " + COLUMNS + " from mail_outbox where candidacy_id = ? order by id", MAIL,
				candidacyId);
	}

	private static void requireAdministrator(JalonUser user) {
		if (user == null || !user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur lit les courriels envoyés.");
		}
	}

	static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static final RowMapper<OutboxMail> MAIL = (row, n) -> new OutboxMail(row.getLong("id"),
			instant(row, "created_at"), row.getString("recipient"), row.getString("username"),
			row.getString("subject"), row.getString("body"), row.getString("kind"), row.getString("candidacy_id"),
			row.getString("attachment_ref"), row.getString("status"), row.getInt("attempts"),
			instant(row, "next_attempt_at"), instant(row, "sent_at"), row.getString("last_error"));

}
