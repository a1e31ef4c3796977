package fr.jalon.system;

import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file near the size of its data. {@code WRITE_DELAY=0} (application.yaml) writes every commit to
 * the file before the request is answered, a new chunk of H2's MVStore each time: that is what makes a killed process
 * lose nothing it acknowledged. It also keeps H2's background writer from running, and that thread is the one that
 * rewrites the chunks later commits left nearly empty: without it a chunk holding a single live page is never given
 * back, and the file grows by some 20 KB per commit (about 0.5 GB per 1,000 candidacies, for a few MB of data;
 * BENCHMARKS.md « Embedded database file »). This does that work instead, every {@link #PERIOD}: H2's own chunk
 * rewriting (MVStore {@code compact}), which moves the live pages of sparse chunks into the next one, so that the old
 * chunks fall empty and their space is written again once H2's retention time (45 s, its guard against a power cut)
 * has passed. The file then stays at its data plus about 45 s of writes. Commits stay written one by one.
 * <p>
 * Only on an H2 file database: PostgreSQL reclaims its space by itself (autovacuum), an in-memory H2 has no file. H2
 * has no SQL statement for this ({@code CHECKPOINT} does not rewrite chunks, {@code SHUTDOWN COMPACT} closes the
 * database); its store is reached through H2's public engine classes, by name, H2 being a run-time dependency only.
 * {@code EmbeddedDatabaseCompactionTests} checks that the way there still works with the H2 of the build.
 */
@Component
class EmbeddedDatabaseCompaction {

	/** How often: at the busiest (some 50 commits a second) about 10 MB of chunks have been written meanwhile. */
	static final Duration PERIOD = Duration.ofSeconds(10);

	/** Chunks fuller than this are left as they are (H2's background writer aims at 90). */
	static final int TARGET_FILL_RATE = 80;

	/** The most a round rewrites: commits wait for it, a fraction of a second at worst. */
	static final int WRITE_LIMIT_BYTES = 16 * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseCompaction.class);

	private final DataSource dataSource;

	private ScheduledExecutorService timer;

	EmbeddedDatabaseCompaction(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		if (timer != null || !compact()) {
			return;
		}
		timer = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "h2-compaction");
			thread.setDaemon(true);
			return thread;
		});
		timer.scheduleWithFixedDelay(this::compact, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
		log.info("Embedded H2 file: sparse chunks rewritten every {} s", PERIOD.toSeconds());
	}

	/** Before the database closes: no round starts any more, the one under way ends. */
	@PreDestroy
	synchronized void stop() throws InterruptedException {
		if (timer != null) {
			timer.shutdown();
			timer.awaitTermination(10, TimeUnit.SECONDS);
			timer = null;
		}
	}

	/**
	 * One round of compaction; answers whether there is a file to compact (false on any other database, and when H2's
	 * store cannot be reached: said once in the log).
	 */
	boolean compact() {
		try (Connection connection = dataSource.getConnection()) {
			Object store = fileStore(connection);
			if (store == null) {
				return false;
			}
			store.getClass().getMethod("compact", int.class, int.class).invoke(store, TARGET_FILL_RATE, WRITE_LIMIT_BYTES);
			return true;
		}
		catch (InvocationTargetException ex) {
			// H2 refused this round (a closing database, a full disk): the next round tries again.
			log.warn("Embedded H2 file not compacted this time: {}", String.valueOf(ex.getCause()));
			return true;
		}
		catch (SQLException ex) {
			log.warn("Embedded H2 file not compacted this time: {}", ex.toString());
			return true;
		}
		catch (ReflectiveOperationException | LinkageError | ClassCastException ex) {
			// Another H2 than the one this was written for: the file is not compacted, as before this class.
			log.warn("Embedded H2 file never compacted: H2's store cannot be reached ({})", ex.toString());
			return false;
		}
	}

	/** H2's MVStore of a persistent (file) database, or null for any other database. */
	private static Object fileStore(Connection connection) throws SQLException, ReflectiveOperationException {
		Class<?> h2;
		try {
			h2 = Class.forName("org.h2.jdbc.JdbcConnection", false, EmbeddedDatabaseCompaction.class.getClassLoader());
		}
		catch (ClassNotFoundException absent) {
			return null;
		}
		if (!connection.isWrapperFor(h2)) {
			return null;
		}
		Object session = h2.getMethod("getSession").invoke(connection.unwrap(h2));
		Object database = session.getClass().getMethod("getDatabase").invoke(session);
		if (!(Boolean) database.getClass().getMethod("isPersistent").invoke(database)) {
			return null;
		}
		Object store = database.getClass().getMethod("getStore").invoke(database);
		return store.getClass().getMethod("getMvStore").invoke(store);
	}

}
