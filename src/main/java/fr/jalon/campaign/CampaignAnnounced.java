package fr.jalon.campaign;

import java.util.List;

/** A campaign's results were announced: its selected candidacies move on together. */
public record CampaignAnnounced(String campaignId, List<String> selectedCandidacyIds) {

}
