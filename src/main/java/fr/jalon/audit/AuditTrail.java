package fr.jalon.audit;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.SingleLine;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Forbidden;

import jakarta.persistence.criteria.Predicate;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Keeps every audited action, in the transaction of the action itself, and lets administrators read them. */
@Service
@Validated
class AuditTrail {

	static final int MAX_ROWS = 10_000;

	private final AuditEntries entries;

	private final Clock clock;

	AuditTrail(AuditEntries entries, Clock clock) {
		this.entries = entries;
		this.clock = clock;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(AuditEvent event) {
		entries.save(new AuditEntry(clock.instant(), event.actor(), event.action(), event.candidacyId(),
				event.target(), event.detail()));
	}

	@Transactional(readOnly = true)
	List<AuditEntry> search(JalonUser user, @Valid Filter filter) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur lit le journal d'audit.");
		}
		Specification<AuditEntry> matching = (root, query, cb) -> {
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
		return entries.findAll(matching, PageRequest.of(0, MAX_ROWS, Sort.by("id"))).getContent();
	}

	record Filter(@SingleLine String actor, @SingleLine String action, @SingleLine String candidacy, Instant from,
			Instant to) {
	}

}
