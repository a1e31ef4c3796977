package fr.jalon.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that signs certificates, with its X.509 certificate: read from a PKCS#12 keystore, which Jalon creates on
 * first start (RSA 3072, self-signed, ten years) unless one is configured.
 * <p>
 * Creating it takes seconds (up to half a minute on a busy machine): it is done in the background, so that neither the
 * port nor readiness waits for it, and said in the log when it starts and when it ends. A certificate asks for the key
 * through {@link #privateKey()} or {@link #certificate()}, which wait for it, at most {@link #WAIT}.
 */
final class SigningKey {

	static final String SUBJECT = "CN=Jalon, O=Jalon, C=FR";

	/** The longest a certificate waits for a key being created: seconds normally, far more than the worst seen. */
	static final Duration WAIT = Duration.ofMinutes(2);

	private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

	/** Runs the creation of a missing keystore: one daemon thread of its own, which a stop does not wait for. */
	private static final Executor BACKGROUND = task -> {
		Thread thread = new Thread(task, "signing-key");
		thread.setDaemon(true);
		thread.start();
	};

	private final CompletableFuture<Material> material;

	SigningKey(PrivateKey privateKey, X509Certificate certificate) {
		this(CompletableFuture.completedFuture(new Material(privateKey, certificate)));
	}

	private SigningKey(CompletableFuture<Material> material) {
		this.material = material;
	}

	/** The private key; waits for it while it is being created. */
	PrivateKey privateKey() {
		return material().privateKey();
	}

	/** The key's certificate; waits for it while the key is being created. */
	X509Certificate certificate() {
		return material().certificate();
	}

	/** Whether the key is there (read, or created), without waiting. */
	boolean isAvailable() {
		return material.isDone() && !material.isCompletedExceptionally();
	}

	private Material material() {
		try {
			return material.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("The certificate signing key is still being created after "
					+ WAIT.toSeconds() + " s", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot create the certificate signing key", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the certificate signing key", ex);
		}
	}

	private record Material(PrivateKey privateKey, X509Certificate certificate) {
	}

	/**
	 * The configured keystore (read now: a wrong one stops the start), or {@code certificate-signing.p12} in the data
	 * folder: read now if it exists, otherwise created in the background.
	 */
	static SigningKey of(CertificateSettings settings, Path dataDir) {
		return of(settings, dataDir, BACKGROUND);
	}

	/** As {@link #of(CertificateSettings, Path)}, a missing keystore created by {@code background}. */
	static SigningKey of(CertificateSettings settings, Path dataDir, Executor background) {
		char[] password = settings.keystorePassword().toCharArray();
		if (settings.keystore() != null) {
			return load(settings.keystore(), password, settings.keyAlias());
		}
		Path keystore = dataDir.resolve("certificate-signing.p12");
		if (Files.exists(keystore)) {
			return load(keystore, password, settings.keyAlias());
		}
		log.info("Création de la clé de signature des certificats en arrière-plan : {} (RSA 3072, autosignée) ; "
				+ "les certificats l'attendent", keystore.toAbsolutePath());
		CompletableFuture<Material> material = CompletableFuture.supplyAsync(() -> {
			long started = System.nanoTime();
			create(keystore, password, settings.keyAlias());
			SigningKey created = load(keystore, password, settings.keyAlias());
			log.info("Clé de signature des certificats créée en {} ms : {} (autosignée, {}) ; en production, "
					+ "configurez jalon.certificates.keystore", (System.nanoTime() - started) / 1_000_000,
					keystore.toAbsolutePath(), SUBJECT);
			return created.material();
		}, background);
		material.whenComplete((done, failure) -> {
			if (failure != null) {
				log.error("Cannot create the certificate signing key {}: certificates cannot be signed",
						keystore.toAbsolutePath(), failure);
			}
		});
		return new SigningKey(material);
	}

	static SigningKey load(Path keystore, char[] password, String alias) {
		try (InputStream in = Files.newInputStream(keystore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, password);
			if (!(store.getKey(alias, password) instanceof PrivateKey key)
					|| !(store.getCertificate(alias) instanceof X509Certificate certificate)) {
				throw new IllegalStateException("No private key and certificate under alias '" + alias + "' in "
						+ keystore.toAbsolutePath());
			}
			return new SigningKey(key, certificate);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the certificate signing keystore " + keystore.toAbsolutePath(),
					ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read the certificate signing keystore " + keystore.toAbsolutePath(),
					ex);
		}
	}

	/** A new self-signed key, in memory only: for tests and benchmarks. */
	static SigningKey generate() {
		return generate(3072);
	}

	static SigningKey generate(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			KeyPair pair = generator.generateKeyPair();
			return new SigningKey(pair.getPrivate(), selfSigned(pair));
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Cannot create a signing key", ex);
		}
	}

	/** Writes a new keystore atomically, readable by its owner only; keeps one another process wrote first. */
	static void create(Path keystore, char[] password, String alias) {
		SigningKey key = generate();
		try {
			Path folder = keystore.toAbsolutePath().getParent();
			Files.createDirectories(folder);
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(alias, key.privateKey(), password, new Certificate[] { key.certificate() });
			Path temporary = Files.createTempFile(folder, "certificate-signing", ".tmp");
			try {
				if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
					Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
				}
				try (OutputStream out = Files.newOutputStream(temporary)) {
					store.store(out, password);
				}
				Files.move(temporary, keystore, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException ex) {
				return;
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the certificate signing keystore " + keystore, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot write the certificate signing keystore " + keystore, ex);
		}
	}

	private static X509Certificate selfSigned(KeyPair pair)
			throws OperatorCreationException, GeneralSecurityException, IOException {
		Instant now = Instant.now();
		X500Principal subject = new X500Principal(SUBJECT);
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
				new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
				Date.from(now.plus(Duration.ofDays(3653))), subject, pair.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		builder.addExtension(Extension.keyUsage, true,
				new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
	}

}
