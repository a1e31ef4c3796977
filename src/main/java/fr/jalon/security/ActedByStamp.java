package fr.jalon.security;

import java.util.List;

import jakarta.persistence.PrePersist;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The entity listener of the rows that record an action ({@link ActedBy.Stamped}): on insert, the actor's name, role
 * and scope as its account stands at that moment. Read with plain SQL on the transaction's connection, so that it
 * never makes the persistence context flush in the middle of one.
 */
@Component
public class ActedByStamp {

	private final JdbcTemplate jdbc;

	ActedByStamp(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@PrePersist
	void stamp(Object entity) {
		if (entity instanceof ActedBy.Stamped stamped && stamped.actorUsername() != null) {
			actedBy(stamped.actorUsername()).ifPresent(stamped::stamp);
		}
	}

	/** The account's name, role and scope now; none for an actor that is no account (the system). */
	java.util.Optional<ActedBy> actedBy(String username) {
		List<ActedBy> found = jdbc.query("select display_name, role, scope from account where username = ?",
				(row, index) -> new ActedBy(row.getString(1), row.getString(2), row.getString(3)), username);
		return found.stream().findFirst();
	}

}
