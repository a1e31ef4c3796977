package fr.jalon.candidacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Forbidden;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrators' figures on every candidacy, counted by the database: grouped counts and counts by period,
 * each one statement whatever the number of candidacies; no candidacy is loaded.
 */
@Component
public class CandidacyFigures {

	private final EntityManager entities;

	CandidacyFigures(EntityManager entities) {
		this.entities = entities;
	}

	/** How many candidacies share a programme, stage, status and region, and when the first of them was created. */
	public record Group(String programme, String stage, String status, String region, long count, Instant first) {
	}

	/** Every group that has a candidacy, the oldest first (by its first candidacy). */
	@Transactional(readOnly = true)
	public List<Group> groups(JalonUser user) {
		requireAdministrator(user);
		return entities.createQuery("""
				select c.programme, c.stage, c.status, c.region, count(c), min(c.createdAt) from Candidacy c
				group by c.programme, c.stage, c.status, c.region order by min(c.createdAt)""", Object[].class)
			.getResultList()
			.stream()
			.map(row -> new Group((String) row[0], (String) row[1], (String) row[2], (String) row[3],
					((Number) row[4]).longValue(), (Instant) row[5]))
			.toList();
	}

	/**
	 * How many candidacies were created in each period between consecutive bounds (ascending): {@code bounds.size()
	 * - 1} counts, the first from {@code bounds[0]} included to {@code bounds[1]} excluded, and so on.
	 */
	@Transactional(readOnly = true)
	public List<Long> createdBetween(JalonUser user, List<Instant> bounds) {
		requireAdministrator(user);
		if (bounds.size() < 2) {
			return List.of();
		}
		StringBuilder select = new StringBuilder("select ");
		for (int i = 0; i + 1 < bounds.size(); i++) {
			select.append(i == 0 ? "" : ", ")
				.append("count(case when c.createdAt >= :b").append(i).append(" and c.createdAt < :b").append(i + 1)
				.append(" then 1 end)");
		}
		select.append(" from Candidacy c where c.createdAt >= :b0 and c.createdAt < :b").append(bounds.size() - 1);
		TypedQuery<Object> query = entities.createQuery(select.toString(), Object.class);
		for (int i = 0; i < bounds.size(); i++) {
			query.setParameter("b" + i, bounds.get(i));
		}
		Object result = query.getSingleResult();
		Object[] row = result instanceof Object[] many ? many : new Object[] { result };
		List<Long> counts = new ArrayList<>();
		for (Object count : row) {
			counts.add(count == null ? 0 : ((Number) count).longValue());
		}
		return counts;
	}

	private static void requireAdministrator(JalonUser user) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Réservé aux administrateurs.");
		}
	}

}
