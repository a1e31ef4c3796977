package fr.jalon.candidacy;

import java.time.Instant;
import java.util.Optional;

/** What a candidacy needs to know of campaigns; the campaign module answers. */
public interface CampaignDirectory {

	Optional<CampaignWindow> find(String campaignId);

	/**
	 * A campaign as submissions see it: its programme, its region, since when (its creation) and until when it is
	 * open.
	 */
	record CampaignWindow(String id, String programme, String region, Instant opensAt, Instant closesAt,
			boolean announced) {
	}

}
