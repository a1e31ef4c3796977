package fr.jalon.campaign;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A campaign as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(String id, String programme, String region, String title, Instant closesAt, boolean open,
		Instant announcedAt, String announcedBy) {

	static CampaignView of(Campaign campaign, Instant now) {
		return new CampaignView(campaign.id(), campaign.programme(), campaign.region(), campaign.title(),
				campaign.closesAt(), !campaign.isAnnounced() && now.isBefore(campaign.closesAt()),
				campaign.announcedAt(), campaign.announcedBy());
	}

}
