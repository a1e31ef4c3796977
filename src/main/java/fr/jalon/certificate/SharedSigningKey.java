package fr.jalon.certificate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * In production on a database that several nodes share (anything but the embedded H2), every node must sign with
 * the same key: without {@code jalon.certificates.keystore}, each node would create its own in its data folder, and a
 * certificate would verify against the key of the node that happened to issue it. Jalon then refuses to start, before
 * anything else is done (this runs once the configuration is read, before any bean).
 */
final class SharedSigningKey implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of("production"))) {
			return;
		}
		String database = environment.getProperty("spring.datasource.url", "");
		String keystore = environment.getProperty("jalon.certificates.keystore", "");
		if (!database.startsWith("jdbc:h2:") && keystore.isBlank()) {
			throw new IllegalStateException("Production on a shared database (" + database.replaceFirst("\\?.*", "")
					+ ") without jalon.certificates.keystore: each node would create a signing key of its own. Give "
					+ "every node the same PKCS#12 keystore (JALON_CERTIFICATES_KEYSTORE, JALON_CERTIFICATES_KEYSTOREPASSWORD, "
					+ "JALON_CERTIFICATES_KEYALIAS).");
		}
	}

	/** After the configuration files and profiles are read. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
