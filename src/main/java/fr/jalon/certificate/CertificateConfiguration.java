package fr.jalon.certificate;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The renderer and the signer; the signing key is read at start, or created in the background (see SigningKey). */
@Configuration(proxyBeanMethods = false)
class CertificateConfiguration {

	@Bean
	CertificateRenderer certificateRenderer() {
		return new CertificateRenderer();
	}

	@Bean
	CertificateSigner certificateSigner(CertificateSettings settings, @Value("${jalon.data-dir}") Path dataDir) {
		return new CertificateSigner(SigningKey.of(settings, dataDir));
	}

}
