package fr.jalon.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Serialises the start-up work of the nodes that share one database: the engine's schema, the shipped programmes,
 * the demo data. Each of those checks what exists, then creates what is missing; two nodes starting together on an
 * empty database would both create it (a duplicate key that stops one of them, or a second demo campaign). A node
 * takes this lock before the engine builds its schema ({@code workflow/StartupLockPlugin}) and gives it back once
 * ready, or when its start fails; a node killed meanwhile loses its database connection, and the lock with it.
 * <p>
 * On PostgreSQL, a session-level advisory lock: it needs no table, so that it can be taken before any schema exists
 * (neither Flyway's, whose own lock does not cover the engine, nor the engine's). On any other database (the
 * embedded H2, a file that only one process opens) there is no second node, and nothing to take.
 */
@Component
public class StartupLock {

	private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

	/** The advisory lock's key: "JALON-ST" read as a number, apart from Flyway's keys. */
	static final long KEY = 0x4A414C4F4E2D5354L;

	/** The longest a node waits for another's start-up work (the engine's schema and all, a minute or two). */
	static final Duration WAIT = Duration.ofMinutes(15);

	private final DataSource dataSource;

	private Connection held;

	StartupLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Waits until no other node does its start-up work, then holds the lock; a second call does nothing. */
	public synchronized void acquire() {
		if (held != null) {
			return;
		}
		try {
			Connection connection = dataSource.getConnection();
			if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
				connection.close();
				return;
			}
			long asked = System.nanoTime();
			// Bounded: a node that never gives the lock back (stuck, not dead) stops the start of the next with an
			// error rather than forever.
			try (Statement settings = connection.createStatement();
					PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
				settings.execute("set lock_timeout = '" + WAIT.toSeconds() + "s'");
				lock.setLong(1, KEY);
				lock.execute();
				settings.execute("reset lock_timeout");
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
			held = connection;
			log.info("Start-up lock taken after {} ms (the start-up work of other nodes is done)",
					(System.nanoTime() - asked) / 1_000_000);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot take the start-up lock", ex);
		}
	}

	@EventListener({ ApplicationReadyEvent.class, ApplicationFailedEvent.class })
	public synchronized void release() {
		if (held == null) {
			return;
		}
		Connection connection = held;
		held = null;
		try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
			unlock.setLong(1, KEY);
			unlock.execute();
			connection.close();
			log.info("Start-up lock released");
		}
		catch (SQLException ex) {
			// Not back to the pool still holding the lock: the connection is dropped, and the lock with it.
			log.warn("Start-up lock not released cleanly ({}); dropping its connection", ex.getMessage());
			try {
				connection.abort(Runnable::run);
			}
			catch (SQLException ignored) {
				// the connection is gone already
			}
		}
	}

}
