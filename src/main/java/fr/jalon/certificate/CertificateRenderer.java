package fr.jalon.certificate;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.DeflaterOutputStream;

import javax.xml.transform.TransformerException;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.DateConverter;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * Draws a certificate on one A4 page, in French, as a PDF/A-2b document: an embedded Unicode font,
 * XMP metadata that matches the document information, an sRGB output intent, and a QR code of the
 * public verification address drawn as vector squares. Thread-safe: each call builds its own document, and the
 * font, the colour profile and the XMP packet are prepared once.
 */
final class CertificateRenderer {

	static final String AUTHOR = "Jalon";

	static final String PRODUCER = "Jalon (Apache PDFBox)";

	private static final float MARGIN = 56;

	private static final float[] BLUE = { 0f, 0f, 145 / 255f };

	private static final float[] INK = { 22 / 255f, 22 / 255f, 22 / 255f };

	private static final float[] GREY = { 83 / 255f, 83 / 255f, 83 / 255f };

	private static final float[] PALE_BLUE = { 227 / 255f, 227 / 255f, 253 / 255f };

	private static final Map<EncodeHintType, Object> QR_HINTS = Map.of(EncodeHintType.MARGIN, 0,
			EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8");

	private static final Pattern BLANKS = Pattern.compile("[ \\t\\n]+");

	/** Stands for the title in {@link #xmp}, and cannot be one (titles are escaped). */
	private static final String TITLE_MARK = "<JALON-TITLE>";

	/** An arbitrary date, whose form in the XMP packet stands for the certificate's. */
	private static final Calendar DATE_PLACEHOLDER = GregorianCalendar
		.from(ZonedDateTime.of(1999, 9, 9, 9, 9, 9, 0, ZoneOffset.UTC));

	private static final String DATE_MARK = DateConverter.toISO8601(DATE_PLACEHOLDER);

	private static final String SRGB = "sRGB IEC61966-2.1";

	private static final MessageDigest SHA_256;

	static {
		try {
			SHA_256 = MessageDigest.getInstance("SHA-256");
			SHA_256.clone();
		}
		catch (NoSuchAlgorithmException | CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private final CertificateFont font = new CertificateFont();

	/** The sRGB profile, as it is embedded: compressed once. */
	private final byte[] srgb;

	/** The XMP packet with {@link #TITLE_MARK} and {@link #DATE_MARK} for the title and the date. */
	private final String xmp;

	/** Every line shaped and measured by PDFBox, as it does by itself: to compare with, in tests. */
	private final boolean reference;

	CertificateRenderer() {
		this(false);
	}

	/** {@code reference}: draws as PDFBox does by itself, every line shaped and measured by the font. */
	CertificateRenderer(boolean reference) {
		this.reference = reference;
		this.srgb = deflate(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
		this.xmp = xmp();
	}

	/** The certificate as an unsigned PDF/A-2b document. */
	byte[] render(CertificateContent certificate) throws IOException {
		try (CertificateDocument document = draw(certificate)) {
			return document.save();
		}
	}

	/**
	 * The certificate drawn as a PDF/A-2b document, not yet written: to write on this thread, and close. Text goes
	 * through PDFBox's GSUB shaping only when some line needs it (see {@link CertificateFont}).
	 */
	CertificateDocument draw(CertificateContent certificate) throws IOException {
		if (!reference) {
			try {
				return draw(certificate, false);
			}
			catch (ShapingNeeded ex) {
				// drawn again below, shaped
			}
		}
		return draw(certificate, true);
	}

	private CertificateDocument draw(CertificateContent certificate, boolean shaped) throws IOException {
		PDDocument document = new PDDocument();
		try {
			document.setVersion(1.7f);
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			PDType0Font type0 = PDType0Font.load(document, font.forThisThread(shaped), true);
			try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
				draw(new Canvas(stream, type0, page.getMediaBox().getWidth(), shaped ? null : font,
						reference ? null : font), certificate);
			}
			describe(document, certificate);
			return new CertificateDocument(document, type0);
		}
		catch (IOException | RuntimeException ex) {
			document.close();
			throw ex;
		}
	}

	private static void draw(Canvas canvas, CertificateContent certificate) throws IOException {
		float top = 800;
		canvas.text("RÉPUBLIQUE FRANÇAISE", MARGIN, top, 9, INK);
		canvas.rightAligned("Jalon — labels et programmes territoriaux", top, 9, GREY);
		canvas.box(MARGIN, top - 14, canvas.width - 2 * MARGIN, 2, BLUE);

		float y = 735;
		float headingSize = Math.min(26,
				26 * (canvas.width - 2 * MARGIN) / canvas.widthOf(certificate.heading(), 26));
		y = canvas.centeredLines(certificate.heading(), y, headingSize, 30, BLUE);
		y = canvas.centeredLines("Programme " + certificate.programmeName(), y - 4, 13, 17, GREY);

		y = canvas.centeredLines("Ce certificat atteste que", y - 50, 11, 15, GREY);
		y = canvas.centeredLines(certificate.collectivite(), y - 10, 22, 26, INK);
		y = canvas.centeredLines("pour le projet", y - 8, 11, 15, GREY);
		y = canvas.centeredLines("«\u00a0" + certificate.title() + "\u00a0»", y - 6, 16, 21, INK);
		y = canvas.centeredLines("a atteint le niveau", y - 8, 11, 15, GREY);

		List<String> level = canvas.wrap(certificate.level(), 15, canvas.width - 2 * MARGIN - 32);
		float band = 22 + 19 * level.size();
		canvas.box(MARGIN, y - band + 8, canvas.width - 2 * MARGIN, band, PALE_BLUE);
		y = canvas.centeredLines(certificate.level(), y - 14, 15, 19, BLUE);

		y -= 64;
		String referential = certificate.programmeName() + ", version " + certificate.referentialVersion();
		String[][] facts = { { "Décision", certificate.decidedBy() },
				{ "Date de la décision", FrenchDates.format(certificate.decidedAt()) },
				{ "Référentiel", referential }, { "Délivré le", FrenchDates.format(certificate.issuedAt()) },
				{ "Code du certificat", certificate.code() } };
		for (String[] fact : facts) {
			canvas.text(fact[0], MARGIN, y, 10.5f, GREY);
			y = canvas.lines(fact[1], MARGIN + 150, y, 10.5f, 15, INK, canvas.width - 2 * MARGIN - 150) - 5;
		}

		float qrSize = 112;
		float qrBottom = 64;
		canvas.box(MARGIN, qrBottom + qrSize + 22, canvas.width - 2 * MARGIN, 0.5f, GREY);
		canvas.qr(certificate.verificationUrl(), MARGIN, qrBottom, qrSize);
		float x = MARGIN + qrSize + 24;
		float width = canvas.width - MARGIN - x;
		float line = qrBottom + qrSize - 10;
		line = canvas.lines("Vérifier ce certificat", x, line, 12, 16, BLUE, width);
		line = canvas.lines("Scannez le code QR ou ouvrez l’adresse :", x, line - 2, 9.5f, 13, GREY, width);
		line = canvas.lines(certificate.verificationUrl(), x, line, 9.5f, 13, INK, width);
		line = canvas.lines("La page indique si le certificat est toujours valide ou s’il a été révoqué.", x,
				line - 4, 9.5f, 13, GREY, width);
		canvas.lines("Ce document est signé électroniquement par Jalon ; toute modification en invalide la signature.",
				x, line - 4, 9.5f, 13, GREY, width);

		canvas.centeredLines(certificate.code() + " — délivré par Jalon pour les services de l’État", 36, 8, 10,
				GREY);
	}

	/** Document information, the matching XMP metadata (PDF/A-2b identification), the sRGB intent and the id. */
	private void describe(PDDocument document, CertificateContent certificate) throws IOException {
		String title = certificate.heading() + " — " + certificate.collectivite() + " — " + certificate.code();
		Calendar created = GregorianCalendar.from(certificate.issuedAt().atZone(ZoneOffset.UTC));

		PDDocumentInformation information = document.getDocumentInformation();
		information.setTitle(title);
		information.setAuthor(AUTHOR);
		information.setCreator(AUTHOR);
		information.setProducer(PRODUCER);
		information.setCreationDate(created);

		PDDocumentCatalog catalog = document.getDocumentCatalog();
		PDMetadata metadata = new PDMetadata(document);
		metadata.importXMPMetadata(xmp.replace(DATE_MARK, DateConverter.toISO8601(created))
			.replace(TITLE_MARK, escapeXml(title))
			.getBytes(StandardCharsets.UTF_8));
		catalog.setMetadata(metadata);
		catalog.setLanguage("fr-FR");

		COSStream profile = document.getDocument().createCOSStream();
		profile.setItem(COSName.FILTER, COSName.FLATE_DECODE);
		profile.setInt(COSName.N, 3);
		try (OutputStream out = profile.createRawOutputStream()) {
			out.write(srgb);
		}
		COSDictionary dictionary = new COSDictionary();
		dictionary.setItem(COSName.TYPE, COSName.OUTPUT_INTENT);
		dictionary.setItem(COSName.S, COSName.GTS_PDFA1);
		dictionary.setItem(COSName.DEST_OUTPUT_PROFILE, profile);
		PDOutputIntent intent = new PDOutputIntent(dictionary);
		intent.setInfo(SRGB);
		intent.setOutputCondition(SRGB);
		intent.setOutputConditionIdentifier(SRGB);
		intent.setRegistryName("http://www.color.org");
		catalog.addOutputIntent(intent);

		byte[] id = Arrays.copyOf(sha256(certificate.code().getBytes(StandardCharsets.US_ASCII)), 16);
		COSArray ids = new COSArray();
		ids.add(new COSString(id));
		ids.add(new COSString(id));
		document.getDocument().setDocumentID(ids);
	}

	/** The XMP packet, serialized once by xmpbox with marks for the title and the date. */
	private static String xmp() {
		XMPMetadata xmp = XMPMetadata.createXMPMetadata();
		DublinCoreSchema dublinCore = xmp.createAndAddDublinCoreSchema();
		dublinCore.setTitle(TITLE_MARK);
		dublinCore.addCreator(AUTHOR);
		dublinCore.addLanguage("fr-FR");
		XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
		basic.setCreatorTool(AUTHOR);
		basic.setCreateDate(DATE_PLACEHOLDER);
		AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
		pdf.setProducer(PRODUCER);
		PDFAIdentificationSchema identification = xmp.createAndAddPDFAIdentificationSchema();
		ByteArrayOutputStream serialized = new ByteArrayOutputStream();
		try {
			identification.setPart(2);
			identification.setConformance("B");
			new XmpSerializer().serialize(xmp, serialized, true);
		}
		catch (BadFieldValueException | TransformerException ex) {
			throw new IllegalStateException("XMP metadata", ex);
		}
		String packet = serialized.toString(StandardCharsets.UTF_8);
		String escapedMark = escapeXml(TITLE_MARK);
		if (!packet.contains(escapedMark) || !packet.contains(DATE_MARK)) {
			throw new IllegalStateException("XMP template without its marks: " + packet);
		}
		return packet.replace(escapedMark, TITLE_MARK);
	}

	/** Text as XML character data that reads back the same (a carriage return too, which parsers would drop). */
	static String escapeXml(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;");
	}

	private static byte[] deflate(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
			deflater.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return ((MessageDigest) SHA_256.clone()).digest(bytes);
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Thrown while drawing unshaped text that needs shaping: the certificate is drawn again, shaped. */
	private static final class ShapingNeeded extends RuntimeException {

		ShapingNeeded() {
			super(null, null, false, false);
		}

	}

	/** Text, boxes and the QR code on one page; y grows upwards, as in PDF. */
	private static final class Canvas {

		private final PDPageContentStream stream;

		private final PDType0Font font;

		private final float width;

		/** When drawing without shaping, to check each line; {@code null} when shaped. */
		private final CertificateFont unshaped;

		/** The widths of characters, measured once; {@code null} to measure every text with the font. */
		private final CertificateFont widths;

		Canvas(PDPageContentStream stream, PDType0Font font, float width, CertificateFont unshaped,
				CertificateFont widths) {
			this.stream = stream;
			this.font = font;
			this.width = width;
			this.unshaped = unshaped;
			this.widths = widths;
		}

		void text(String text, float x, float y, float size, float[] color) throws IOException {
			if (unshaped != null && unshaped.needsShaping(text)) {
				throw new ShapingNeeded();
			}
			stream.beginText();
			stream.setFont(font, size);
			stream.setNonStrokingColor(color[0], color[1], color[2]);
			stream.newLineAtOffset(x, y);
			stream.showText(text);
			stream.endText();
		}

		void rightAligned(String text, float y, float size, float[] color) throws IOException {
			text(text, width - MARGIN - widthOf(text, size), y, size, color);
		}

		/** Centred lines wrapped to the page; the baseline of the line after the last. */
		float centeredLines(String text, float y, float size, float leading, float[] color) throws IOException {
			for (String line : wrap(text, size, width - 2 * MARGIN)) {
				text(line, (width - widthOf(line, size)) / 2, y, size, color);
				y -= leading;
			}
			return y;
		}

		/** Left-aligned lines wrapped to {@code max}; the baseline of the line after the last. */
		float lines(String text, float x, float y, float size, float leading, float[] color, float max)
				throws IOException {
			for (String line : wrap(text, size, max)) {
				text(line, x, y, size, color);
				y -= leading;
			}
			return y;
		}

		void box(float x, float y, float w, float h, float[] color) throws IOException {
			stream.setNonStrokingColor(color[0], color[1], color[2]);
			stream.addRect(x, y, w, h);
			stream.fill();
		}

		/** The QR code of {@code content}, {@code size} points wide, its lower left corner at (x, y). */
		void qr(String content, float x, float y, float size) throws IOException {
			BitMatrix matrix;
			try {
				matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, QR_HINTS);
			}
			catch (WriterException ex) {
				throw new IOException("QR code", ex);
			}
			int modules = matrix.getWidth();
			float module = size / modules;
			stream.setNonStrokingColor(0f, 0f, 0f);
			for (int row = 0; row < modules; row++) {
				int column = 0;
				while (column < modules) {
					if (!matrix.get(column, row)) {
						column++;
						continue;
					}
					int start = column;
					while (column < modules && matrix.get(column, row)) {
						column++;
					}
					stream.addRect(x + start * module, y + size - (row + 1) * module, (column - start) * module,
							module);
				}
			}
			stream.fill();
		}

		/** As {@link PDType0Font#getStringWidth}, which adds the width of each character in turn. */
		float widthOf(String text, float size) throws IOException {
			if (widths == null) {
				return font.getStringWidth(text) / 1000 * size;
			}
			float sum = 0;
			for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
				sum += widths.width(text.codePointAt(i), font);
			}
			return sum / 1000 * size;
		}

		/** Words to lines no wider than {@code max}; a word too long for a line (an address) is cut. */
		List<String> wrap(String text, float size, float max) throws IOException {
			List<String> lines = TextLines.wrap(BLANKS.split(text.strip()), max, part -> widthOf(part, size));
			if (lines.get(lines.size() - 1).isEmpty()) {
				lines.remove(lines.size() - 1);
			}
			return lines;
		}

	}

}
