package fr.jalon.audit;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.SingleLine;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Forbidden;
import fr.jalon.system.Paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.hibernate.jpa.HibernateHints;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Keeps every audited action, in the transaction of the action itself, and lets administrators read them. */
@Service
@Validated
class AuditTrail {

	/** Newest first: by time, then by order of writing for entries of the same instant. */
	static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("at"), Sort.Order.desc("id"));

	private final AuditEntries entries;

	private final Clock clock;

	private final EntityManager entityManager;

	private final TransactionTemplate readOnly;

	AuditTrail(AuditEntries entries, Clock clock, EntityManager entityManager, PlatformTransactionManager transactions) {
		this.entries = entries;
		this.clock = clock;
		this.entityManager = entityManager;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(AuditEvent event) {
		entries.save(new AuditEntry(clock.instant(), event.actor(), event.action(), event.candidacyId(),
				event.target(), event.detail()));
	}

	/** A page of the entries that match, newest first, with the total that match. */
	@Transactional(readOnly = true)
	Page<AuditEntry> search(JalonUser user, @Valid Filter filter, Paging paging) {
		readable(user);
		return entries.findAll(matching(filter), paging.pageable(NEWEST_FIRST));
	}

	/**
	 * Every entry that matches, newest first, for an export: the reader is checked now (nothing is answered yet if
	 * refused); the entries are read when the export is written, streamed in a read-only transaction of its own,
	 * never held in memory all at once.
	 */
	Export export(JalonUser user, @Valid Filter filter) {
		readable(user);
		return each -> readOnly.executeWithoutResult(status -> {
			CriteriaBuilder cb = entityManager.getCriteriaBuilder();
			CriteriaQuery<AuditEntry> query = cb.createQuery(AuditEntry.class);
			Root<AuditEntry> root = query.from(AuditEntry.class);
			query.where(matching(filter).toPredicate(root, query, cb))
				.orderBy(cb.desc(root.get("at")), cb.desc(root.get("id")));
			try (Stream<AuditEntry> rows = entityManager.createQuery(query)
				.setHint(HibernateHints.HINT_FETCH_SIZE, 500)
				.setHint(HibernateHints.HINT_READ_ONLY, true)
				.getResultStream()) {
				rows.forEach(entry -> {
					each.accept(entry);
					entityManager.detach(entry);
				});
			}
		});
	}

	/** The entries of an export, handed one by one to whoever writes them. */
	@FunctionalInterface
	interface Export {

		void forEach(Consumer<AuditEntry> each);

	}

	private static void readable(JalonUser user) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur lit le journal d'audit.");
		}
	}

	private static Specification<AuditEntry> matching(Filter filter) {
		return (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			if (filter.actor() != null) {
				predicates.add(cb.equal(root.get("actor"), filter.actor()));
			}
			if (filter.action() != null) {
				predicates.add(cb.equal(root.get("action"), filter.action()));
			}
			if (filter.candidacy() != null) {
				predicates.add(cb.equal(root.get("candidacyId"), filter.candidacy()));
			}
			if (filter.from() != null) {
				predicates.add(cb.greaterThanOrEqualTo(root.get("at"), filter.from()));
			}
			if (filter.to() != null) {
				predicates.add(cb.lessThan(root.get("at"), filter.to()));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	record Filter(@SingleLine String actor, @SingleLine String action, @SingleLine String candidacy, Instant from,
			Instant to) {
	}

}
