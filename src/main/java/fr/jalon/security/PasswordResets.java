package fr.jalon.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import fr.jalon.system.AuditEvent;
import fr.jalon.system.PublicAddress;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * « Mot de passe oublié » for the accounts that sign in with a password of Jalon's (none linked to ProConnect): a
 * request by e-mail address mails each such enabled account of that address a link, valid {@link #VALIDITY} and
 * once, to choose a new password ({@link PasswordPolicy}); the account's sessions then end (its credentials version
 * changes). A request answers the same whether the address is an account's or not. The token is random (256 bits),
 * stored as its SHA-256 only: the table does not let one reset a password.
 */
@Service
public class PasswordResets {

	/** How long a link is valid. */
	public static final Duration VALIDITY = Duration.ofMinutes(30);

	/** The policy's minimum length, for the page that asks the new password. */
	public static final int MIN_PASSWORD_CHARACTERS = PasswordPolicy.MIN_CHARACTERS;

	/** The page a link opens, its token in the parameter {@code jeton}. */
	public static final String PAGE = "/connexion/nouveau-mot-de-passe";

	private final JdbcTemplate jdbc;

	private final Accounts accounts;

	private final ProConnectAccounts identities;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final PublicAddress address;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PasswordResets(JdbcTemplate jdbc, Accounts accounts, ProConnectAccounts identities, PasswordPolicy policy,
			PasswordEncoder encoder, PublicAddress address, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.identities = identities;
		this.policy = policy;
		this.encoder = encoder;
		this.address = address;
		this.events = events;
		this.clock = clock;
	}

	/** Mails a link to each enabled account of that address that has a password of Jalon's; tells nothing back. */
	@Transactional
	public void request(String email) {
		if (email == null || email.isBlank() || email.length() > 254) {
			return;
		}
		List<String> usernames = jdbc.queryForList("select a.username from account a where a.enabled = true"
				+ " and lower(a.email) = lower(?) and not exists"
				+ " (select 1 from account_identity i where i.username = a.username)", String.class, email.strip());
		Instant now = clock.instant();
		for (String username : usernames) {
			String token = Secrets.newSecret();
			jdbc.update("insert into password_reset (token_hash, username, created_at, expires_at) values (?, ?, ?, ?)",
					Secrets.sha256(token), username, Timestamp.from(now), Timestamp.from(now.plus(VALIDITY)));
			Account account = accounts.findById(username).orElseThrow();
			events.publishEvent(new PasswordResetRequested(username, account.email(),
					address.of(PAGE + "?jeton=" + token), VALIDITY));
			events.publishEvent(AuditEvent.on(username, "ACCOUNT_PASSWORD_RESET_REQUESTED", "account:" + username, null));
		}
	}

	/** The account a link resets, while it is valid: unused, unexpired, its account enabled and not ProConnect's. */
	@Transactional(readOnly = true)
	public Optional<String> accountOf(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.queryForList("select username from password_reset where token_hash = ? and used_at is null"
				+ " and expires_at > ?", String.class, Secrets.sha256(token), Timestamp.from(clock.instant()))
			.stream()
			.findFirst()
			.filter(username -> accounts.findById(username).map(Account::enabled).orElse(false))
			.filter(username -> !identities.linked(username));
	}

	/** What a new password is. */
	public sealed interface Outcome {
	}

	/** The link is used, expired, or none. */
	public record InvalidLink() implements Outcome {
	}

	/** The password is refused: why, in French. */
	public record Refused(String fault) implements Outcome {
	}

	/** The account's new password is set, its sessions end. */
	public record Changed(String username) implements Outcome {
	}

	/**
	 * Sets the new password of the link's account, if the link is still valid and the password follows the policy;
	 * the link, and every other link of that account, is used then.
	 */
	@Transactional
	public Outcome reset(String token, String password) {
		Optional<String> username = accountOf(token);
		if (username.isEmpty()) {
			return new InvalidLink();
		}
		Optional<String> fault = policy.fault(username.get(), password);
		if (fault.isPresent()) {
			return new Refused(fault.get());
		}
		// Used at once, under the row's lock: of two submissions of the same link, one changes the password.
		int used = jdbc.update("update password_reset set used_at = ? where token_hash = ? and used_at is null",
				Timestamp.from(clock.instant()), Secrets.sha256(token));
		if (used != 1) {
			return new InvalidLink();
		}
		jdbc.update("update password_reset set used_at = ? where username = ? and used_at is null",
				Timestamp.from(clock.instant()), username.get());
		Account account = accounts.findById(username.get()).orElseThrow();
		account.changePassword(encoder.encode(password));
		events.publishEvent(AuditEvent.on(account.username(), "ACCOUNT_PASSWORD_RESET", "account:" + account.username(),
				null));
		return new Changed(account.username());
	}

}
