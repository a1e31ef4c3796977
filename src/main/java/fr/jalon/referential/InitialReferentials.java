package fr.jalon.referential;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads each {@code criteria/*.yaml} once, as the first published version of its programme, through the
 * same validation as a version an administrator sends; an invalid file stops the start.
 */
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
		// A key written twice is an error, not the second value silently kept.
		ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
			.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:criteria/*.yaml");
		for (Resource file : files) {
			try (InputStream in = file.getInputStream()) {
				JsonNode document = yaml.readTree(in);
				if (referentials.loadInitial(document)) {
					log.info("Referential {} version {} loaded from {}", document.path("programme").asText(),
							document.path("version").asText(), file.getFilename());
				}
			}
		}
	}

}
