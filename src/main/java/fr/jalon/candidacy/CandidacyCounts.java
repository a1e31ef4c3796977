package fr.jalon.candidacy;

import java.util.List;

import fr.jalon.system.Tally;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Candidacies counted in the database, for operators' metrics: one grouped count, no candidacy loaded. */
@Component
public class CandidacyCounts {

	private final Candidacies candidacies;

	CandidacyCounts(Candidacies candidacies) {
		this.candidacies = candidacies;
	}

	/** {@code [programme, status] → count}, for every pair that has at least one candidacy. */
	@Transactional(readOnly = true)
	public List<Tally> byProgrammeAndStatus() {
		return candidacies.countByProgrammeAndStatus().stream().map(Tally::of).toList();
	}

	/** {@code campaign → count} for these campaigns (one statement), those without candidacy left out. */
	@Transactional(readOnly = true)
	public java.util.Map<String, Long> byCampaign(java.util.Collection<String> campaigns) {
		java.util.Map<String, Long> counts = new java.util.HashMap<>();
		if (!campaigns.isEmpty()) {
			candidacies.countByCampaign(campaigns)
				.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
		}
		return counts;
	}

}
