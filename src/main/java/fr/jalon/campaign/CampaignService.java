package fr.jalon.campaign;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.SingleLine;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import fr.jalon.candidacy.Candidacy;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.Status;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.collectivite.Territories;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.security.Visibilities;
import fr.jalon.system.Paging;
import fr.jalon.system.PlainText;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Campaigns: opened by administrators for a region, announced once every candidacy is decided. */
@Service
@Validated
public class CampaignService {

	private final Campaigns campaigns;

	private final CandidacyService candidacies;

	private final Territories territories;

	private final Referentials referentials;

	private final Visibilities visibilities;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CampaignService(Campaigns campaigns, CandidacyService candidacies, Territories territories,
			Referentials referentials, Visibilities visibilities, ApplicationEventPublisher events, Clock clock) {
		this.campaigns = campaigns;
		this.candidacies = candidacies;
		this.territories = territories;
		this.referentials = referentials;
		this.visibilities = visibilities;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public CampaignView open(JalonUser user, @Valid NewCampaign request) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur ouvre une campagne.");
		}
		if (!campaignProgrammes().contains(request.programme())) {
			throw InvalidInput.of("programme", "Programme sans campagnes : « " + PlainText.excerpt(request.programme())
					+ " » ; programmes à campagnes : " + String.join(", ", campaignProgrammes()) + ".");
		}
		if (!territories.isRegion(request.region())) {
			throw InvalidInput.of("region", "Région inconnue : « " + request.region() + " ».");
		}
		Instant closesAt = request.closesAt().toInstant();
		if (!closesAt.isAfter(clock.instant())
				|| closesAt.isAfter(clock.instant().atZone(java.time.ZoneOffset.UTC).plusYears(10).toInstant())) {
			throw InvalidInput.of("closesAt", "La date de clôture doit être à venir, dans les dix ans.");
		}
		Campaign campaign = campaigns.save(new Campaign(request.programme(), request.region(), request.title().strip(),
				closesAt, user.getUsername(), clock.instant()));
		events.publishEvent(AuditEvent.on(user.getUsername(), "CAMPAIGN_OPENED", campaign.id(),
				campaign.region() + " : " + campaign.title()));
		return CampaignView.of(campaign, clock.instant());
	}

	/** Every campaign, of a programme or of all, in the order they were opened: for a form's choice. */
	@Transactional(readOnly = true)
	public List<CampaignView> list(@SingleLine String programme) {
		List<Campaign> found;
		if (programme == null || programme.isBlank()) {
			found = campaigns.findAll(org.springframework.data.domain.Sort.by("createdAt"));
		}
		else {
			found = campaigns.findByProgrammeOrderByCreatedAt(candidacies.requireProgramme(programme));
		}
		return found.stream()
			.map(campaign -> CampaignView.of(campaign, clock.instant()))
			.toList();
	}

	/** A page of the campaigns, of a programme or of all, in the order they were opened. */
	@Transactional(readOnly = true)
	public org.springframework.data.domain.Page<CampaignView> list(@SingleLine String programme, Paging paging) {
		org.springframework.data.domain.Pageable page = paging.pageable(
				org.springframework.data.domain.Sort.by("createdAt").and(org.springframework.data.domain.Sort.by("id")));
		org.springframework.data.domain.Page<Campaign> found = programme == null || programme.isBlank()
				? campaigns.findAll(page) : campaigns.findByProgramme(candidacies.requireProgramme(programme), page);
		Instant now = clock.instant();
		return found.map(campaign -> CampaignView.of(campaign, now));
	}

	@Transactional(readOnly = true)
	public CampaignView get(@SingleLine String id) {
		return CampaignView.of(campaign(id), clock.instant());
	}

	/**
	 * Announces the results together: refused while a candidacy of the campaign is undecided; then
	 * every selected candidacy moves on.
	 */
	@Transactional
	public CampaignView announce(JalonUser user, @SingleLine String id) {
		Campaign campaign = campaign(id);
		Referential.Campaigns rules = referentials.definition(campaign.programme())
			.map(Referential::campaigns)
			.orElseThrow(() -> new Conflict("Le programme de cette campagne ne procède plus par campagnes."));
		boolean announcer = rules.announcedBy() != null && user.is(rules.announcedBy())
				&& referentials.definition(campaign.programme())
					.flatMap(definition -> definition.role(rules.announcedBy()))
					.map(role -> role.scope() == fr.jalon.security.ScopeKind.REGION)
					.orElse(false)
				&& campaign.region().equals(user.scope());
		if (!user.is(Role.ADMIN) && !announcer) {
			throw new Forbidden("Seul un administrateur ou "
					+ (rules.announcedBy() == null ? "l'administration" : visibilities.label(rules.announcedBy()))
					+ " de la région annonce les résultats.");
		}
		List<Candidacy> all = candidacies.ofCampaign(campaign.id());
		long undecided = all.stream()
			.filter(candidacy -> Status.IN_PROGRESS.equals(candidacy.status())
					&& !candidacy.stage().equals(rules.announcementStage()))
			.count();
		if (undecided > 0) {
			throw new Conflict(undecided + " candidature(s) de cette campagne ne sont pas encore décidées.");
		}
		campaign.announce(user.getUsername(), clock.instant());
		List<String> selected = all.stream()
			.filter(candidacy -> Status.IN_PROGRESS.equals(candidacy.status()))
			.map(Candidacy::id)
			.toList();
		events.publishEvent(new CampaignAnnounced(campaign.id(), selected));
		events.publishEvent(AuditEvent.on(user.getUsername(), "CAMPAIGN_ANNOUNCED", campaign.id(),
				selected.size() + " candidature(s) retenue(s)"));
		return CampaignView.of(campaign, clock.instant());
	}

	/** The programmes in use that run campaigns. */
	private List<String> campaignProgrammes() {
		return referentials.programmes()
			.stream()
			.filter(programme -> referentials.definition(programme).map(Referential::runsCampaigns).orElse(false))
			.toList();
	}

	private Campaign campaign(String id) {
		return campaigns.findById(id).orElseThrow(() -> new NotFound("Campagne introuvable : " + id + "."));
	}

}
