package fr.jalon.certificate;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;

import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A certificate drawn but not yet written: written once, on the thread that drew it (its font is that thread's).
 */
final class CertificateDocument implements Closeable {

	private final PDDocument document;

	private final PDType0Font font;

	private boolean written;

	CertificateDocument(PDDocument document, PDType0Font font) {
		this.document = document;
		this.font = font;
	}

	PDDocument document() {
		return document;
	}

	/** The document as it is, unsigned. */
	byte[] save() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
		write(new COSWriter(out, CompressParameters.NO_COMPRESSION));
		return out.toByteArray();
	}

	/**
	 * Writes the document with {@code writer} as {@link PDDocument#save(java.io.OutputStream, CompressParameters)}
	 * does with its own: the font subset first, a classic cross-reference table, no object streams.
	 */
	void write(COSWriter writer) throws IOException {
		if (written) {
			throw new IllegalStateException("a certificate is written once");
		}
		written = true;
		font.subset();
		document.getDocument().setIsXRefStream(false);
		writer.write(document);
	}

	@Override
	public void close() throws IOException {
		document.close();
	}

}
