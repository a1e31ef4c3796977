package fr.jalon.web;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import fr.jalon.candidacy.CandidacyView;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskView;

/**
 * The administrators' figures: candidacies by programme, stage, status and region, the overdue
 * tasks, and new candidacies by month drawn as an SVG bar chart (with its table, for screen readers).
 */
public record Dashboard(int total, List<Count> byProgramme, List<Count> byStage, List<Count> byStatus,
		List<Count> byRegion, List<TaskView> overdue, long overdueTotal, List<Bar> months, int chartWidth,
		long chartMax) {

	static final int CHART_HEIGHT = 160;

	static final int BAR_WIDTH = 36;

	static final int GAP = 12;

	public record Count(String label, long count) {
	}

	/** One month's bar: its place and size in the SVG's coordinates. */
	public record Bar(String label, long count, int x, int y, int height) {
	}

	/** The figures of these candidacies; the overdue tasks, the most urgent first, are a page of them and their total. */
	static Dashboard of(List<CandidacyView> candidacies, Function<String, String> regionOf,
			ReviewService.Found overdue, Labels labels, Instant now) {
		Map<String, Long> programmes = new LinkedHashMap<>();
		Map<String, Long> stages = new LinkedHashMap<>();
		for (ProgrammeName programme : labels.programmes()) {
			programmes.put(programme.label(), 0L);
			labels.stages(programme.id())
				.forEach(stage -> stages.put(programme.label() + " — " + stage.label(), 0L));
		}
		Map<String, Long> statuses = new LinkedHashMap<>();
		Map<String, Long> regions = new java.util.TreeMap<>();
		for (CandidacyView candidacy : candidacies) {
			String programme = labels.programme(candidacy.programme());
			programmes.merge(programme, 1L, Long::sum);
			stages.merge(programme + " — " + labels.stage(candidacy.programme(), candidacy.stage()), 1L, Long::sum);
			statuses.merge(labels.status(candidacy.programme(), candidacy.status()), 1L, Long::sum);
			regions.merge(labels.region(regionOf.apply(candidacy.collectivite())), 1L, Long::sum);
		}
		return chart(candidacies, now, new Dashboard(candidacies.size(), counts(programmes), counts(stages),
				counts(statuses), counts(regions), overdue.tasks(), overdue.total(), List.of(), 0, 0));
	}

	/** The last twelve months at least, back to the first candidacy's month. */
	private static Dashboard chart(List<CandidacyView> candidacies, Instant now, Dashboard figures) {
		YearMonth last = YearMonth.from(now.atZone(Labels.PARIS));
		YearMonth first = last.minusMonths(11);
		Map<YearMonth, Long> perMonth = new LinkedHashMap<>();
		for (CandidacyView candidacy : candidacies) {
			YearMonth month = YearMonth.from(candidacy.createdAt().atZone(Labels.PARIS));
			perMonth.merge(month, 1L, Long::sum);
			if (month.isBefore(first)) {
				first = month;
			}
		}
		long max = Math.max(1, perMonth.values().stream().mapToLong(Long::longValue).max().orElse(1));
		DateTimeFormatter format = DateTimeFormatter.ofPattern("MMM yy", Locale.FRANCE);
		List<Bar> bars = new ArrayList<>();
		int index = 0;
		for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
			long count = perMonth.getOrDefault(month, 0L);
			int height = (int) Math.round((double) count / max * CHART_HEIGHT);
			bars.add(new Bar(format.format(month), count, GAP + index * (BAR_WIDTH + GAP), 20 + CHART_HEIGHT - height,
					height));
			index++;
		}
		return new Dashboard(figures.total(), figures.byProgramme(), figures.byStage(), figures.byStatus(),
				figures.byRegion(), figures.overdue(), figures.overdueTotal(), bars, GAP + index * (BAR_WIDTH + GAP), max);
	}

	private static List<Count> counts(Map<String, Long> counts) {
		return counts.entrySet().stream().map(entry -> new Count(entry.getKey(), entry.getValue())).toList();
	}

}
