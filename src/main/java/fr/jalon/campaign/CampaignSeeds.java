package fr.jalon.campaign;

import java.time.Clock;
import java.time.Period;
import java.util.List;


import fr.jalon.system.SeedFiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Opens the demo campaigns of {@code seeds/campaigns.yaml}, once, when demo data is on. */
@Component
@Order(3)
@ConditionalOnProperty(name = "jalon.demo-data", havingValue = "true")
class CampaignSeeds implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(CampaignSeeds.class);

	private final Campaigns campaigns;

	private final Clock clock;

	CampaignSeeds(Campaigns campaigns, Clock clock) {
		this.campaigns = campaigns;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		for (Seed seed : SeedFiles.read("seeds/campaigns.yaml", SeedFile.class).campaigns()) {
			if (!campaigns.existsByProgrammeAndRegion(seed.programme(), seed.region())) {
				var now = clock.instant();
				var closesAt = now.atZone(java.time.ZoneOffset.UTC).plus(Period.parse(seed.openFor())).toInstant();
				campaigns.save(new Campaign(seed.programme(), seed.region(), seed.title(), closesAt, "admin", now));
				log.info("Demo campaign opened: {}", seed.title());
			}
		}
	}

	record SeedFile(List<Seed> campaigns) {
	}

	record Seed(String programme, String region, String title, String openFor) {
	}

}
