package fr.jalon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.ListFilter;
import fr.jalon.collectivite.Collectivite;
import fr.jalon.referential.Referentials;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Sorting;
import fr.jalon.web.Exports;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Not a test: the candidacy export of N rows (50,000 by default), in CSV and in XLSX, through the application's own
 * path (visibility, filter, order, labels: {@link Exports}) into a response that counts and drops the bytes, beside two
 * baselines of the same run: the same rows streamed from the database and dropped (reading alone), and the same rows
 * gathered into a list (what an export that held every row would hold). For each: the time, the bytes written, the
 * live heap the phase adds (heap in use after a full GC in the middle of the phase, minus the same before it: halfway
 * through the rows read or the CSV's bytes, at the XLSX's first byte once every row is in the workbook, after the
 * list is gathered) and the peak heap used (the heap pools' peaks, garbage included, reset before each phase). The application runs in process, on an
 * in-memory H2 database of its own (whose rows live in the same heap: a list of the rows shares their strings, the
 * list adds little; an XLSX workbook built whole, {@code XSSFWorkbook}, is the baseline of what an export not streamed
 * holds) (profile {@code test}, its HTTP listener on a free port, unused), its rows inserted by JDBC.
 *
 * <pre>
 * java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" fr.jalon.ExportBenchmark 50000 3
 * </pre>
 */
public final class ExportBenchmark {

	private static final JalonUser ADMIN = new JalonUser("admin", null, Role.ADMIN, null, true);

	private ExportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rows = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		System.setProperty("server.port", "0");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JalonApplication.class).profiles("test")
			.properties("jalon.test.database=export-benchmark",
					"logging.level.root=warn")
			.run()) {
			insert(app, rows);
			Exports exports = app.getBean(Exports.class);
			CandidacyService candidacies = app.getBean(CandidacyService.class);
			Sorting order = new Sorting("submitted", false);
			System.out.printf("ExportBenchmark: %d candidacies, %d runs, max heap %d MB, Java %s%n", rows, runs,
					Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
			System.out.printf("%-34s %9s %12s %10s %16s %14s%n", "phase", "rows", "bytes", "ms", "live heap +MB",
					"peak heap MB");
			for (int run = 0; run < runs; run++) {
				measure("read only (baseline)", () -> {
					long[] count = { 0 };
					candidacies.export(ADMIN, ListFilter.NONE, order, row -> {
						if (++count[0] == rows / 2) {
							probe();
						}
					});
					return new long[] { count[0], 0 };
				});
				measure("rows gathered in a list (baseline)", () -> {
					List<CandidacyService.Row> all = new ArrayList<>();
					candidacies.export(ADMIN, ListFilter.NONE, order, all::add);
					probe();
					return new long[] { all.size(), 0 };
				});
				for (String format : List.of("csv", "xlsx")) {
					// CSV: halfway through its bytes; XLSX: at its first byte, every row added to the workbook.
					long threshold = "csv".equals(format) ? 80L * rows : 1;
					measure("export " + format.toUpperCase(), () -> {
						Counting response = new Counting(threshold);
						exports.candidacies(ADMIN, Map.of("format", new String[] { format }), order, response);
						return new long[] { -1, response.bytes };
					});
				}
			}
			// Last, once: the XLSX built whole in memory, as an export that does not stream would (it may exhaust the heap).
			measure("XLSX, whole workbook (XSSF)", () -> {
				int[] added = { 0 };
				try (XSSFWorkbook workbook = new XSSFWorkbook()) {
					var sheet = workbook.createSheet("Candidatures");
					int[] next = { 0 };
					candidacies.export(ADMIN, ListFilter.NONE, order, row -> {
						var line = sheet.createRow(next[0]++);
						added[0] = next[0];
						String[] cells = { row.title(), row.collectiviteName(), row.collectivite(), row.programme(),
								row.stage(), row.status(), row.departement(), row.region(),
								String.valueOf(row.submitted()), row.id() };
						for (int i = 0; i < cells.length; i++) {
							line.createCell(i).setCellValue(cells[i]);
						}
					});
					probe();
					Counting response = new Counting(Long.MAX_VALUE);
					workbook.write(response.getOutputStream());
					return new long[] { next[0], response.bytes };
				}
				catch (OutOfMemoryError e) {
					// The workbook is unreachable again: what it held is collected.
					System.out.printf("XLSX, whole workbook (XSSF): OutOfMemoryError after %d rows%n", added[0]);
					return new long[] { added[0], -1 };
				}
			});
		}
	}

	interface Phase {

		long[] run() throws Exception;

	}

	/** The heap still in use after a full GC, at the probe of the phase under way. */
	private static long live;

	/** A full GC, then the heap in use: what the phase holds at that point (plus what the application always holds). */
	static void probe() {
		long pause = System.nanoTime();
		System.gc();
		live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		paused += System.nanoTime() - pause;
	}

	/** The time the probe took, left out of the phase's time. */
	private static long paused;

	private static void measure(String name, Phase phase) throws Exception {
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.toList();
		System.gc();
		long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		live = before;
		paused = 0;
		long start = System.nanoTime();
		long[] result = phase.run();
		long millis = (System.nanoTime() - start - paused) / 1_000_000;
		long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
		System.out.printf("%-34s %9s %12d %10d %16.1f %14d%n", name, result[0] < 0 ? "-" : String.valueOf(result[0]),
				result[1], millis, (live - before) / 1048576.0, peak >> 20);
	}

	/** The candidacies, by JDBC in batches, of Albi, to EcoQuartier's published version, each a second apart. */
	private static void insert(ConfigurableApplicationContext app, int rows) {
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		int version = app.getBean(Referentials.class).published("ecoquartier").version();
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		List<Object[]> batch = new ArrayList<>();
		for (int i = 0; i < rows; i++) {
			String title = "Quartier « Bench » n° " + i + " ; \"gare\" — rénovation";
			Timestamp at = Timestamp.from(base.plusSeconds(i));
			batch.add(new Object[] { UUID.randomUUID().toString(), "ecoquartier", "81004", "81", "76", title,
					"CHARTER", "IN_PROGRESS", version, at, at, 0L, Collectivite.searchable(title) });
			if (batch.size() == 1000 || i == rows - 1) {
				jdbc.batchUpdate("insert into candidacy (id, programme, collectivite, departement, region, title, stage,"
						+ " status, referential_version, created_at, updated_at, version, search_title)"
						+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
				batch.clear();
			}
		}
	}

	/** A response whose body is counted and dropped; {@link #probe} once when {@code threshold} bytes are written. */
	private static final class Counting extends HttpServletResponseWrapper {

		private final long threshold;

		long bytes;

		Counting(long threshold) {
			super(new MockHttpServletResponse());
			this.threshold = threshold;
		}

		private void count(long written) {
			if (bytes < threshold && bytes + written >= threshold) {
				probe();
			}
			bytes += written;
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return new ServletOutputStream() {

				@Override
				public void write(int b) {
					count(1);
				}

				@Override
				public void write(byte[] b, int off, int len) {
					count(len);
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setWriteListener(WriteListener listener) {
				}

			};
		}

	}

}
