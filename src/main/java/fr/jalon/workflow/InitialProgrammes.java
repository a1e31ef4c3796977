package fr.jalon.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

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
 * A file whose bytes are those already deployed is skipped, its checks with it: a start on a database that holds them
 * deploys and checks nothing (issue 13; the checks took seconds of every start).
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
		long started = System.nanoTime();
		if (certificates.deploy()) {
			log.info("Process {} deployed", CertificateRequests.PROCESS);
		}
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<String> unchanged = new ArrayList<>();
		for (Resource process : resolver.getResources("classpath*:bpmn/*.bpmn")) {
			String name = process.getFilename().replaceFirst("\\.bpmn$", "");
			Resource referential = resolver.getResource("classpath:criteria/" + name + ".yaml");
			if (!referential.exists()) {
				throw new IllegalStateException("bpmn/" + name + ".bpmn has no criteria/" + name + ".yaml");
			}
			try (InputStream bpmn = process.getInputStream(); InputStream yaml = referential.getInputStream()) {
				byte[] bytes = bpmn.readAllBytes();
				// The same bytes as deployed: nothing to deploy, so nothing to check (the checks are the slow part).
				if (programmes.shippedUnchanged(name, bytes)) {
					unchanged.add(name);
					continue;
				}
				String id = programmes.deployShipped(SYSTEM, bytes, yaml.readAllBytes());
				log.info("Programme {} deployed from bpmn/{}.bpmn and criteria/{}.yaml", id, name, name);
			}
		}
		log.info("Shipped programmes checked in {} ms; unchanged since their deployment (same SHA-256): {}",
				(System.nanoTime() - started) / 1_000_000, unchanged);
	}

}
