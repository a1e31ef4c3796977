package fr.jalon.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTests {

	@TempDir
	Path data;

	@Test
	void createsASelfSignedKeyOnFirstStartAndKeepsIt() throws Exception {
		CertificateSettings defaults = new CertificateSettings(null, "jalon", "jalon");

		SigningKey first = SigningKey.of(defaults, data);

		Path keystore = data.resolve("certificate-signing.p12");
		assertThat(keystore).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
		assertThat(first.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Jalon,O=Jalon,C=FR");
		assertThat(first.certificate().getIssuerX500Principal()).isEqualTo(first.certificate().getSubjectX500Principal());
		assertThat(((RSAPublicKey) first.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
		assertThat(first.certificate().getNotAfter().toInstant())
			.isAfter(Instant.now().plus(Duration.ofDays(3650)).minus(Duration.ofDays(2)));
		first.certificate().verify(first.certificate().getPublicKey());

		SigningKey again = SigningKey.of(defaults, data);
		assertThat(again.certificate()).as("the same key after a restart").isEqualTo(first.certificate());
		try (var files = Files.list(data)) {
			assertThat(files).containsExactly(keystore);
		}
	}

	@Test
	void usesAConfiguredKeystore(@TempDir Path elsewhere) {
		Path keystore = elsewhere.resolve("production.p12");
		SigningKey.create(keystore, "s3cret".toCharArray(), "certificats");

		SigningKey key = SigningKey.of(new CertificateSettings(keystore, "s3cret", "certificats"), data);

		assertThat(key.certificate()).isEqualTo(SigningKey.load(keystore, "s3cret".toCharArray(), "certificats")
			.certificate());
		assertThat(data.resolve("certificate-signing.p12")).doesNotExist();
		assertThatThrownBy(() -> SigningKey.of(new CertificateSettings(keystore, "s3cret", "other"), data))
			.hasMessageContaining("alias 'other'");
		assertThatThrownBy(() -> SigningKey.of(new CertificateSettings(elsewhere.resolve("missing.p12"), "x", "y"),
				data))
			.isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("missing.p12");
	}

}
