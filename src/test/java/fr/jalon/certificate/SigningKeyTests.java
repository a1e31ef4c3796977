package fr.jalon.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTests {

	@TempDir
	Path data;

	@Test
	void createsASelfSignedKeyOnFirstStartAndKeepsIt() throws Exception {
		CertificateSettings defaults = new CertificateSettings(null, "jalon", "jalon");

		SigningKey first = SigningKey.of(defaults, data, Runnable::run);

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
	void createsAMissingKeyInTheBackgroundAndMakesItsUsersWait() throws Exception {
		CertificateSettings defaults = new CertificateSettings(null, "jalon", "jalon");
		List<Runnable> background = new ArrayList<>();

		SigningKey key = SigningKey.of(defaults, data, background::add);

		Path keystore = data.resolve("certificate-signing.p12");
		assertThat(background).as("the creation, handed to the background").hasSize(1);
		assertThat(keystore).as("nothing created before the background runs").doesNotExist();
		assertThat(key.isAvailable()).isFalse();

		CompletableFuture<X509Certificate> waiting = CompletableFuture.supplyAsync(key::certificate);
		background.get(0).run();

		assertThat(key.isAvailable()).isTrue();
		assertThat(waiting.get(1, TimeUnit.MINUTES)).as("a user waiting meanwhile gets the key once made")
			.isEqualTo(key.certificate());
		assertThat(key.certificate()).isEqualTo(SigningKey.load(keystore, "jalon".toCharArray(), "jalon").certificate());
		assertThat(SigningKey.of(defaults, data, task -> {
			throw new AssertionError("an existing key is read, not made again");
		}).certificate()).isEqualTo(key.certificate());
	}

	@Test
	void aKeyThatCannotBeCreatedFailsItsUsersWithTheCause() throws Exception {
		Path notAFolder = Files.writeString(data.resolve("file"), "x");
		List<Runnable> background = new ArrayList<>();

		SigningKey key = SigningKey.of(new CertificateSettings(null, "jalon", "jalon"), notAFolder, background::add);
		background.get(0).run();

		assertThat(key.isAvailable()).isFalse();
		assertThatThrownBy(key::privateKey).hasMessageContaining("Cannot create the certificate signing key")
			.hasRootCauseInstanceOf(java.nio.file.FileAlreadyExistsException.class);
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
