package fr.jalon.collectivite;

import java.sql.Date;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The facts of each body (name, population, intercommunalité) as each official data set gave them, from the date
 * that data set holds: table collectivite_fact (V21). The one place that writes and reads it. A rule that reads a
 * population or a membership at a date reads {@link #at} that date; table collectivite holds today's facts.
 */
@Service
public class CollectiviteFacts {

	private static final int BATCH = 2000;

	private final JdbcTemplate jdbc;

	CollectiviteFacts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A body's facts in one data set: its code, name, population and intercommunalité's SIREN (communes). */
	public record Fact(String code, String name, Integer population, String epci) {
	}

	/** A fact and the date from which, and the data set by which, it holds. */
	public record Dated(Fact fact, LocalDate validFrom, String source) {
	}

	/**
	 * Records the facts of a data set valid from {@code validFrom}, in the caller's transaction, by JDBC batches: a
	 * row for each fact that differs from that body's latest row before {@code validFrom}, or that has none. A fact
	 * equal to it writes nothing (the earlier row still holds); recording the same set twice writes nothing more.
	 */
	public void record(LocalDate validFrom, String source, Collection<Fact> facts) {
		Map<String, Fact> previous = new HashMap<>();
		Map<String, LocalDate> previousFrom = new HashMap<>();
		// The latest row of each body on or before validFrom (a row at validFrom itself: the same set, again).
		jdbc.query("select code, valid_from, name, population, epci from collectivite_fact where valid_from <= ? "
				+ "order by code, valid_from", result -> {
					String code = result.getString(1);
					int population = result.getInt(4);
					Integer value = result.wasNull() ? null : population;
					previous.put(code, new Fact(code, result.getString(3), value, result.getString(5)));
					previousFrom.put(code, result.getDate(2).toLocalDate());
				}, Date.valueOf(validFrom));
		List<Fact> changed = new ArrayList<>();
		List<Fact> replaced = new ArrayList<>();
		for (Fact fact : facts) {
			Fact before = previous.get(fact.code());
			if (Objects.equals(before, fact)) {
				continue;
			}
			if (before != null && validFrom.equals(previousFrom.get(fact.code()))) {
				replaced.add(fact);
			}
			else {
				changed.add(fact);
			}
		}
		Date from = Date.valueOf(validFrom);
		if (!changed.isEmpty()) {
			jdbc.batchUpdate("insert into collectivite_fact (name, population, epci, source, code, valid_from) "
					+ "values (?, ?, ?, ?, ?, ?)", changed, BATCH, (statement, fact) -> {
						set(statement, fact, source, from);
					});
		}
		if (!replaced.isEmpty()) {
			jdbc.batchUpdate("update collectivite_fact set name = ?, population = ?, epci = ?, source = ? "
					+ "where code = ? and valid_from = ?", replaced, BATCH, (statement, fact) -> {
						set(statement, fact, source, from);
					});
		}
	}

	private static void set(java.sql.PreparedStatement statement, Fact fact, String source, Date from)
			throws java.sql.SQLException {
		statement.setString(1, fact.name());
		if (fact.population() == null) {
			statement.setNull(2, Types.INTEGER);
		}
		else {
			statement.setInt(2, fact.population());
		}
		if (fact.epci() == null) {
			statement.setNull(3, Types.VARCHAR);
		}
		else {
			statement.setString(3, fact.epci());
		}
		statement.setString(4, source);
		statement.setString(5, fact.code());
		statement.setDate(6, from);
	}

	/**
	 * The date of the latest data set in force on the date (the latest date from which any fact holds, on or before
	 * it): what a fact read then is « as of », even when that body's row is older because it did not change since.
	 */
	public Optional<LocalDate> setInForce(LocalDate date) {
		Date latest = jdbc.queryForObject("select max(valid_from) from collectivite_fact where valid_from <= ?",
				Date.class, Date.valueOf(date));
		return Optional.ofNullable(latest).map(Date::toLocalDate);
	}

	/** The latest facts of a body on or before the date; empty when none is dated then. */
	public Optional<Dated> at(String code, LocalDate date) {
		return jdbc.query("select code, valid_from, name, population, epci, source from collectivite_fact "
				+ "where code = ? and valid_from <= ? order by valid_from desc fetch first 1 rows only", result -> {
					if (!result.next()) {
						return Optional.<Dated>empty();
					}
					int population = result.getInt(4);
					Integer value = result.wasNull() ? null : population;
					return Optional.of(new Dated(new Fact(result.getString(1), result.getString(3), value,
							result.getString(5)), result.getDate(2).toLocalDate(), result.getString(6)));
				}, code, Date.valueOf(date));
	}

}
