package fr.jalon.referential;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.system.StrictReading;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** Loads each {@code criteria/*.yaml} once, as the first published version of its programme. */
@Component
@Order(0)
class InitialReferentials implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InitialReferentials.class);

	private final Referentials referentials;

	InitialReferentials(Referentials referentials) {
		this.referentials = referentials;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		ObjectMapper yaml = StrictReading.yaml();
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:criteria/*.yaml");
		for (Resource file : files) {
			try (InputStream in = file.getInputStream()) {
				Referential referential = yaml.readValue(in, Referential.class);
				if (referentials.loadInitial(referential)) {
					log.info("Referential {} version {} loaded from {}", referential.programme(),
							referential.version(), file.getFilename());
				}
			}
		}
	}

}
