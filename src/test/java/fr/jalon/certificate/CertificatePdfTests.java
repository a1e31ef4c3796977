package fr.jalon.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import org.apache.pdfbox.Loader;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** A certificate rendered and signed, then read back as its readers would: text, archive format, QR, signature. */
class CertificatePdfTests {

	static final String TITLE = "Écoquartier du Cœur de ville — l’îlot Saint-Éloi et la place de l’Œuvre";

	static final String URL = "https://jalon.example.gouv.fr/certificats/JAL-7K2M-Q9XD-4HZT";

	static final String ISSUER = "Ministère de la Transition écologique — Commission nationale EcoQuartier";

	static final String SIGNATORY = "Le président de la Commission nationale EcoQuartier";

	static SigningKey key;

	static byte[] pdf;

	@BeforeAll
	static void renderAndSign() throws Exception {
		key = SigningKey.generate();
		CertificateContent content = new CertificateContent("JAL-7K2M-Q9XD-4HZT", "Certificat de label",
				"EcoQuartier", "Label national EcoQuartier attribué", "Saint-Rémy-de-Provence", TITLE, "Commission nationale EcoQuartier",
				Instant.parse("2025-06-12T14:30:00Z"), 2, Instant.parse("2025-06-12T14:31:05Z"), URL, ISSUER, SIGNATORY, "Paris");
		pdf = signed(new CertificateRenderer(), new CertificateSigner(key), content);
		Files.createDirectories(Path.of("target"));
		Files.write(Path.of("target", "certificate-sample.pdf"), pdf); // to look at
	}

	static byte[] signed(CertificateRenderer renderer, CertificateSigner signer, CertificateContent content)
			throws Exception {
		try (CertificateDocument document = renderer.draw(content)) {
			return signer.sign(document, content.issuedAt());
		}
	}

	static CertificateContent titled(String code, String title) {
		return new CertificateContent(code, "Certificat de label", "EcoQuartier", "Label national EcoQuartier attribué",
				"Saint-Rémy-de-Provence", title, "Commission nationale EcoQuartier",
				Instant.parse("2025-06-12T14:30:00Z"), 2, Instant.parse("2025-06-12T14:31:05Z"), URL, ISSUER, SIGNATORY, "Paris");
	}

	@Test
	void printsTheCertificateInFrenchOnOneA4Page() throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(document.getNumberOfPages()).isEqualTo(1);
			PDRectangle size = document.getPage(0).getMediaBox();
			assertThat(size.getWidth()).isEqualTo(PDRectangle.A4.getWidth());
			assertThat(size.getHeight()).isEqualTo(PDRectangle.A4.getHeight());
			String text = new PDFTextStripper().getText(document).replace('\u00a0', ' ');
			assertThat(text).contains("Certificat de label", "Programme EcoQuartier", "Saint-Rémy-de-Provence",
					"Label national EcoQuartier attribué", "Commission nationale EcoQuartier", "12 juin 2025",
					"EcoQuartier, version 2", "JAL-7K2M-Q9XD-4HZT", "Vérifier ce certificat");
			assertThat(text.replaceAll("\\s+", " ")).contains(TITLE.replaceAll("\\s+", " "));
			assertThat(text).contains("œ", "Œ", "’", "—", "É");
		}
	}

	@Test
	void rendersAnyProgrammesCertificate() throws Exception {
		CertificateContent engagement = new CertificateContent("JAL-PVD0-0000-0001", "Certificat d’engagement",
				"Petites villes de demain", "Petite ville de demain — convention-cadre signée", "Pernes-les-Fontaines", "Revitalisation du centre-bourg", "Préfet de département",
				Instant.parse("2025-03-01T10:00:00Z"), 1, Instant.parse("2025-03-01T10:05:00Z"),
				"http://localhost:8080/certificats/JAL-PVD0-0000-0001", "Agence nationale de la cohésion des territoires",
				"Le préfet de Vaucluse, délégué territorial de l’ANCT", "la préfecture de Vaucluse");
		byte[] signed = signed(new CertificateRenderer(), new CertificateSigner(key), engagement);
		try (PDDocument document = Loader.loadPDF(signed)) {
			assertThat(new PDFTextStripper().getText(document).replace('\u00a0', ' ')).contains("Certificat d’engagement",
					"Programme Petites villes de demain", "Pernes-les-Fontaines",
					"Petite ville de demain — convention-cadre signée", "Préfet de département", "1er mars 2025");
		}
		assertThat(pdfA2bFailures(signed)).isEmpty();
	}

	@Test
	void printsMarkupInNamesLiterally() throws Exception {
		String title = "<script>alert(1)</script> & <b>Quartier</b> \"gare\"";
		CertificateContent hostile = new CertificateContent("JAL-MARK-UP00-0001", "Certificat de label",
				"EcoQuartier", "Label national EcoQuartier attribué", "Albi <i>&amp;</i>", title, "Commission nationale EcoQuartier", Instant.parse("2025-06-12T14:30:00Z"), 1,
				Instant.parse("2025-06-12T14:31:05Z"), URL, ISSUER, SIGNATORY, "Paris");
		try (PDDocument document = Loader.loadPDF(new CertificateRenderer().render(hostile))) {
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			assertThat(text).contains(title, "Albi <i>&amp;</i>");
			XMPMetadata xmp = new DomXmpParser()
				.parse(document.getDocumentCatalog().getMetadata().exportXMPMetadata().readAllBytes());
			assertThat(xmp.getDublinCoreSchema().getTitle()).isEqualTo(document.getDocumentInformation().getTitle())
				.contains("Albi <i>&amp;</i>");
			assertThat(xmp.getXMPBasicSchema().getCreateDate().toInstant()).isEqualTo(hostile.issuedAt());
		}
	}

	@Test
	void embedsItsOnlyFont() throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			List<PDFont> fonts = new java.util.ArrayList<>();
			for (var name : document.getPage(0).getResources().getFontNames()) {
				fonts.add(document.getPage(0).getResources().getFont(name));
			}
			assertThat(fonts).hasSize(1).allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
			assertThat(fonts.get(0).getName()).contains("LiberationSans");
		}
	}

	@Test
	void declaresPdfA2bWithAnSrgbOutputIntent() throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDDocumentCatalog catalog = document.getDocumentCatalog();
			XMPMetadata xmp = new DomXmpParser().parse(catalog.getMetadata().exportXMPMetadata().readAllBytes());
			PDFAIdentificationSchema identification = xmp.getPDFAIdentificationSchema();
			assertThat(identification.getPart()).isEqualTo(2);
			assertThat(identification.getConformance()).isEqualTo("B");
			assertThat(xmp.getDublinCoreSchema().getTitle()).contains("Saint-Rémy-de-Provence", "JAL-7K2M-Q9XD-4HZT");
			assertThat(catalog.getOutputIntents()).singleElement()
				.satisfies(intent -> assertThat(intent.getOutputConditionIdentifier()).isEqualTo("sRGB IEC61966-2.1"));
			assertThat(catalog.getLanguage()).isEqualTo("fr-FR");
			assertThat(document.getDocumentInformation().getTitle()).isEqualTo(xmp.getDublinCoreSchema().getTitle());
		}
	}

	@Test
	void conformsToPdfA2bAccordingToVeraPdf() throws Exception {
		assertThat(pdfA2bFailures(pdf)).isEmpty();
	}

	@Test
	void wouldSeeAnyPdfA2bFault() throws Exception {
		try (PDDocument plain = new PDDocument()) {
			plain.addPage(new org.apache.pdfbox.pdmodel.PDPage());
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			plain.save(out);
			assertThat(pdfA2bFailures(out.toByteArray())).as("no XMP identification, no output intent").isNotEmpty();
		}
	}

	/** What veraPDF finds wrong with the PDF as PDF/A-2b: each failed rule, once. */
	static List<String> pdfA2bFailures(byte[] pdf) throws Exception {
		VeraGreenfieldFoundryProvider.initialise();
		try (PDFAParser parser = Foundries.defaultInstance()
			.createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
				PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
			ValidationResult result = validator.validate(parser);
			List<String> failures = result.getTestAssertions()
				.stream()
				.filter(assertion -> assertion.getStatus() == TestAssertion.Status.FAILED)
				.map(assertion -> assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber()
						+ ": " + assertion.getMessage())
				.distinct()
				.toList();
			assertThat(result.isCompliant()).isEqualTo(failures.isEmpty());
			return failures;
		}
	}

	@Test
	void leadsItsQrCodeToThePublicVerificationPage() throws Exception {
		assertThat(qrCode(pdf)).isEqualTo(URL);
	}

	/** What the QR code of a certificate's page reads, as a phone would read it. */
	static String qrCode(byte[] pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 150);
			int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
			var bitmap = new BinaryBitmap(
					new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
			return new QRCodeReader().decode(bitmap).getText();
		}
	}

	@Test
	void namesTheStateAndTheDecidingAuthorityWithASignatoryBlock() throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document).replaceAll("[ \\n]+", " ");
			assertThat(text).contains("RÉPUBLIQUE", "FRANÇAISE", "Liberté", "Égalité", "Fraternité",
					"Ministère de la Transition écologique", "Commission nationale EcoQuartier",
					"Fait à Paris, le 12\u00a0juin\u00a02025", SIGNATORY, "Signé électroniquement",
					"Ce certificat atteste que", "a obtenu la reconnaissance suivante\u00a0:");
			assertThat(text).as("the authority issues it, not the software").doesNotContain("Jalon");
			assertThat(text).doesNotContain("a atteint le niveau");
		}
	}

	@Test
	void elidesBeforeAVowelAndSetsFrenchTypography() throws Exception {
		CertificateContent apt = new CertificateContent("JAL-APT0-0000-0001", "Certificat d’engagement",
				"Petites villes de demain", "Petite ville de demain — convention-cadre signée", "Apt",
				"Cœur de ville : l'îlot « Saint-Martin » ; 12 345 m² ?", "Préfet de département",
				Instant.parse("2025-03-01T10:00:00Z"), 1, Instant.parse("2025-03-01T10:05:00Z"),
				"http://localhost:8080/certificats/JAL-APT0-0000-0001", "Agence nationale de la cohésion des territoires",
				"Le préfet de Vaucluse, délégué territorial de l’ANCT", "la préfecture de Vaucluse");
		byte[] signed = signed(new CertificateRenderer(), new CertificateSigner(key), apt);
		try (PDDocument document = Loader.loadPDF(signed)) {
			String text = new PDFTextStripper().getText(document).replaceAll("[ \\n]+", " ").replace("qu’ ", "qu’");
			assertThat(text).contains("Ce certificat atteste qu’Apt",
					"Fait à la préfecture de Vaucluse, le 1er\u00a0mars\u00a02025",
					"«\u00a0Cœur de ville\u00a0: l’îlot «\u00a0Saint-Martin\u00a0»\u202f;", "m²\u202f?\u00a0»");
		}
		assertThat(pdfA2bFailures(signed)).isEmpty();
	}

	@Test
	void hasTheGlyphsOfFrenchTypography() throws Exception {
		var cmap = new CertificateFont().forThisThread(false).getUnicodeCmapLookup();
		for (int character : new int[] { '\u00a0', '\u202f', '’', '«', '»', '—', 'œ', 'Œ', 'É', '²' }) {
			assertThat(cmap.getGlyphId(character)).as("U+%04X", character).isPositive();
		}
	}

	@Test
	void fillsThePage() throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 36);
			int width = image.getWidth();
			int height = image.getHeight();
			int inset = 40 * 36 / 72; // inside the frame
			int[][] quarters = { { inset, width / 2, inset, height / 2 }, { width / 2, width - inset, inset, height / 2 },
					{ inset, width / 2, height / 2, height - inset }, { width / 2, width - inset, height / 2, height - inset } };
			for (int[] quarter : quarters) {
				int inked = 0;
				for (int x = quarter[0]; x < quarter[1]; x++) {
					for (int y = quarter[2]; y < quarter[3]; y++) {
						int rgb = image.getRGB(x, y);
						if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 600) {
							inked++;
						}
					}
				}
				double area = (double) (quarter[1] - quarter[0]) * (quarter[3] - quarter[2]);
				assertThat(inked / area).as("ink in the quarter %s", java.util.Arrays.toString(quarter))
					.isGreaterThan(0.04);
			}
		}
	}

	@Test
	void carriesASignatureThatVerifiesWithJalonsKey() throws Exception {
		PDSignature signature = SignedPdfs.signature(pdf);
		assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
		assertThat(SignedPdfs.coversWholeFile(signature, pdf)).isTrue();
		assertThat(SignedPdfs.verifies(signature, pdf, key.certificate())).isTrue();
		assertThat(SignedPdfs.verifies(signature, pdf, SigningKey.generate(2048).certificate()))
			.as("another key did not sign it")
			.isFalse();
	}

	@Test
	void signsAsPadesBaselineB() throws Exception {
		PDSignature signature = SignedPdfs.signature(pdf);
		assertThat(signature.getFilter()).isEqualTo("Adobe.PPKLite");
		assertThat(signature.getSubFilter()).isEqualTo(PDSignature.SUBFILTER_ETSI_CADES_DETACHED.getName());
		assertThat(signature.getSignDate()).as("the signing time, in the signature dictionary").isNotNull();

		AttributeTable attributes = SignedPdfs.signer(signature, pdf).getSignedAttributes();
		Attribute signingCertificate = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
		assertThat(signingCertificate).as("signing-certificate-v2").isNotNull();
		ESSCertIDv2[] ids = SigningCertificateV2.getInstance(signingCertificate.getAttrValues().getObjectAt(0))
			.getCerts();
		assertThat(ids).hasSize(1);
		assertThat(ids[0].getHashAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
		assertThat(ids[0].getCertHash())
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded()));
		assertThat(ids[0].getIssuerSerial().getSerial().getValue()).isEqualTo(key.certificate().getSerialNumber());
		assertThat(attributes.get(CMSAttributes.contentType)).isNotNull();
		assertThat(attributes.get(CMSAttributes.messageDigest)).isNotNull();
		assertThat(attributes.get(CMSAttributes.signingTime)).as("PAdES: no signing time in the CMS").isNull();
	}

	@Test
	void isWrittenOnceWithItsSignatureNotAppended() throws Exception {
		String text = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
		assertThat(text.split("%%EOF", -1)).as("one revision: one end of file").hasSize(2);
		assertThat(text.split("startxref", -1)).as("one cross-reference section").hasSize(2);
		assertThat(text).endsWith("%%EOF\n");
	}

	@Test
	void signsManyCertificatesWithOneSigner() throws Exception {
		CertificateRenderer renderer = new CertificateRenderer();
		CertificateSigner signer = new CertificateSigner(key);
		for (int i = 0; i < 3; i++) {
			byte[] signed = signed(renderer, signer, titled("JAL-MANY-0000-000" + i, "Quartier n° " + i));
			PDSignature signature = SignedPdfs.signature(signed);
			assertThat(SignedPdfs.coversWholeFile(signature, signed)).isTrue();
			assertThat(SignedPdfs.verifies(signature, signed, key.certificate())).as("certificate %d", i).isTrue();
		}
	}

	@Test
	void drawsWhatPdfBoxShapingDrawsWithoutShapingLatinText() throws Exception {
		CertificateContent french = titled("JAL-SAME-0000-0001", TITLE);
		assertThat(digest(new CertificateRenderer().render(french))).as("the same bytes")
			.isEqualTo(digest(new CertificateRenderer(true).render(french)));
	}

	@Test
	void shapesTheTextThatNeedsIt() throws Exception {
		// Liberation Sans composes tone letters (ccmp): such a text is drawn through PDFBox's shaping, as before.
		CertificateContent tones = titled("JAL-TONE-0000-0001", "Quartier \u02e5\u02e9\u02e6 de la gare");
		byte[] rendered = new CertificateRenderer().render(tones);
		assertThat(digest(rendered)).as("the same bytes").isEqualTo(digest(new CertificateRenderer(true).render(tones)));
		assertThat(pdfA2bFailures(rendered)).isEmpty();
	}

	static String digest(byte[] pdf) {
		return java.util.HexFormat.of().formatHex(CertificateRenderer.sha256(pdf));
	}

	@Test
	void failsItsSignatureOnceAnyByteChanges() throws Exception {
		PDSignature signature = SignedPdfs.signature(pdf);
		int[] range = signature.getByteRange();
		for (int position : new int[] { 0, range[1] / 2, range[1] - 1, range[2], pdf.length - 1 }) {
			byte[] tampered = pdf.clone();
			tampered[position] ^= 0x01;
			assertThat(SignedPdfs.verifies(signature, tampered, key.certificate())).as("byte %d changed", position)
				.isFalse();
		}
	}

}
