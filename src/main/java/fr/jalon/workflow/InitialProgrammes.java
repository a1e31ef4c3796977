package fr.jalon.workflow;

import java.io.IOException;
import java.io.InputStream;

import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the programmes shipped in the jar, each {@code bpmn/<id>.bpmn} with its {@code criteria/<id>.yaml},
 * through the same checks as an administrator's deployment: a programme once, its process again when it changed; and
 * first the engine's own certificate process ({@link CertificateRequests}), which the programmes' processes call.
 */
@Component
@Order(-1)
class InitialProgrammes implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InitialProgrammes.class);

	private static final JalonUser SYSTEM = new JalonUser("system", null, Role.ADMIN, null, true);

	private final Programmes programmes;

	private final CertificateRequests certificates;

	InitialProgrammes(Programmes programmes, CertificateRequests certificates) {
		this.programmes = programmes;
		this.certificates = certificates;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		certificates.deploy();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		for (Resource process : resolver.getResources("classpath*:bpmn/*.bpmn")) {
			String name = process.getFilename().replaceFirst("\\.bpmn$", "");
			Resource referential = resolver.getResource("classpath:criteria/" + name + ".yaml");
			if (!referential.exists()) {
				throw new IllegalStateException("bpmn/" + name + ".bpmn has no criteria/" + name + ".yaml");
			}
			try (InputStream bpmn = process.getInputStream(); InputStream yaml = referential.getInputStream()) {
				String id = programmes.deployShipped(SYSTEM, bpmn.readAllBytes(), yaml.readAllBytes());
				log.info("Programme {} deployed from bpmn/{}.bpmn and criteria/{}.yaml", id, name, name);
			}
		}
	}

}
