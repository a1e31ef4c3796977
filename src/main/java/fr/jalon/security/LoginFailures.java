package fr.jalon.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed logins, counted in the database so that every node shares one budget: per account name
 * (known or not, so that a lock says nothing of whether the account exists) and per source address.
 * Past its free failures, a subject is locked for a minute, then twice as long at each further
 * failure, up to {@link #MAX_LOCK}; a locked subject's attempts are refused unread, so they count
 * for nothing. A successful login clears its account's count. A row is forgotten {@link #MEMORY}
 * after its last failure, never while locked: the table is bounded by time, not by dropping rows
 * an attacker would like to see go.
 */
@Component
class LoginFailures {

	/** Failures an account name is allowed before its first lock. */
	static final int ACCOUNT_FREE_FAILURES = 5;

	/** Failures a source address is allowed, whatever names it tries; higher, as an office may share one. */
	static final int ADDRESS_FREE_FAILURES = 50;

	static final Duration FIRST_LOCK = Duration.ofMinutes(1);

	static final Duration MAX_LOCK = Duration.ofMinutes(15);

	static final Duration MEMORY = Duration.ofDays(1);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	LoginFailures(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Where a login for that name, from that address, stands before its password is checked: one read. */
	Standing standing(String username, String address) {
		Instant now = clock.instant();
		String account = account(username);
		List<Row> rows = jdbc.query("select subject, locked_until from login_failure where subject in (?, ?)",
				(result, i) -> new Row(result.getString(1), result.getTimestamp(2)), account,
				address == null ? account : address(address));
		Instant lockedUntil = rows.stream()
			.map(Row::lockedUntil)
			.filter(Objects::nonNull)
			.map(Timestamp::toInstant)
			.filter(now::isBefore)
			.max(Instant::compareTo)
			.orElse(null);
		return new Standing(lockedUntil, rows.stream().anyMatch(row -> account.equals(row.subject())));
	}

	void failed(String username, String address) {
		Instant now = clock.instant();
		count(account(username), ACCOUNT_FREE_FAILURES, now);
		if (address != null) {
			count(address(address), ADDRESS_FREE_FAILURES, now);
		}
		forgetOld(now);
	}

	void succeeded(String username) {
		jdbc.update("delete from login_failure where subject = ?", account(username));
	}

	/** Forgets the rows whose last failure is older than {@link #MEMORY}, and which are not locked. */
	int forgetOld(Instant now) {
		Timestamp at = Timestamp.from(now);
		return jdbc.update("delete from login_failure where last_failure_at < ? and (locked_until is null or locked_until < ?)",
				Timestamp.from(now.minus(MEMORY)), at);
	}

	/** One more failure for that subject, locking it past its free failures; atomic across nodes. */
	private void count(String subject, int free, Instant now) {
		if (increment(subject, free, now)) {
			return;
		}
		try {
			transactions.executeWithoutResult(status -> jdbc.update(
					"insert into login_failure (subject, failures, last_failure_at) values (?, 1, ?)", subject,
					Timestamp.from(now)));
		}
		catch (DuplicateKeyException inserted) {
			// Another node inserted the row first: count on it.
			increment(subject, free, now);
		}
	}

	/** Counts the failure on an existing row (locked by the update until commit); false when there is none. */
	private boolean increment(String subject, int free, Instant now) {
		return Boolean.TRUE.equals(transactions.execute(status -> {
			if (jdbc.update("update login_failure set failures = failures + 1, last_failure_at = ? where subject = ?",
					Timestamp.from(now), subject) == 0) {
				return false;
			}
			int failures = jdbc.queryForObject("select failures from login_failure where subject = ?", Integer.class,
					subject);
			if (failures >= free) {
				jdbc.update("update login_failure set locked_until = ? where subject = ?",
						Timestamp.from(now.plus(lock(failures - free))), subject);
			}
			return true;
		}));
	}

	/** A minute at the first lock, doubling at each further failure, up to {@link #MAX_LOCK}. */
	static Duration lock(int beyond) {
		Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(beyond, 20));
		return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
	}

	/**
	 * An account name as a key: as typed, lower-cased, when it could be one; otherwise (too long, or
	 * with characters no account name has) its SHA-256, so that no hostile name reaches the table.
	 */
	static String account(String username) {
		String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
		return mayName(name) ? "account:" + name : "account#" + sha256(name);
	}

	/** Whether an account could have that name: 64 characters at most, printable ASCII, no space. */
	static boolean mayName(String username) {
		return username != null && username.length() <= 64 && username.chars().allMatch(c -> c > 0x20 && c < 0x7f);
	}

	private static String address(String address) {
		return address.length() <= 64 ? "address:" + address : "address#" + sha256(address);
	}

	/**
	 * @param lockedUntil until when the login is refused, or null if it may be tried
	 * @param accountFailures whether the account name has failures on record, which a success clears
	 */
	record Standing(Instant lockedUntil, boolean accountFailures) {
	}

	private record Row(String subject, Timestamp lockedUntil) {
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
