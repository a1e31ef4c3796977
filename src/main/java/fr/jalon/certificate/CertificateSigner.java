package fr.jalon.certificate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a PDF with Jalon's key: an invisible signature field and a detached CMS signature
 * ({@code adbe.pkcs7.detached}, SHA-256 with RSA, DER) over the whole file but the signature itself,
 * appended as an incremental update so that the PDF/A document stays as rendered. Thread-safe.
 */
final class CertificateSigner {

	private final SigningKey key;

	CertificateSigner(SigningKey key) {
		this.key = key;
	}

	byte[] sign(byte[] pdf, Instant at) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
			PDSignature signature = new PDSignature();
			signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
			signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
			signature.setName("Jalon");
			signature.setLocation("France");
			signature.setReason("Certificat délivré par Jalon");
			signature.setSignDate(GregorianCalendar.from(at.atZone(ZoneOffset.UTC)));
			document.addSignature(signature, this::cms, options);
			ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16 * 1024);
			document.saveIncremental(out);
			return out.toByteArray();
		}
	}

	private byte[] cms(InputStream content) throws IOException {
		try {
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(
					new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
						.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.privateKey()), key.certificate()));
			generator.addCertificates(new JcaCertStore(List.of(key.certificate())));
			return generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false)
				.getEncoded(ASN1Encoding.DER);
		}
		catch (CMSException | OperatorCreationException | CertificateEncodingException ex) {
			throw new IOException("Cannot sign the certificate", ex);
		}
	}

}
