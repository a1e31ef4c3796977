package fr.jalon.web;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.jalon.candidacy.CandidacyFigures;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskView;
import fr.jalon.security.JalonUser;
import fr.jalon.system.French;

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

	/**
	 * The figures, counted by the database ({@link CandidacyFigures}): two statements whatever the number of
	 * candidacies; the overdue tasks, the most urgent first, are a page of them and their total.
	 */
	static Dashboard of(CandidacyFigures figures, JalonUser user, ReviewService.Found overdue, Labels labels,
			Instant now) {
		Map<String, Long> programmes = new LinkedHashMap<>();
		Map<String, Long> stages = new LinkedHashMap<>();
		for (ProgrammeName programme : labels.programmes()) {
			programmes.put(programme.label(), 0L);
			labels.stages(programme.id())
				.forEach(stage -> stages.put(programme.label() + " — " + stage.label(), 0L));
		}
		// Statuses in the order their first candidacy came, regions by name.
		Map<String, Long> statuses = new LinkedHashMap<>();
		Map<String, Long> regions = new java.util.TreeMap<>();
		long total = 0;
		Instant earliest = null;
		for (CandidacyFigures.Group group : figures.groups(user)) {
			String programme = labels.programme(group.programme());
			programmes.merge(programme, group.count(), Long::sum);
			stages.merge(programme + " — " + labels.stage(group.programme(), group.stage()), group.count(), Long::sum);
			statuses.merge(labels.status(group.programme(), group.status()), group.count(), Long::sum);
			regions.merge(labels.region(group.region()), group.count(), Long::sum);
			total += group.count();
			earliest = earliest == null || group.first().isBefore(earliest) ? group.first() : earliest;
		}
		return chart(figures, user, earliest, now, new Dashboard((int) total, counts(programmes), counts(stages),
				counts(statuses), counts(regions), overdue.tasks(), overdue.total(), List.of(), 0, 0));
	}

	/** The last twelve months at least, back to the first candidacy's month. */
	private static Dashboard chart(CandidacyFigures figures, JalonUser user, Instant earliest, Instant now,
			Dashboard counted) {
		YearMonth last = YearMonth.from(now.atZone(Labels.PARIS));
		YearMonth first = last.minusMonths(11);
		if (earliest != null && YearMonth.from(earliest.atZone(Labels.PARIS)).isBefore(first)) {
			first = YearMonth.from(earliest.atZone(Labels.PARIS));
		}
		List<YearMonth> months = new ArrayList<>();
		List<Instant> bounds = new ArrayList<>();
		for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
			months.add(month);
			bounds.add(month.atDay(1).atStartOfDay(Labels.PARIS).toInstant());
		}
		bounds.add(last.plusMonths(1).atDay(1).atStartOfDay(Labels.PARIS).toInstant());
		List<Long> perMonth = counted.total() == 0 ? java.util.Collections.nCopies(months.size(), 0L)
				: figures.createdBetween(user, bounds);
		long max = Math.max(1, perMonth.stream().mapToLong(Long::longValue).max().orElse(1));
		List<Bar> bars = new ArrayList<>();
		for (int index = 0; index < months.size(); index++) {
			long count = perMonth.get(index);
			int height = (int) Math.round((double) count / max * CHART_HEIGHT);
			bars.add(new Bar(French.shortMonth(months.get(index)), count, GAP + index * (BAR_WIDTH + GAP),
					20 + CHART_HEIGHT - height, height));
		}
		return new Dashboard(counted.total(), counted.byProgramme(), counted.byStage(), counted.byStatus(),
				counted.byRegion(), counted.overdue(), counted.overdueTotal(), bars,
				GAP + months.size() * (BAR_WIDTH + GAP), max);
	}

	private static List<Count> counts(Map<String, Long> counts) {
		return counts.entrySet().stream().map(entry -> new Count(entry.getKey(), entry.getValue())).toList();
	}

}
