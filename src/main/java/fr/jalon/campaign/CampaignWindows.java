package fr.jalon.campaign;

import java.util.Optional;

import fr.jalon.candidacy.CampaignDirectory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells candidacies whether a campaign is open, and to which region. */
@Component
class CampaignWindows implements CampaignDirectory {

	private final Campaigns campaigns;

	CampaignWindows(Campaigns campaigns) {
		this.campaigns = campaigns;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CampaignWindow> find(String campaignId) {
		return campaigns.findById(campaignId)
			.map(campaign -> new CampaignWindow(campaign.id(), campaign.programme(), campaign.region(),
					campaign.createdAt(), campaign.closesAt(), campaign.isAnnounced()));
	}

}
