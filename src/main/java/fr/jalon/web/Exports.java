package fr.jalon.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.CellStyle;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.Comparison;
import fr.jalon.candidacy.Comparisons;
import fr.jalon.candidacy.ListFilter;
import fr.jalon.candidacy.Simulations;
import fr.jalon.referential.Referential;
import fr.jalon.review.ReviewService;
import fr.jalon.security.JalonUser;
import fr.jalon.system.French;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.PlainText;
import fr.jalon.system.Sorting;

/**
 * The exports of the task and candidacy lists, for the API ({@code GET /api/tasks/export},
 * {@code GET /api/candidacies/export}) and the pages alike: exactly the rows the list's filters select, every page of
 * them, in the list's order, visible to the user as the list is; French headers, labels rather than codes
 * ({@link Labels}), and dates as a spreadsheet in French reads them as dates ({@link French#shortDate}: « 01/06/2025 »,
 * not « 1er juin 2025 », so that the column sorts and computes). The rows are streamed from the database ({@link CandidacyService#export},
 * {@link ReviewService#export}) and written as they come: CSV straight to the response, XLSX through POI's streaming
 * workbook (a window of {@value #WINDOW} rows in memory, the rest in a temporary file that is deleted after). The
 * filters are checked before the first byte, so that a bad one is a 400 naming its field.
 */
@Component
public class Exports {

	/** The rows of an XLSX sheet kept in memory while it is written. */
	static final int WINDOW = 100;

	/** What an export is written as: the {@code format} parameter. */
	public enum Format {

		CSV("csv", "text/csv;charset=UTF-8"), XLSX("xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

		private final String extension;

		private final String contentType;

		Format(String extension, String contentType) {
			this.extension = extension;
			this.contentType = contentType;
		}

		public String extension() {
			return extension;
		}

		/** {@code csv} (the default, when absent) or {@code xlsx}; else {@link InvalidInput} naming {@code format}. */
		public static Format of(String value) {
			if (value == null || value.isBlank() || "csv".equals(value)) {
				return CSV;
			}
			if ("xlsx".equals(value)) {
				return XLSX;
			}
			throw InvalidInput.of("format", "Format d'export inconnu : « " + PlainText.excerpt(value, 20)
					+ " » ; formats possibles : csv, xlsx.");
		}

	}

	private static final List<String> TASK_HEADERS = List.of("Échéance", "En retard", "Tâche", "Candidature",
			"Collectivité", "Code de la collectivité", "Programme", "Étape", "Prise en charge par", "Créée le",
			"Identifiant de la candidature", "Identifiant de la tâche");

	private static final List<String> CANDIDACY_HEADERS = List.of("Candidature", "Collectivité",
			"Code de la collectivité", "Programme", "Étape", "État", "Département", "Région", "Déposée le",
			"Identifiant");

	private static final List<String> COMPARISON_HEADERS = List.of("Candidature", "Collectivité",
			"Code de la collectivité", "Département", "Région", "Étape", "État");

	private final CandidacyService candidacies;

	private final Comparisons comparisons;

	private final ReviewService reviews;

	private final Labels labels;

	private final Clock clock;

	Exports(CandidacyService candidacies, Comparisons comparisons, ReviewService reviews, Labels labels, Clock clock) {
		this.candidacies = candidacies;
		this.comparisons = comparisons;
		this.reviews = reviews;
		this.labels = labels;
		this.clock = clock;
	}

	/** The open tasks the user may act on that the query's filters keep, in its order (the API's: oldest first). */
	public void tasks(JalonUser user, Map<String, String[]> query, Sorting fallback, HttpServletResponse response)
			throws IOException {
		Format format = Format.of(single(query, "format"));
		ReviewService.TaskFilter filter = new ReviewService.TaskFilter(single(query, "candidacy"), ListFilter.of(query),
				null);
		Sorting sorting = Sorting.of(query, ReviewService.SORTS, fallback);
		reviews.check(user, filter);
		Instant now = clock.instant();
		Map<String, String> named = new HashMap<>();
		write(response, format, "taches", "Tâches", TASK_HEADERS, sink -> reviews.export(user, filter, sorting,
				task -> sink.accept(new String[] { French.shortDate(task.due()),
						task.due() != null && task.due().isBefore(now) ? "Oui" : "Non", task.name(), task.candidacyTitle(),
						task.collectiviteName(), task.collectivite(),
						named.computeIfAbsent(task.programme(), labels::programme),
						named.computeIfAbsent(task.programme() + "\u0000" + task.stage(),
								key -> labels.stage(task.programme(), task.stage())),
						task.assignee() == null ? "" : task.assignee(), French.shortDate(task.created()), task.candidacyId(),
						task.id() })));
	}

	/** The candidacies the user may see that the query's filters keep, in its order (the API's: oldest first). */
	public void candidacies(JalonUser user, Map<String, String[]> query, Sorting fallback,
			HttpServletResponse response) throws IOException {
		Format format = Format.of(single(query, "format"));
		ListFilter filter = ListFilter.of(query);
		Sorting sorting = Sorting.of(query, CandidacyService.SORTS, fallback);
		candidacies.requireKnownFilters(filter.programme(), filter.stage(), filter.status());
		Map<String, String> named = new HashMap<>();
		write(response, format, "candidatures", "Candidatures", CANDIDACY_HEADERS,
				sink -> candidacies.export(user, filter, sorting, candidacy -> sink.accept(new String[] {
						candidacy.title(), candidacy.collectiviteName(), candidacy.collectivite(),
						named.computeIfAbsent(candidacy.programme(), labels::programme),
						named.computeIfAbsent(candidacy.programme() + "\u0000" + candidacy.stage(),
								key -> labels.stage(candidacy.programme(), candidacy.stage())),
						named.computeIfAbsent(candidacy.programme() + "\u0001" + candidacy.status(),
								key -> labels.status(candidacy.programme(), candidacy.status())),
						candidacy.departement() == null ? "" : candidacy.departement(),
						candidacy.region() == null ? "" : named.computeIfAbsent("\u0002" + candidacy.region(),
								key -> labels.region(candidacy.region())),
						French.shortDate(candidacy.submitted()), candidacy.id() })));
	}

	/**
	 * A comparison of collectivités ({@link Comparisons}), checked before the first byte: the candidacy's columns as the
	 * candidacy export has them, then per criterion the level retained (its French label), per indicator its target
	 * and value (decimal comma, no grouping, so that a spreadsheet computes them); for a collectivité, its rows then
	 * the regional and national medians, a withheld one written as such.
	 */
	public void comparison(JalonUser user, Comparisons.Query query, Format format, HttpServletResponse response)
			throws IOException {
		Comparison comparison = comparisons.compare(user, query);
		Map<String, String> levels = new HashMap<>();
		comparison.scale().forEach(level -> levels.put(level.id(), level.label()));
		List<String> headers = new java.util.ArrayList<>(COMPARISON_HEADERS);
		comparison.criteria().forEach(criterion -> headers.add("Niveau — " + criterion.title()));
		comparison.indicators().forEach(indicator -> {
			String unit = indicator.unit() == null ? "" : " (" + indicator.unit() + ")";
			headers.add("Cible — " + indicator.title() + unit);
			headers.add("Valeur — " + indicator.title() + unit);
		});
		headers.add("Identifiant");
		String programme = comparison.programme();
		write(response, format, "comparaison-" + programme + "-v" + comparison.version(), "Comparaison", headers,
				sink -> {
					for (Comparison.Row row : comparison.rows()) {
						List<String> cells = new java.util.ArrayList<>(List.of(row.title(), row.collectiviteName(),
								row.collectivite(), row.departement() == null ? "" : row.departement(),
								row.region() == null ? "" : labels.region(row.region()),
								labels.stage(programme, row.stage()), labels.status(programme, row.status())));
						comparison.criteria().forEach(criterion -> cells.add(
								row.levels().containsKey(criterion.id()) ? levels.get(row.levels().get(criterion.id())) : ""));
						comparison.indicators().forEach(indicator -> {
							Comparison.Measure measure = row.indicators().get(indicator.id());
							cells.add(decimal(measure == null ? null : measure.target()));
							cells.add(decimal(measure == null ? null : measure.value()));
						});
						cells.add(row.id());
						sink.accept(cells.toArray(String[]::new));
					}
					median(sink, comparison, levels, comparison.regional(), "Médiane régionale");
					median(sink, comparison, levels, comparison.national(), "Médiane nationale");
				});
	}

	/** A median's row: no name, no id; its count in the collectivité's column, a withheld median said so. */
	private static void median(Consumer<String[]> sink, Comparison comparison, Map<String, String> levels,
			Comparison.Medians medians, String title) {
		if (medians == null) {
			return;
		}
		List<String> cells = new java.util.ArrayList<>(List.of(title, French.number(medians.candidacies())
				+ " candidature(s)", "", "", "", "", ""));
		comparison.criteria().forEach(criterion -> {
			Comparison.LevelMedian median = medians.levels().get(criterion.id());
			cells.add(median.level() == null ? WITHHELD : levels.get(median.level()));
		});
		comparison.indicators().forEach(indicator -> {
			Comparison.ValueMedian median = medians.indicators().get(indicator.id());
			cells.add("");
			cells.add(median.value() == null ? WITHHELD : decimal(median.value()));
		});
		cells.add("");
		sink.accept(cells.toArray(String[]::new));
	}

	/** What a median over fewer than {@link Comparisons#MIN_COUNT} distinct collectivités shows instead. */
	public static final String WITHHELD = "non communiquée (moins de " + Comparisons.MIN_COUNT + " collectivités)";

	/** A number as a French spreadsheet reads it: a decimal comma, no grouping, no trailing zeros; null: empty. */
	static String decimal(Double value) {
		return value == null ? ""
				: java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString().replace('.', ',');
	}

	private static final List<String> SIMULATION_HEADERS = List.of("Candidature", "Collectivité",
			"Code de la collectivité", "Région", "Étape", "État", "Règle", "Exigence", "Étape de la règle",
			"Réussie (publiée)", "Réussie (cette version)", "Raisons", "Identifiant de la candidature");

	/**
	 * A simulation's flips ({@link Simulations}) as CSV: one line per candidacy and rule that flips, with the
	 * reasons of the version under which it fails, for the API ({@code Accept: text/csv}) and the page alike.
	 */
	public void simulation(Simulations.Simulation simulation, HttpServletResponse response) throws IOException {
		String programme = simulation.programme();
		Map<String, String> named = new HashMap<>();
		write(response, Format.CSV, "simulation-" + programme + "-v" + simulation.version(), "Simulation",
				SIMULATION_HEADERS, sink -> simulation.flips().forEach(flip -> flip.rules().forEach(rule -> sink.accept(
						new String[] { flip.title(), flip.collectiviteName(), flip.collectivite(), flip.regionName(),
								named.computeIfAbsent(flip.stage(), stage -> labels.stage(programme, stage)),
								named.computeIfAbsent("\u0001" + flip.status(), key -> labels.status(programme, flip.status())),
								rule.rule(), rule.title(), labels.step(programme, rule.step()), rule.before() ? "Oui" : "Non",
								rule.after() ? "Oui" : "Non",
								String.join(" ; ", rule.reasons().stream().map(Referential.Shortfall::text).toList()),
								flip.candidacy() }))));
	}

	private static String single(Map<String, String[]> query, String name) {
		String[] values = query.get(name);
		if (values == null || values.length == 0 || values[0].isBlank()) {
			return null;
		}
		if (values.length > 1) {
			throw InvalidInput.of(name, "Une seule valeur attendue.");
		}
		return values[0].strip();
	}

	private void write(HttpServletResponse response, Format format, String file, String sheet, List<String> headers,
			Consumer<Consumer<String[]>> rows) throws IOException {
		response.setContentType(format.contentType);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename(file + "-" + LocalDate.now(clock.withZone(ListFilter.ZONE)) + "." + format.extension())
			.build()
			.toString());
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		OutputStream out = response.getOutputStream();
		if (format == Format.CSV) {
			csv(out, headers, rows);
		}
		else {
			xlsx(out, sheet, headers, rows);
		}
		out.flush();
	}

	/** UTF-8 with a byte order mark, {@code ;} between cells, CRLF between rows (RFC 4180, as French Excel reads it). */
	static void csv(OutputStream out, List<String> headers, Consumer<Consumer<String[]>> rows) throws IOException {
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
		writer.write('\uFEFF');
		csvLine(writer, headers.toArray(String[]::new));
		try {
			rows.accept(cells -> {
				try {
					csvLine(writer, cells);
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
		writer.flush();
	}

	private static void csvLine(Writer writer, String[] cells) throws IOException {
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				writer.write(';');
			}
			writer.write(csvCell(cells[i]));
		}
		writer.write("\r\n");
	}

	/**
	 * A cell as CSV writes it: a text a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
	 * return) behind an apostrophe; quoted when it holds a separator, a quote or a line break, its quotes doubled.
	 */
	static String csvCell(String value) {
		String text = value == null ? "" : value;
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.indexOf(';') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			return '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

	/** One sheet, its headers in bold, every cell a text (never a formula); the temporary files disposed of. */
	static void xlsx(OutputStream out, String name, List<String> headers, Consumer<Consumer<String[]>> rows)
			throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
		try {
			workbook.setCompressTempFiles(true);
			SXSSFSheet sheet = workbook.createSheet(name);
			Font bold = workbook.createFont();
			bold.setBold(true);
			CellStyle header = workbook.createCellStyle();
			header.setFont(bold);
			Row first = sheet.createRow(0);
			for (int i = 0; i < headers.size(); i++) {
				first.createCell(i).setCellValue(headers.get(i));
				first.getCell(i).setCellStyle(header);
			}
			sheet.createFreezePane(0, 1);
			int[] next = { 1 };
			rows.accept(cells -> {
				Row row = sheet.createRow(next[0]++);
				for (int i = 0; i < cells.length; i++) {
					row.createCell(i).setCellValue(cells[i] == null ? "" : cells[i]);
				}
			});
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

}
