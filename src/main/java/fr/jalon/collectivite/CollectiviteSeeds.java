package fr.jalon.collectivite;

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

/**
 * Loads the demo collectivités of {@code seeds/collectivites.yaml}, idempotently, when demo data is on: after the
 * official data ({@link OfficialCollectivites}), so that the official body wins where a seed duplicates one (same
 * code); the seed then only adds its note. The bodies that the official data lacks (Pays, PETR, PNR) come from here.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "jalon.demo-data", havingValue = "true")
class CollectiviteSeeds implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(CollectiviteSeeds.class);

	private final Collectivites collectivites;

	CollectiviteSeeds(Collectivites collectivites) {
		this.collectivites = collectivites;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		SeedFile file = SeedFiles.read("seeds/collectivites.yaml", SeedFile.class);
		int added = 0;
		for (Seed seed : file.collectivites()) {
			var existing = collectivites.findById(seed.code());
			if (existing.isEmpty()) {
				collectivites.save(seed.toCollectivite());
				added++;
			}
			else if (seed.note() != null) {
				existing.get().annotate(seed.note());
			}
		}
		log.info("Demo collectivités: {} in the seed file, {} added", file.collectivites().size(), added);
	}

	record SeedFile(List<Seed> collectivites) {
	}

	record Seed(String code, String name, Kind kind, String departement, String region, Integer population,
			boolean populationApproximate, String epci, String note, boolean actionCoeurDeVille,
			boolean largeUrbanPole, String siren) {

		Collectivite toCollectivite() {
			return new Collectivite(code, name, kind, departement, region, population, populationApproximate, epci,
					note, actionCoeurDeVille, largeUrbanPole, siren);
		}

	}

}
