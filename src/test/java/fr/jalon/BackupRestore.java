package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's « Sauvegarde et restauration », followed to the letter on one database with the packaged jar:
 * candidacies of every shipped programme, finished with their certificates or in flight with open tasks, read
 * through the API; backed up; the node stopped and its data wiped; restored into an empty database or folder; started
 * again: every candidacy, history entry, document (same SHA-256), open task and certificate (its public verification
 * answering as before) is back, and the in-flight processes go on, a certificate signed with the same key. One
 * subclass per database says how it is backed up and restored: {@link BackupRestoreIT} (H2),
 * {@link BackupRestorePostgresqlIT}.
 */
abstract class BackupRestore {

	private static final Pattern CODE = Pattern.compile("JAL(-[0-9A-Z]{4}){3}");

	@TempDir
	Path work;

	private JalonProcess node;

	@RegisterExtension
	AfterTestExecutionCallback printLogOnFailure = context -> context.getExecutionException()
		.ifPresent(failure -> System.err
			.println("--- end of the Jalon log\n" + (node == null ? "(no node)" : node.logTail(120))));

	/** Prepares a new installation in that working directory, before its first start (e.g. its signing keystore). */
	void install(Path workDir) throws Exception {
	}

	/** A node of this database running from that working directory, not yet started. */
	abstract JalonProcess node(Path workDir) throws IOException;

	/** Backs up the node's data into {@code backups} as the README says (stopping the node if it must). */
	abstract void backUp(JalonProcess node, Path workDir, Path backups) throws Exception;

	/** Loses everything the node kept: its database and its working directory. */
	abstract void wipe(Path workDir) throws Exception;

	/** Restores the backup as the README says: an empty database or folder, the node to start in {@code workDir}. */
	abstract void restore(Path backups, Path workDir) throws Exception;

	/** The database's name in the figures. */
	abstract String database();

	@AfterEach
	void stopNode() throws InterruptedException {
		if (node != null) {
			node.stop();
		}
	}

	@Test
	void restoresEveryCandidacyDocumentAndCertificateAndTheProcessesGoOn() throws Exception {
		Path live = Files.createDirectories(work.resolve("live"));
		Path backups = Files.createDirectories(work.resolve("backups"));
		Path restored = Files.createDirectories(work.resolve("restored"));
		install(live);
		node = node(live);
		node.start();
		InFlight inFlight = populate(node);
		Snapshot before = Snapshot.of(node, inFlight.revoked());
		byte[] signer = signerOf(node.as("admin").bytes("/api/candidacies/" + inFlight.ecoquartierContract()
				+ "/certificate"));

		long backupStarted = System.nanoTime();
		backUp(node, live, backups);
		Duration backupTime = Duration.ofNanos(System.nanoTime() - backupStarted);
		if (node.isRunning()) {
			node.shutDown();
		}
		wipe(live);
		long restoreStarted = System.nanoTime();
		restore(backups, restored);
		Duration restoreTime = Duration.ofNanos(System.nanoTime() - restoreStarted);
		node = node(restored);
		node.start();
		Duration restartTime = Duration.ofNanos(System.nanoTime() - restoreStarted).minus(restoreTime);

		Snapshot after = Snapshot.of(node, inFlight.revoked());
		assertThat(after.candidacies()).as("candidacies, their history and documents")
			.isEqualTo(before.candidacies());
		assertThat(after.documents()).as("SHA-256 of each document's bytes").isEqualTo(before.documents());
		assertThat(after.tasks()).as("open tasks").isEqualTo(before.tasks());
		assertThat(after.certificates()).as("public verification of each certificate")
			.isEqualTo(before.certificates());
		assertThat(after.certificatePdfs()).as("SHA-256 of each certificate's PDF").isEqualTo(before.certificatePdfs());

		goOn(node, inFlight, signer);

		System.out.printf("%s backup and restore: %d candidacies, %d history entries, %d documents, %d open tasks, "
				+ "%d certificates (%d revoked) compared; backup %d bytes (%s) in %d ms; restored in %d ms, "
				+ "node ready %d s later%n", database(), before.candidacies().size(), before.historyEntries(),
				before.documents().size(), before.openTasks(), before.certificates().size(), inFlight.revoked().size(),
				size(backups), listing(backups), backupTime.toMillis(), restoreTime.toMillis(),
				restartTime.toSeconds());
	}

	/** What the restored processes do next: each in-flight candidacy takes a step, and a certificate is issued. */
	private static void goOn(JalonProcess node, InFlight inFlight, byte[] signer) throws Exception {
		JalonProcess.Account albi = node.as("mairie-albi");
		albi.complete(albi.task(inFlight.ecoquartierContract(), "SubmitContract"), CrashRecoveryIT.contract(albi));
		assertThat(node.as("expert-1").task(inFlight.ecoquartierContract(), "AssessAsCoordinatingExpert")).isNotBlank();

		JalonProcess.Account ddt = node.as("ddt-81");
		assertThat(ddt.complete(ddt.task(inFlight.ecoquartierCharter(), "VerifyCharter"), Map.of("outcome", "APPROVE"))
			.get("stage")
			.asText()).isEqualTo("CONTRACT");
		String code = awaitCertificate(node, inFlight.ecoquartierCharter(), "CHARTER_RECOGNITION");
		assertThat(node.as(null).get("/api/certificates/" + code).get("valid").asBoolean()).isTrue();
		assertThat(signerOf(albi.bytes("/api/candidacies/" + inFlight.ecoquartierCharter() + "/certificate")))
			.as("the restored keystore signs the new certificate").isEqualTo(signer);

		JalonProcess.Account prefet = node.as("prefet-84");
		prefet.complete(prefet.task(inFlight.pvdReview(), "DepartmentReview"), Map.of("outcome", "APPROVE"));
		assertThat(node.as("prefet-region-93").task(inFlight.pvdReview(), "RegionalSelection")).isNotBlank();

		JalonProcess.Account pays = node.as("pays-midi-quercy");
		JsonNode referential = pays.get("/api/referentials/vpah");
		JsonNode perimeter = pays.get("/api/tasks?candidacy=" + inFlight.vpahPerimeter()).get(0);
		assertThat(perimeter.get("key").asText()).isEqualTo("SubmitPerimeterSheet");
		pays.complete(perimeter.get("id").asText(),
				VpahPathTests.handIn(perimeter, referential, upload(pays, inFlight.vpahPerimeter())));
		assertThat(node.as("drac-76").task(inFlight.vpahPerimeter(), "ValidatePerimeterSheet")).isNotBlank();
	}

	/** The candidacies in flight that the test takes further after the restore, and the revoked certificates. */
	record InFlight(String ecoquartierContract, String ecoquartierCharter, String pvdReview, String vpahPerimeter,
			List<String> revoked) {
	}

	/**
	 * Candidacies of every shipped programme: EcoQuartier labelled, at its contract, back at its charter's review
	 * after a request for changes, withdrawn with its charter recognition revoked; Petites villes de demain engaged,
	 * ineligible, under the département's review; Villes et Pays d'art et d'histoire labelled, at its perimeter sheet.
	 * Every certificate they earn is issued by the job executor before this returns.
	 */
	private static InFlight populate(JalonProcess node) throws IOException {
		JalonProcess.Account albi = node.as("mairie-albi");
		JalonProcess.Account ddt = node.as("ddt-81");
		JalonProcess.Account expert1 = node.as("expert-1");
		JalonProcess.Account expert2 = node.as("expert-2");
		JalonProcess.Account nationale = node.as("commission-nationale");

		String labelled = charterApproved(albi, ddt, "81004", "Écoquartier de la Madeleine");
		albi.upload(labelled, "photo", "friche.pdf", "application/pdf", Api.pdf("photo de la friche"));
		Map<String, Object> contract = CrashRecoveryIT.contract(albi);
		albi.complete(albi.task(labelled, "SubmitContract"), contract);
		Object assessment = contract.get("assessment");
		expert1.complete(expert1.task(labelled, "AssessAsCoordinatingExpert"),
				Map.of("outcome", "SUBMIT", "assessment", assessment));
		expert2.complete(expert2.task(labelled, "AssessAsSecondExpert"),
				Map.of("outcome", "SUBMIT", "assessment", assessment));
		expert1.complete(expert1.task(labelled, "WriteSynthesis"),
				Map.of("outcome", "SUBMIT", "comment", "Projet solide ; mobilités à renforcer."));
		JalonProcess.Account occitanie = node.as("commission-occitanie");
		occitanie.complete(occitanie.task(labelled, "RegionalCommissionReview"),
				Map.of("outcome", "APPROVE", "comment", "Proposé au label."));
		nationale.complete(nationale.task(labelled, "NationalCommissionDecision"), Map.of("outcome", "APPROVE"));
		albi.complete(albi.task(labelled, "ReportIndicatorValues"),
				Map.of("outcome", "SUBMIT", "indicators", values(albi)));
		expert2.complete(expert2.task(labelled, "RecordSiteVisit"),
				Map.of("outcome", "APPROVE", "comment", "Visite du 12 juin."));
		assertThat(nationale.complete(nationale.task(labelled, "ValidateLabel"), Map.of("outcome", "APPROVE"))
			.get("status")
			.asText()).isEqualTo("LABELLED");

		String atContract = charterApproved(albi, ddt, "81004", "Quartier des Fontanelles");

		String charter = albi.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004",
				"title", "Quartier Lapanouse", "description", "Une friche ferroviaire."))
			.get("id")
			.asText();
		albi.upload(charter, "signed-charter", "charte.pdf", "application/pdf", Api.pdf("charte Lapanouse"));
		albi.complete(albi.task(charter, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		ddt.complete(ddt.task(charter, "VerifyCharter"),
				Map.of("outcome", "REQUEST_CHANGES", "comment", "Joindre la délibération."));
		albi.upload(charter, "signed-charter", "deliberation.pdf", "application/pdf", Api.pdf("délibération"));
		albi.complete(albi.task(charter, "SubmitCharter"), Map.of("outcome", "SUBMIT"));

		JalonProcess.Account rodez = node.as("mairie-rodez");
		String withdrawn = charterApproved(rodez, node.as("ddt-12"), "12202", "Quartier Bourran");
		String revoked = awaitCertificate(node, withdrawn, "CHARTER_RECOGNITION");
		rodez.post("/api/candidacies/" + withdrawn + "/withdraw", Map.of("comment", "Projet reporté."));

		String review = pvd(node);

		JalonProcess.Account pays = node.as("pays-midi-quercy");
		String territory = pays.get("/api/collectivites?q=Midi-Quercy").get(0).get("code").asText();
		String vpahLabelled = vpah(node, territory, "Pays d'art et d'histoire du Midi-Quercy", null);
		String perimeter = vpah(node, territory, "Pays d'art et d'histoire des bastides", "SubmitPerimeterSheet");

		awaitCertificate(node, labelled, "CHARTER_RECOGNITION");
		awaitCertificate(node, labelled, "LABEL");
		awaitCertificate(node, atContract, "CHARTER_RECOGNITION");
		awaitCertificate(node, vpahLabelled, "LABEL");
		Awaitility.await("the charter recognition of the withdrawn candidacy revoked")
			.atMost(Duration.ofMinutes(3))
			.until(() -> node.as(null).get("/api/certificates/" + revoked).get("revoked").asBoolean());
		return new InFlight(atContract, charter, review, perimeter, List.of(revoked));
	}

	/**
	 * Petites villes de demain: Sault engaged in a campaign of its own (its certificate issued), L'Isle-sur-la-Sorgue
	 * ineligible and Monteux under the département's review in the demo campaign; answers Monteux's candidacy.
	 */
	private static String pvd(JalonProcess node) {
		JalonProcess.Account admin = node.as("admin");
		JalonProcess.Account sault = node.as("mairie-sault");
		JalonProcess.Account prefet = node.as("prefet-84");
		JalonProcess.Account prefetRegion = node.as("prefet-region-93");
		String campaign = admin.post("/api/campaigns", Map.of("programme", "pvd", "region", "93", "title",
				"Petites villes de demain — sauvegarde", "closesAt",
				Instant.now().plus(Duration.ofDays(30)).toString()))
			.get("id")
			.asText();
		String engaged = pvdSubmitted(sault, "84123", "200035723", campaign);
		prefet.complete(prefet.task(engaged, "DepartmentReview"), Map.of("outcome", "APPROVE", "comment", "Avis favorable."));
		prefetRegion.complete(prefetRegion.task(engaged, "RegionalSelection"), Map.of("outcome", "APPROVE"));
		prefetRegion.post("/api/campaigns/" + campaign + "/announce", Map.of());
		sault.upload(engaged, "membership-agreement", "convention-adhesion.pdf", "application/pdf",
				Api.pdf("convention d'adhésion"));
		sault.complete(sault.task(engaged, "SubmitMembershipAgreement"), Map.of("outcome", "SUBMIT"));
		prefet.complete(prefet.task(engaged, "CountersignMembershipAgreement"), Map.of("outcome", "APPROVE"));
		sault.complete(sault.task(engaged, "RequestProjectManagerFunding"), Map.of("outcome", "SUBMIT", "data",
				Map.of("projectManagerAnnualCost", 80_000, "anahParticipates", true)));
		prefet.complete(prefet.task(engaged, "ApproveProjectManagerFunding"), Map.of("outcome", "APPROVE"));
		sault.upload(engaged, "framework-agreement", "convention-cadre.pdf", "application/pdf",
				Api.pdf("convention-cadre valant ORT"));
		sault.complete(sault.task(engaged, "SubmitFrameworkAgreement"), Map.of("outcome", "SUBMIT"));
		assertThat(prefet.complete(prefet.task(engaged, "ApproveFrameworkAgreement"), Map.of("outcome", "APPROVE"))
			.get("status")
			.asText()).isEqualTo("ENGAGED");

		String demo = null;
		for (JsonNode open : admin.get("/api/campaigns?programme=pvd")) {
			if (open.get("region").asText().equals("93") && open.get("open").asBoolean()
					&& !open.get("id").asText().equals(campaign)) {
				demo = open.get("id").asText();
			}
		}
		assertThat(demo).as("the open demo campaign of region 93").isNotNull();
		String ineligible = pvdSubmitted(node.as("mairie-l-isle-sur-la-sorgue"), "84054", "248400319", demo);
		assertThat(admin.get("/api/candidacies/" + ineligible).get("status").asText()).isEqualTo("INELIGIBLE");
		String review = pvdSubmitted(node.as("mairie-monteux"), "84080", "248400293", demo);
		awaitCertificate(node, engaged, "PVD_ENGAGEMENT");
		return review;
	}

	private static String pvdSubmitted(JalonProcess.Account commune, String code, String epci, String campaign) {
		String id = commune.post("/api/candidacies", Map.of("programme", "pvd", "collectivite", code, "title",
				"Revitaliser le centre-bourg", "partners", List.of(epci), "campaign", campaign))
			.get("id")
			.asText();
		commune.upload(id, "epci-support-letter", "lettre-soutien.pdf", "application/pdf",
				Api.pdf("lettre du président"));
		commune.complete(commune.task(id, "SubmitCandidacy"), Map.of("outcome", "SUBMIT"));
		return id;
	}

	/**
	 * A Villes et Pays d'art et d'histoire candidacy taken by its demo accounts through every task, each handed in as
	 * the referential requires, until the task {@code stopAt} is open (or to its end if null).
	 */
	private static String vpah(JalonProcess node, String territory, String title, String stopAt) {
		JalonProcess.Account pays = node.as("pays-midi-quercy");
		JsonNode referential = pays.get("/api/referentials/vpah");
		String id = pays.post("/api/candidacies", Map.of("programme", "vpah", "collectivite", territory, "title", title))
			.get("id")
			.asText();
		for (int round = 0; round < 40; round++) {
			if (!pays.get("/api/candidacies/" + id).get("status").asText().equals("IN_PROGRESS")) {
				assertThat(stopAt).as("the candidacy ended before " + stopAt).isNull();
				return id;
			}
			for (String username : VpahPathTests.ACCOUNTS) {
				JalonProcess.Account actor = node.as(username);
				for (JsonNode task : actor.get("/api/tasks?candidacy=" + id)) {
					if (task.get("key").asText().equals(stopAt)) {
						return id;
					}
					actor.complete(task.get("id").asText(), VpahPathTests.handIn(task, referential, upload(actor, id)));
				}
			}
		}
		throw new AssertionError("the VPAH candidacy " + id + " did not end");
	}

	/** Uploads a document of the type given, as a small PDF, to that candidacy. */
	private static Consumer<String> upload(JalonProcess.Account actor, String candidacy) {
		return type -> actor.upload(candidacy, type, type + ".pdf", "application/pdf", Api.pdf(type));
	}

	private static String charterApproved(JalonProcess.Account collectivite, JalonProcess.Account ddt, String code,
			String title) {
		String id = collectivite.post("/api/candidacies",
				Map.of("programme", "ecoquartier", "collectivite", code, "title", title))
			.get("id")
			.asText();
		collectivite.upload(id, "signed-charter", "charte.pdf", "application/pdf", Api.pdf("charte " + title));
		collectivite.complete(collectivite.task(id, "SubmitCharter"), Map.of("outcome", "SUBMIT"));
		ddt.complete(ddt.task(id, "VerifyCharter"), Map.of("outcome", "APPROVE"));
		return id;
	}

	/** Every EcoQuartier indicator with its measured value. */
	private static Map<String, Object> values(JalonProcess.Account account) {
		Map<String, Object> indicators = new LinkedHashMap<>();
		account.get("/api/referentials/ecoquartier")
			.findValues("indicators")
			.forEach(list -> list.forEach(indicator -> indicators.put(indicator.get("id").asText(),
					Map.of("value", 42.0))));
		return indicators;
	}

	/** The code of the candidacy's valid certificate of that kind, once the job executor has issued it. */
	private static String awaitCertificate(JalonProcess node, String candidacy, String kind) {
		JalonProcess.Account admin = node.as("admin");
		String path = "/api/candidacies/" + candidacy + "/certificate?kind=" + kind;
		Awaitility.await("the " + kind + " of " + candidacy)
			.atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> admin.answer(path).statusCode() == 200);
		return codeOf(admin.answer(path));
	}

	private static String codeOf(HttpResponse<byte[]> certificate) {
		Matcher code = CODE.matcher(certificate.headers().firstValue("Content-Disposition").orElse(""));
		assertThat(code.find()).as("a certificate code in %s", certificate.headers().map()).isTrue();
		return code.group();
	}

	/** The X.509 certificate of the key that signed a certificate's PDF, DER-encoded. */
	private static byte[] signerOf(byte[] pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDSignature signature = document.getSignatureDictionaries().get(0);
			try (ASN1InputStream in = new ASN1InputStream(signature.getContents(pdf))) {
				CMSSignedData cms = new CMSSignedData(ContentInfo.getInstance(in.readObject()));
				X509CertificateHolder signer = cms.getCertificates()
					.getMatches(null)
					.iterator()
					.next();
				return signer.getEncoded();
			}
		}
	}

	/**
	 * Everything of the node's data that the API shows, read by the administrator (who sees every candidacy and
	 * every open task) and by anyone (the public verification of each certificate).
	 */
	record Snapshot(Map<String, JsonNode> candidacies, Map<String, String> documents, Map<String, JsonNode> tasks,
			Map<String, JsonNode> certificates, Map<String, String> certificatePdfs) {

		static Snapshot of(JalonProcess node, List<String> revoked) {
			JalonProcess.Account admin = node.as("admin");
			JsonNode all = admin.get("/api/candidacies?size=500");
			assertThat(all.size()).as("every candidacy on one page").isLessThan(500);
			Map<String, JsonNode> candidacies = new TreeMap<>();
			Map<String, String> documents = new TreeMap<>();
			Map<String, JsonNode> tasks = new TreeMap<>();
			Map<String, JsonNode> certificates = new TreeMap<>();
			Map<String, String> pdfs = new TreeMap<>();
			Map<String, JsonNode> programmes = new TreeMap<>();
			for (JsonNode listed : all) {
				String id = listed.get("id").asText();
				JsonNode candidacy = admin.get("/api/candidacies/" + id);
				candidacies.put(id, candidacy);
				for (JsonNode document : candidacy.get("documents")) {
					String sha256 = sha256(admin.bytes("/api/candidacies/" + id + "/documents/"
							+ document.get("id").asText()));
					assertThat(sha256).as("the bytes of %s", document).isEqualTo(document.get("sha256").asText());
					documents.put(document.get("id").asText(), sha256);
				}
				tasks.put(id, admin.get("/api/tasks?candidacy=" + id));
				JsonNode programme = programmes.computeIfAbsent(candidacy.get("programme").asText(),
						key -> admin.get("/api/programmes/" + key));
				for (JsonNode kind : programme.get("certificates").findValues("kind")) {
					HttpResponse<byte[]> pdf = admin
						.answer("/api/candidacies/" + id + "/certificate?kind=" + kind.asText());
					if (pdf.statusCode() == 200) {
						pdfs.put(codeOf(pdf), sha256(pdf.body()));
					}
				}
			}
			List<String> codes = new ArrayList<>(pdfs.keySet());
			codes.addAll(revoked);
			for (String code : codes) {
				JsonNode verification = node.as(null).get("/api/certificates/" + code);
				certificates.put(code, verification);
				if (pdfs.containsKey(code)) {
					assertThat(pdfs.get(code)).as("the PDF of %s", code).isEqualTo(verification.get("sha256").asText());
				}
			}
			return new Snapshot(candidacies, documents, tasks, certificates, pdfs);
		}

		int historyEntries() {
			return candidacies.values().stream().mapToInt(candidacy -> candidacy.get("history").size()).sum();
		}

		int openTasks() {
			return tasks.values().stream().mapToInt(JsonNode::size).sum();
		}

	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a command of the README from that directory; fails with its output unless it exits with 0. */
	static void run(Path directory, Map<String, String> environment, String... command) throws Exception {
		Path output = Files.createTempFile("command", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not end within ten minutes");
		}
		String log = Files.readString(output);
		Files.delete(output);
		assertThat(process.exitValue()).as("%s exit value; its output:%n%s", String.join(" ", command), log)
			.isZero();
	}

	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	private static long size(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).mapToLong(file -> {
				try {
					return Files.size(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).sum();
		}
	}

	private static String listing(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return String.join(", ", files.filter(Files::isRegularFile).sorted().map(file -> {
				try {
					return folder.relativize(file) + " " + Files.size(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).toList());
		}
	}

}
