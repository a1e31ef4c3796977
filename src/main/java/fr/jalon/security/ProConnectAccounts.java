package fr.jalon.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import fr.jalon.system.AuditEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which Jalon account a ProConnect identity signs in as. An identity is its issuer and subject ({@code account_identity}):
 * a later sign-in finds its account by them alone. A first sign-in links the identity to the one enabled account whose
 * e-mail equals the identity's, if that e-mail is verified, and if that account has no identity yet; otherwise it is
 * refused. No account is ever created from an identity.
 */
@Component
class ProConnectAccounts {

	private static final Logger log = LoggerFactory.getLogger(ProConnectAccounts.class);

	private final JdbcTemplate jdbc;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ProConnectAccounts(JdbcTemplate jdbc, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	/** The identity's account, or why none. */
	record Outcome(Account account, ProConnectRefusal.Reason refusal) {
	}

	@Transactional
	Outcome signIn(String issuer, String subject, String email, boolean emailVerified) {
		List<String> linked = jdbc.queryForList("select username from account_identity where issuer = ? and subject = ?",
				String.class, issuer, subject);
		if (!linked.isEmpty()) {
			Optional<Account> account = accounts.findById(linked.get(0)).filter(Account::enabled);
			return account.map(found -> new Outcome(found, null)).orElseGet(() -> new Outcome(null, ProConnectRefusal.Reason.DISABLED));
		}
		if (!emailVerified) {
			log.info("ProConnect sign-in refused: unverified e-mail (issuer {}, subject {})", issuer, subject);
			return new Outcome(null, ProConnectRefusal.Reason.UNVERIFIED_EMAIL);
		}
		List<String> candidates = email == null ? List.of()
				: jdbc.queryForList("select a.username from account a where a.enabled = true and lower(a.email) = lower(?)"
						+ " and not exists (select 1 from account_identity i where i.username = a.username)", String.class,
						email.strip());
		if (candidates.size() != 1) {
			log.info("ProConnect sign-in refused: {} account(s) match the identity's e-mail (issuer {}, subject {})",
					candidates.size(), issuer, subject);
			return new Outcome(null, ProConnectRefusal.Reason.NO_ACCOUNT);
		}
		Account account = accounts.findById(candidates.get(0)).orElseThrow();
		jdbc.update("insert into account_identity (issuer, subject, username, linked_at) values (?, ?, ?, ?)", issuer,
				subject, account.username(), Timestamp.from(clock.instant()));
		events.publishEvent(AuditEvent.on(account.username(), "ACCOUNT_PROCONNECT_LINKED", "account:" + account.username(),
				issuer));
		return new Outcome(account, null);
	}

	/** Whether the account signs in through ProConnect (then it has no password of Jalon's to reset). */
	@Transactional(readOnly = true)
	boolean linked(String username) {
		return jdbc.queryForObject("select count(*) from account_identity where username = ?", Integer.class,
				username) > 0;
	}

}
