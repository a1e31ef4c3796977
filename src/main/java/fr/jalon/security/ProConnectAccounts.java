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
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which Jalon account a ProConnect identity signs in as. An identity is its issuer and subject ({@code account_identity}):
 * a later sign-in finds its account by them alone. A first sign-in links the identity to the one enabled account whose
 * e-mail equals the identity's, if that e-mail is verified, and if that account has no identity yet; otherwise it is
 * refused. No account is created from an identity, but for the agents of a body that an administrator allowed
 * ({@link ProConnectAllowList}): a verified e-mail of its domain that no account has gets one, linked.
 */
@Component
class ProConnectAccounts {

	private static final Logger log = LoggerFactory.getLogger(ProConnectAccounts.class);

	private final JdbcTemplate jdbc;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ProConnectAllowList allowList;

	private final PasswordEncoder passwords;

	private final java.security.SecureRandom random = new java.security.SecureRandom();

	ProConnectAccounts(JdbcTemplate jdbc, Accounts accounts, ProConnectAllowList allowList, PasswordEncoder passwords,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.allowList = allowList;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
	}

	/** The identity's account, or why none. */
	record Outcome(Account account, ProConnectRefusal.Reason refusal) {
	}

	@Transactional
	Outcome signIn(String issuer, String subject, String email, boolean emailVerified, String name) {
		List<String> linked = jdbc.queryForList("select username from account_identity where issuer = ? and subject = ?",
				String.class, issuer, subject);
		if (!linked.isEmpty()) {
			Optional<Account> account = accounts.findById(linked.get(0)).filter(Account::enabled);
			return account.map(found -> new Outcome(found, null))
				.orElseGet(() -> new Outcome(null, ProConnectRefusal.Reason.DISABLED));
		}
		if (!emailVerified) {
			log.info("ProConnect sign-in refused: unverified e-mail (issuer {}, subject {})", issuer, subject);
			return new Outcome(null, ProConnectRefusal.Reason.UNVERIFIED_EMAIL);
		}
		List<String> candidates = email == null ? List.of()
				: jdbc.queryForList("select a.username from account a where a.enabled = true and lower(a.email) = lower(?)"
						+ " and not exists (select 1 from account_identity i where i.username = a.username)", String.class,
						email.strip());
		if (candidates.isEmpty()) {
			Optional<ProConnectAllowList.AllowedBody> body = allowList.ofEmail(email);
			if (body.isPresent()) {
				Account created = create(email.strip(), name, body.get());
				link(issuer, subject, created);
				return new Outcome(created, null);
			}
		}
		if (candidates.size() != 1) {
			log.info("ProConnect sign-in refused: {} account(s) match the identity's e-mail (issuer {}, subject {})",
					candidates.size(), issuer, subject);
			return new Outcome(null, ProConnectRefusal.Reason.NO_ACCOUNT);
		}
		Account account = accounts.findById(candidates.get(0)).orElseThrow();
		link(issuer, subject, account);
		return new Outcome(account, null);
	}

	private void link(String issuer, String subject, Account account) {
		jdbc.update("insert into account_identity (issuer, subject, username, linked_at) values (?, ?, ?, ?)", issuer,
				subject, account.username(), Timestamp.from(clock.instant()));
		events.publishEvent(AuditEvent.on(account.username(), "ACCOUNT_PROCONNECT_LINKED", "account:" + account.username(),
				issuer));
	}

	/**
	 * An account for an agent of an allowed body: named after the e-mail's local part (made an identifier, a suffix
	 * if taken), the body's role and scope, a random password no one knows (it signs in with ProConnect only), and the
	 * person's name the identity gives (its identifier when it gives none fit to show).
	 */
	private Account create(String email, String name, ProConnectAllowList.AllowedBody body) {
		String base = email.substring(0, email.lastIndexOf('@'))
			.toLowerCase(java.util.Locale.ROOT)
			.replaceAll("[^a-z0-9.-]+", "-")
			.replaceAll("^[^a-z0-9]+", "");
		base = base.length() < 3 ? "agent-" + base : base.substring(0, Math.min(base.length(), 50));
		String username = base;
		while (accounts.existsById(username)) {
			username = base + "-" + java.util.HexFormat.of().toHexDigits((short) random.nextInt()).substring(0, 4);
		}
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		Account account = new Account(username, passwords.encode(java.util.Base64.getEncoder().encodeToString(secret)),
				body.role(), body.scope());
		account.mailPreferences(email, false);
		if (name != null) {
			try {
				account.person(AccountService.displayName(name), false);
			}
			catch (fr.jalon.system.InvalidInput unfit) {
				log.info("ProConnect sign-in: the identity's name is not shown, the account keeps its identifier");
			}
		}
		accounts.saveAndFlush(account);
		events.publishEvent(AuditEvent.on("proconnect", "ACCOUNT_CREATED", "account:" + username,
				body.role() + (body.scope() == null ? "" : " " + body.scope()) + " (" + body.emailDomain() + ")"));
		return account;
	}

	/** Whether the account signs in through ProConnect (then it has no password of Jalon's to reset). */
	@Transactional(readOnly = true)
	boolean linked(String username) {
		return jdbc.queryForObject("select count(*) from account_identity where username = ?", Integer.class,
				username) > 0;
	}

}
