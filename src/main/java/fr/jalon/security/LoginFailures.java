package fr.jalon.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed logins, counted in the database so that every node shares one budget: per account name
 * (known or not, so that a lock says nothing of whether the account exists) and per source address
 * (an IPv6 address by its /64, which one client holds whole). Past its free failures, a subject is
 * locked for a minute, then twice as long at each further failure, up to {@link #MAX_LOCK}; a locked
 * subject's attempts are refused unread, so they count for nothing.
 * <p>
 * An attempt is counted <em>before</em> its password is checked, so that attempts sent at once cannot
 * all pass before any is counted: each takes its subjects' rows ({@code select … for update}, account
 * then address, always in that order), is refused if either is locked, and is counted otherwise. The
 * attempt that reaches a subject's free budget (or goes beyond it) is checked while it still holds
 * the rows: the attempts sent alongside wait for its answer, then find the subject locked, or cleared
 * by its success. So at most the free budget of passwords is checked per lock, however many are sent.
 * A success clears its account's count and gives back its address's attempt.
 * <p>
 * An account's failures are remembered a day; an address's count restarts when its last failure is
 * older than {@link #ADDRESS_WINDOW}, so that an office behind one address is not locked by a week of
 * typos. A row is forgotten {@link #MEMORY} after its last failure, never while locked: the table is
 * bounded by time, not by dropping rows an attacker would like to see go.
 */
@Component
class LoginFailures {

	/** Failures an account name is allowed before its first lock. */
	static final int ACCOUNT_FREE_FAILURES = 5;

	/** Failures a source address is allowed, whatever names it tries; higher, as an office may share one. */
	static final int ADDRESS_FREE_FAILURES = 50;

	/** An address's count restarts when its last failure is older than this. */
	static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);

	static final Duration FIRST_LOCK = Duration.ofMinutes(1);

	static final Duration MAX_LOCK = Duration.ofMinutes(15);

	static final Duration MEMORY = Duration.ofDays(1);

	/** Admissions tried again when another node inserted a subject's row at the same time. */
	private static final int INSERT_RETRIES = 10;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	LoginFailures(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * A login for that name from that address (null if unknown), checked by {@code check} once admitted:
	 * its answer if it succeeds, its exception (counted) otherwise.
	 * @throws ThrottledLogins.Locked refused unchecked, uncounted: the name or the address is locked
	 */
	<T> T attempt(String username, String address, Supplier<T> check) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Subject account = new Subject(account(username), ACCOUNT_FREE_FAILURES, MEMORY);
		Subject source = address == null ? null : new Subject(address(address), ADDRESS_FREE_FAILURES, ADDRESS_WINDOW);
		Admission<T> admission = admit(account, source, now, check);
		if (admission.checked()) {
			if (admission.failure() != null) {
				forgetOld(now);
				throw admission.failure();
			}
			return admission.result();
		}
		T result;
		try {
			result = check.get();
		}
		catch (RuntimeException failed) {
			// Already counted.
			forgetOld(now);
			throw failed;
		}
		succeeded(account, source, admission.sourceBefore(), now);
		return result;
	}

	/**
	 * A login with a name and password known to have succeeded moments ago on this node (no guess): refused while its
	 * name or address is locked; when neither has a failure on record, checked without being counted first, and
	 * nothing is written unless the check fails (then counted as any failure); otherwise as {@link #attempt}, which
	 * clears what its success clears. Reads the two rows without locking them.
	 * @throws ThrottledLogins.Locked refused unchecked, uncounted: the name or the address is locked
	 */
	<T> T attemptKnown(String username, String address, Supplier<T> check) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		List<String> keys = address == null ? List.of(account(username)) : List.of(account(username), address(address));
		List<Row> rows = jdbc.query("select failures, last_failure_at, locked_until from login_failure where subject in ("
				+ (keys.size() == 1 ? "?" : "?, ?") + ")",
				(result, i) -> new Row(result.getInt(1), instant(result.getTimestamp(2)), instant(result.getTimestamp(3))),
				keys.toArray());
		Instant lockedUntil = rows.stream()
			.map(Row::lockedUntil)
			.filter(until -> until != null && until.isAfter(now))
			.max(Instant::compareTo)
			.orElse(null);
		if (lockedUntil != null) {
			throw new ThrottledLogins.Locked(lockedUntil);
		}
		if (rows.stream().anyMatch(row -> row.failures() > 0 || row.lockedUntil() != null)) {
			return attempt(username, address, check);
		}
		try {
			return check.get();
		}
		catch (RuntimeException failed) {
			// Counted now, as a guess would have been.
			Subject account = new Subject(account(username), ACCOUNT_FREE_FAILURES, MEMORY);
			Subject source = address == null ? null : new Subject(address(address), ADDRESS_FREE_FAILURES, ADDRESS_WINDOW);
			admit(account, source, now, () -> {
				throw failed;
			});
			forgetOld(now);
			throw failed;
		}
	}

	private <T> Admission<T> admit(Subject account, Subject source, Instant now, Supplier<T> check) {
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(status -> admitOnce(account, source, now, check));
			}
			catch (DuplicateKeyException inserted) {
				// Another node inserted one of the rows first (before any check ran): count on it.
				if (attempt >= INSERT_RETRIES) {
					throw inserted;
				}
			}
		}
	}

	/** In one transaction: the subjects' rows taken, the attempt refused, counted, or checked there. */
	private <T> Admission<T> admitOnce(Subject account, Subject source, Instant now, Supplier<T> check) {
		Row accountRow = take(account, now);
		Row sourceRow = source == null ? null : take(source, now);
		Instant lockedUntil = Stream.of(accountRow, sourceRow)
			.filter(row -> row != null && row.lockedUntil() != null && row.lockedUntil().isAfter(now))
			.map(Row::lockedUntil)
			.max(Instant::compareTo)
			.orElse(null);
		if (lockedUntil != null) {
			throw new ThrottledLogins.Locked(lockedUntil);
		}
		int accountCount = accountRow.next(account, now);
		int sourceCount = source == null ? 0 : sourceRow.next(source, now);
		if (accountCount < account.free() && (source == null || sourceCount < source.free())) {
			count(account, accountCount, now);
			if (source != null) {
				count(source, sourceCount, now);
			}
			return new Admission<>(false, null, null, sourceRow);
		}
		// The last free attempt, or beyond: checked while this transaction holds the rows, so that the
		// attempts sent alongside wait for its answer instead of being checked too.
		T result;
		try {
			result = check.get();
		}
		catch (RuntimeException failed) {
			count(account, accountCount, now);
			if (source != null) {
				count(source, sourceCount, now);
			}
			return new Admission<>(true, null, failed, null);
		}
		// A success: the account cleared, the address as it was (this attempt was never counted on it).
		clear(account);
		return new Admission<>(true, result, null, null);
	}

	/**
	 * The subject's row, locked until the transaction ends; inserted (without failures) if missing, so
	 * that it is locked too and a concurrent insert fails here, before any password is checked.
	 */
	private Row take(Subject subject, Instant now) {
		List<Row> rows = jdbc.query(
				"select failures, last_failure_at, locked_until from login_failure where subject = ? for update",
				(result, i) -> new Row(result.getInt(1), instant(result.getTimestamp(2)), instant(result.getTimestamp(3))),
				subject.key());
		if (!rows.isEmpty()) {
			return rows.get(0);
		}
		jdbc.update("insert into login_failure (subject, failures, last_failure_at) values (?, 0, ?)", subject.key(),
				Timestamp.from(now));
		return new Row(0, null, null);
	}

	/** Counts an attempt (n in all), locking the subject when n reaches its free budget. */
	private void count(Subject subject, int n, Instant now) {
		jdbc.update("update login_failure set failures = ?, last_failure_at = ?, locked_until = ? where subject = ?", n,
				Timestamp.from(now), n >= subject.free() ? Timestamp.from(now.plus(lock(n - subject.free()))) : null,
				subject.key());
	}

	/** After a success counted beforehand: its account cleared, its address's attempt given back. */
	private void succeeded(Subject account, Subject source, Row sourceBefore, Instant now) {
		transactions.executeWithoutResult(status -> {
			clear(account);
			if (source == null) {
				return;
			}
			if (sourceBefore.lastFailureAt() != null && sourceBefore.next(source, now) > 1) {
				// The last failure as it was before this attempt, unless another one came since.
				jdbc.update(
						"update login_failure set failures = failures - 1, last_failure_at = case when last_failure_at = ? "
								+ "then ? else last_failure_at end where subject = ? and failures > 0",
						Timestamp.from(now), Timestamp.from(sourceBefore.lastFailureAt()), source.key());
			}
			else {
				jdbc.update("update login_failure set failures = failures - 1 where subject = ? and failures > 0",
						source.key());
			}
		});
	}

	/**
	 * A subject's count back to zero and its lock lifted. Its row stays (until {@link #forgetOld} forgets it): deleted
	 * at every success, it was inserted again by the next admission, and an account or an address busy with concurrent
	 * requests, on several nodes, kept racing to insert it.
	 */
	private void clear(Subject subject) {
		jdbc.update("update login_failure set failures = 0, locked_until = null where subject = ?", subject.key());
	}

	/** Forgets the rows whose last failure is older than {@link #MEMORY}, and which are not locked. */
	int forgetOld(Instant now) {
		try {
			Timestamp at = Timestamp.from(now);
			return jdbc.update(
					"delete from login_failure where last_failure_at < ? and (locked_until is null or locked_until < ?)",
					Timestamp.from(now.minus(MEMORY)), at);
		}
		catch (DataAccessException housekeeping) {
			// Another node is at it, or an admission holds one of the rows: the next failure tries again.
			return 0;
		}
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
		return mayName(name) ? "account:" + name : "account#" + Secrets.sha256(name);
	}

	/** Whether an account could have that name: 64 characters at most, printable ASCII, no space. */
	static boolean mayName(String username) {
		return username != null && username.length() <= 64 && username.chars().allMatch(c -> c > 0x20 && c < 0x7f);
	}

	/**
	 * A source address as a key: an IPv6 address by its /64 ({@code address:2001:db8:1:2::/64}), as one
	 * client holds a whole /64; an IPv4 address (mapped into IPv6 or not) as itself; anything else as
	 * given, or its SHA-256 when long.
	 */
	static String address(String address) {
		String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
				: address;
		int zone = literal.indexOf('%');
		if (zone >= 0) {
			literal = literal.substring(0, zone);
		}
		// Only an IPv6 literal is parsed (hexadecimal digits, colons, dots): no name is ever looked up.
		if (literal.indexOf(':') >= 0 && literal.length() <= 45 && literal.chars()
			.allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
			try {
				InetAddress parsed = InetAddress.getByName(literal);
				if (parsed instanceof Inet6Address) {
					byte[] bytes = parsed.getAddress();
					StringBuilder prefix = new StringBuilder("address:");
					for (int i = 0; i < 8; i += 2) {
						prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
					}
					return prefix.append(":/64").toString();
				}
				return "address:" + parsed.getHostAddress();
			}
			catch (UnknownHostException notAnAddress) {
				// Counted as given below.
			}
		}
		return address.length() <= 64 ? "address:" + address : "address#" + Secrets.sha256(address);
	}

	/** A subject: its key, its free failures, how long its last failure keeps its count. */
	private record Subject(String key, int free, Duration window) {
	}

	/** A subject's row as read ({@code lastFailureAt} null when it was just inserted). */
	private record Row(int failures, Instant lastFailureAt, Instant lockedUntil) {

		/** The subject's count with one more attempt: restarted when its last failure is out of its window. */
		int next(Subject subject, Instant now) {
			return lastFailureAt == null || lastFailureAt.isBefore(now.minus(subject.window())) ? 1 : failures + 1;
		}

	}

	/**
	 * @param checked whether the attempt was checked during its admission ({@code result} or {@code failure})
	 * @param sourceBefore the address's row before the attempt was counted, when it was not checked yet
	 */
	private record Admission<T>(boolean checked, T result, RuntimeException failure, Row sourceBefore) {
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
