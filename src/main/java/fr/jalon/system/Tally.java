package fr.jalon.system;

import java.util.List;

/** A count and what it counts, e.g. {@code [ecoquartier, CONTRACT] → 12}: one row of a grouped count. */
public record Tally(List<String> keys, long count) {

	public Tally {
		keys = List.copyOf(keys);
	}

	/** The rows of a {@code select a, b, count(*) … group by a, b}, the count last. */
	public static Tally of(Object[] row) {
		List<String> keys = new java.util.ArrayList<>();
		for (int i = 0; i < row.length - 1; i++) {
			keys.add(String.valueOf(row[i]));
		}
		return new Tally(keys, ((Number) row[row.length - 1]).longValue());
	}

}
