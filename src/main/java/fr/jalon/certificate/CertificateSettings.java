package fr.jalon.certificate;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that signs certificates: a PKCS#12 {@code keystore} (unset: {@code certificate-signing.p12}
 * in the data folder, created on first start), its password and the alias of the key in it.
 */
@ConfigurationProperties("jalon.certificates")
public record CertificateSettings(Path keystore, @DefaultValue("jalon") String keystorePassword,
		@DefaultValue("jalon") String keyAlias) {

}
