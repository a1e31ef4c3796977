package fr.jalon.certificate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.List;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.CollectionStore;
import org.bouncycastle.util.Store;

/**
 * Signs a certificate with Jalon's key as its document is written: an invisible signature field and a detached CMS
 * signature as PAdES baseline B asks ({@code ETSI.CAdES.detached}, SHA-256 with RSA, DER, a signing-certificate-v2
 * attribute, see {@link #padesAttributes}) over the whole file but the signature itself.
 * <p>
 * The document is written once, with its signature dictionary holding PDFBox's reserved {@code /ByteRange} and a
 * zero-filled {@code /Contents}; the writer notes where these two land, then the byte ranges are filled in, the
 * bytes they cover are signed, and the signature is written into {@code /Contents}: what PDFBox does for an
 * incremental update, without saving, reloading and appending a second revision.
 * <p>
 * Thread-safe: the certificate, its store and the digest provider are made once per key; each thread keeps its own
 * {@link ContentSigner} (a {@link java.security.Signature}, initialised with the key once).
 */
final class CertificateSigner {

	private final SigningKey key;

	private final X509CertificateHolder certificate;

	private final Store<X509CertificateHolder> certificates;

	private final DigestCalculatorProvider digests = new BcDigestCalculatorProvider();

	private final ThreadLocal<ContentSigner> signers;

	/** The CMS signed attributes of PAdES baseline B: content type, message digest and signing-certificate-v2. */
	private final CMSAttributeTableGenerator signedAttributes;

	/** Room for the CMS signature: the certificate it carries, the signature and its attributes, with margin. */
	private final int reserved;

	CertificateSigner(SigningKey key) {
		this.key = key;
		try {
			this.certificate = new JcaX509CertificateHolder(key.certificate());
			this.reserved = certificate.getEncoded().length + 4096;
		}
		catch (CertificateEncodingException | IOException ex) {
			throw new IllegalStateException("Cannot read the signing certificate", ex);
		}
		this.certificates = new CollectionStore<>(List.of(certificate));
		this.signedAttributes = padesAttributes(certificate);
		this.signers = ThreadLocal.withInitial(this::contentSigner);
	}

	/** The certificate written and signed, in one pass; the document is spent. */
	byte[] sign(CertificateDocument document, Instant at) throws IOException {
		PDSignature signature = new PDSignature();
		signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
		signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
		signature.setName("Jalon");
		signature.setLocation("France");
		signature.setReason("Certificat délivré par Jalon");
		signature.setSignDate(GregorianCalendar.from(at.atZone(ZoneOffset.UTC)));
		try (SignatureOptions options = new SignatureOptions()) {
			options.setPreferredSignatureSize(reserved);
			document.document().addSignature(signature, options); // reserves /Contents and /ByteRange
		}

		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
		PlaceholderWriter writer = new PlaceholderWriter(out,
				(COSString) signature.getCOSObject().getDictionaryObject(COSName.CONTENTS),
				signature.getCOSObject().getCOSArray(COSName.BYTERANGE));
		document.write(writer);
		byte[] pdf = out.toByteArray();
		if (writer.contentsStart < 0 || writer.byteRangeStart < 0) {
			throw new IOException("The signature dictionary was not written");
		}

		int contentsStart = Math.toIntExact(writer.contentsStart); // at '<'
		int contentsEnd = Math.toIntExact(writer.contentsEnd); // after '>'
		int[] range = { 0, contentsStart, contentsEnd, pdf.length - contentsEnd };
		fillByteRange(pdf, Math.toIntExact(writer.byteRangeStart), range);

		byte[] signed = new byte[range[1] + range[3]];
		System.arraycopy(pdf, 0, signed, 0, range[1]);
		System.arraycopy(pdf, range[2], signed, range[1], range[3]);
		byte[] hex = HexFormat.of().formatHex(cms(signed)).toUpperCase().getBytes(StandardCharsets.US_ASCII);
		if (hex.length > contentsEnd - contentsStart - 2) {
			throw new IOException("The signature (" + hex.length / 2 + " bytes) exceeds the space reserved for it");
		}
		System.arraycopy(hex, 0, pdf, contentsStart + 1, hex.length);
		return pdf;
	}

	/** Writes the byte ranges over PDFBox's reserved {@code [0 1000000000 1000000000 1000000000]}, padded. */
	private static void fillByteRange(byte[] pdf, int start, int[] range) throws IOException {
		int end = start;
		while (end < pdf.length && pdf[end] != ']') {
			end++;
		}
		if (pdf[start] != '[' || end == pdf.length) {
			throw new IOException("No /ByteRange where it was written");
		}
		byte[] values = (range[0] + " " + range[1] + " " + range[2] + " " + range[3])
			.getBytes(StandardCharsets.US_ASCII);
		if (values.length > end - start - 1) {
			throw new IOException("No room for the byte range " + Arrays.toString(range));
		}
		Arrays.fill(pdf, start + 1, end, (byte) ' ');
		System.arraycopy(values, 0, pdf, start + 1, values.length);
	}

	private byte[] cms(byte[] content) throws IOException {
		try {
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(digests)
				.setSignedAttributeGenerator(signedAttributes)
				.build(signers.get(), certificate));
			generator.addCertificates(certificates);
			return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
		}
		catch (CMSException | OperatorCreationException ex) {
			throw new IOException("Cannot sign the certificate", ex);
		}
	}

	/**
	 * The signed attributes PAdES baseline B asks for (ETSI EN 319 142-1, 5.1): BouncyCastle's content type and
	 * message digest (and its CMS algorithm protection), the ESS signing-certificate-v2 (RFC 5035) with the SHA-256
	 * hash of the signing certificate, and no signing time: PAdES forbids it in the CMS, the time is the signature
	 * dictionary's {@code /M}.
	 */
	static CMSAttributeTableGenerator padesAttributes(X509CertificateHolder certificate) {
		byte[] hash;
		try {
			hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Cannot hash the signing certificate", ex);
		}
		// SHA-256 is ESSCertIDv2's default hash algorithm: left out of the encoding (RFC 5035, DER).
		ESSCertIDv2 id = new ESSCertIDv2(hash, new IssuerSerial(certificate.getIssuer(), certificate.getSerialNumber()));
		Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
				new DERSet(new SigningCertificateV2(new ESSCertIDv2[] { id })));
		CMSAttributeTableGenerator standard = new DefaultSignedAttributeTableGenerator(
				new AttributeTable(signingCertificate));
		return parameters -> standard.getAttributes(parameters).remove(CMSAttributes.signingTime);
	}

	private ContentSigner contentSigner() {
		try {
			return new JcaContentSignerBuilder("SHA256withRSA").build(key.privateKey());
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException("Cannot sign with the certificate key", ex);
		}
	}

	/** PDFBox's writer, noting where the signature's {@code /Contents} and {@code /ByteRange} are written. */
	private static final class PlaceholderWriter extends COSWriter {

		private final COSString contents;

		private final COSArray byteRange;

		long contentsStart = -1;

		long contentsEnd = -1;

		long byteRangeStart = -1;

		PlaceholderWriter(OutputStream out, COSString contents, COSArray byteRange) {
			super(out, CompressParameters.NO_COMPRESSION);
			this.contents = contents;
			this.byteRange = byteRange;
		}

		@Override
		public void visitFromString(COSString string) throws IOException {
			if (string == contents) {
				contentsStart = getStandardOutput().getPos();
				super.visitFromString(string);
				contentsEnd = getStandardOutput().getPos();
				return;
			}
			super.visitFromString(string);
		}

		@Override
		public void visitFromArray(COSArray array) throws IOException {
			if (array == byteRange) {
				byteRangeStart = getStandardOutput().getPos();
			}
			super.visitFromArray(array);
		}

	}

}
