package fr.jalon.certificate;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collection;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/** Checks a signed PDF as a reader would: the CMS signature over the byte ranges it declares. */
final class SignedPdfs {

	private SignedPdfs() {
	}

	/** The PDF's only signature dictionary. */
	static PDSignature signature(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return document.getSignatureDictionaries().stream().reduce((a, b) -> {
				throw new AssertionError("more than one signature");
			}).orElseThrow(() -> new AssertionError("no signature"));
		}
	}

	/**
	 * Whether the signature of {@code signature} verifies over {@code pdf}'s signed ranges, made by the key of
	 * {@code signer}.
	 */
	static boolean verifies(PDSignature signature, byte[] pdf, X509Certificate signer) throws Exception {
		// /Contents is padded with zeros after the DER signature: read the one object it holds.
		ContentInfo signed;
		try (ASN1InputStream in = new ASN1InputStream(signature.getContents(pdf))) {
			signed = ContentInfo.getInstance(in.readObject());
		}
		CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)), signed);
		Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
		if (signers.size() != 1) {
			return false;
		}
		SignerInformation information = signers.iterator().next();
		@SuppressWarnings("unchecked")
		Collection<X509CertificateHolder> certificates = cms.getCertificates().getMatches(information.getSID());
		X509CertificateHolder embedded = certificates.iterator().next();
		if (signer != null && !embedded.equals(new X509CertificateHolder(signer.getEncoded()))) {
			return false;
		}
		try {
			return information.verify(new JcaSimpleSignerInfoVerifierBuilder().build(embedded));
		}
		catch (org.bouncycastle.cms.CMSSignerDigestMismatchException ex) {
			return false;
		}
	}

	/** The one signer of the PDF's CMS signature, as parsed from its {@code /Contents}. */
	static SignerInformation signer(PDSignature signature, byte[] pdf) throws Exception {
		ContentInfo signed;
		try (ASN1InputStream in = new ASN1InputStream(signature.getContents(pdf))) {
			signed = ContentInfo.getInstance(in.readObject());
		}
		CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)), signed);
		Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
		if (signers.size() != 1) {
			throw new AssertionError(signers.size() + " signers");
		}
		return signers.iterator().next();
	}

	/** The byte ranges the signature covers must be the whole file but its {@code /Contents}. */
	static boolean coversWholeFile(PDSignature signature, byte[] pdf) {
		int[] range = signature.getByteRange();
		return range.length == 4 && range[0] == 0 && range[2] + range[3] == pdf.length
				&& pdf[range[1]] == '<' && pdf[range[2] - 1] == '>';
	}

}
