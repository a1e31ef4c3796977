package fr.jalon.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import fr.jalon.system.AuditEvent;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.system.SingleLine;

import jakarta.validation.Valid;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * Personal API tokens, for scripts and other information systems: {@code jalon_<id>_<secret>}, sent as
 * {@code Authorization: Bearer …} on the API (see {@link BearerTokens}). The secret is 256 random bits, shown once at
 * creation and kept only as its SHA-256: a fast hash is enough for a secret that no one can guess, and costs a
 * microsecond where bcrypt costs tens of milliseconds. {@code jalon_<id>} (its prefix) finds the row by primary key
 * and names the token in lists, the audit trail and wherever it leaks. Every authentication reads the row and the
 * account in the database, on every node: a revoked or expired token, or one of a disabled account, is refused at
 * once, and the account's role and scope are the current ones.
 */
@Service
@Validated
public class ApiTokenService {

	static final String PREFIX = "jalon_";

	/** Without an expiry asked for. */
	public static final int DEFAULT_DAYS = 90;

	/** The longest a token lives: a year, then a new one. */
	public static final int MAX_DAYS = 365;

	/** Its last use is written no more often than this (not one write per request). */
	static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

	private static final int ID_LENGTH = 12;

	private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	private static final int SECRET_LENGTH = 43;

	private final SecureRandom random = new SecureRandom();

	private final ApiTokens tokens;

	private final Accounts accounts;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ApiTokenService(ApiTokens tokens, Accounts accounts, Clock clock, ApplicationEventPublisher events) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.clock = clock;
		this.events = events;
	}

	/** A new token of the signed-in user's: its secret is in the answer, and nowhere else ever again. */
	@Transactional
	public CreatedToken create(JalonUser user, @Valid NewToken request) {
		String name = request.name() == null ? "" : request.name().strip();
		if (name.isEmpty()) {
			throw InvalidInput.of("name", "Le nom du jeton est à renseigner (à quoi il sert : « script d’export », …).");
		}
		int days = request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays();
		if (days < 1 || days > MAX_DAYS) {
			throw InvalidInput.of("expiresInDays",
					"La durée de validité d’un jeton va de 1 à " + MAX_DAYS + " jours (" + DEFAULT_DAYS + " par défaut).");
		}
		String secret = Secrets.newSecret();
		Instant now = clock.instant();
		ApiToken token = tokens.saveAndFlush(new ApiToken(newId(), user.getUsername(), name, Secrets.sha256(secret), now,
				now.plus(Duration.ofDays(days))));
		audit(user, "API_TOKEN_CREATED", token);
		return new CreatedToken(TokenView.of(token, now), token.prefix() + "_" + secret);
	}

	/** The signed-in user's tokens, newest first; never a secret. */
	@Transactional(readOnly = true)
	public List<TokenView> list(JalonUser user) {
		Instant now = clock.instant();
		return tokens.findByUsernameOrderByCreatedAtDesc(user.getUsername())
			.stream()
			.map(token -> TokenView.of(token, now))
			.toList();
	}

	/** One of the signed-in user's tokens revoked: refused from now on, on every node. Another's is not found. */
	@Transactional
	public void revoke(JalonUser user, @SingleLine String id) {
		ApiToken token = tokens.findById(id == null ? "" : id)
			.filter(found -> found.username().equals(user.getUsername()))
			.orElseThrow(() -> new NotFound("Jeton introuvable : " + id + "."));
		tokens.delete(token);
		tokens.flush();
		audit(user, "API_TOKEN_REVOKED", token);
	}

	/** Every token of the signed-in user's revoked; how many. */
	@Transactional
	public int revokeAll(JalonUser user) {
		List<ApiToken> all = tokens.findByUsernameOrderByCreatedAtDesc(user.getUsername());
		tokens.deleteByOwner(user.getUsername());
		all.forEach(token -> audit(user, "API_TOKEN_REVOKED", token));
		return all.size();
	}

	/**
	 * The user a bearer token stands for, as its account is now; none for a malformed, unknown, revoked or expired
	 * token, or one of a disabled account. Writes its last use at most once a minute.
	 */
	public Optional<JalonUser> authenticate(String bearer) {
		if (bearer == null || bearer.length() != PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH
				|| !bearer.startsWith(PREFIX) || bearer.charAt(PREFIX.length() + ID_LENGTH) != '_') {
			return Optional.empty();
		}
		String id = bearer.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
		String secret = bearer.substring(PREFIX.length() + ID_LENGTH + 1);
		Instant now = clock.instant();
		// One read-only statement; a write only when the last use on record is over a minute old.
		List<Object[]> found = tokens.withAccount(id);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		ApiToken token = (ApiToken) found.get(0)[0];
		Account account = (Account) found.get(0)[1];
		if (!MessageDigest.isEqual(token.secretHash().getBytes(StandardCharsets.US_ASCII),
				Secrets.sha256(secret).getBytes(StandardCharsets.US_ASCII)) || !now.isBefore(token.expiresAt())
				|| !account.enabled()) {
			return Optional.empty();
		}
		Instant before = now.minus(LAST_USE_PRECISION);
		if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(before)) {
			tokens.used(id, now, before);
		}
		JalonUser user = JalonUser.of(account);
		user.eraseCredentials();
		return Optional.of(user);
	}

	private String newId() {
		StringBuilder id = new StringBuilder(ID_LENGTH);
		for (int i = 0; i < ID_LENGTH; i++) {
			id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
		}
		return id.toString();
	}

	/** Its name and prefix only: never its secret. */
	private void audit(JalonUser user, String action, ApiToken token) {
		events.publishEvent(AuditEvent.on(user.getUsername(), action, "account:" + token.username(),
				token.name() + " (" + token.prefix() + ")"));
	}

	/** What a token is asked for: a name, and a validity in days (1 to {@value #MAX_DAYS}, {@value #DEFAULT_DAYS} when none). */
	public record NewToken(@SingleLine String name, Integer expiresInDays) {
	}

	/** A token as its owner sees it in lists: never its secret. */
	public record TokenView(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
			Instant expiresAt, boolean expired) {

		static TokenView of(ApiToken token, Instant now) {
			return new TokenView(token.getId(), token.name(), token.prefix(), token.createdAt(), token.lastUsedAt(),
					token.expiresAt(), !now.isBefore(token.expiresAt()));
		}

	}

	/** A token just created, with its secret: answered once, never logged (see {@link #toString()}). */
	public record CreatedToken(@JsonUnwrapped TokenView view, String token) {

		@Override
		public String toString() {
			return "CreatedToken[" + view.prefix() + "]";
		}

	}

}
