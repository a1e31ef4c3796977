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
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.xmpbox.DateConverter;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;

import fr.jalon.system.French;
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
				draw(new Canvas(stream, type0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight(),
						shaped ? null : font,
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

	/**
	 * The page, framed: the State's identity bloc top left and the issuing authority top right; the heading, the
	 * sentence that says what is attested and the level in a band; the facts in a table; the QR code and how to
	 * check the certificate bottom left, the signatory block bottom right; the code at the foot.
	 */
	private static void draw(Canvas canvas, CertificateContent certificate) throws IOException {
		float width = canvas.width;
		float height = canvas.height;
		float inner = width - 2 * MARGIN;
		canvas.frame(20, 1.6f, BLUE);
		canvas.frame(25, 0.5f, BLUE);

		// The State's identity, as the DSFR's bloc-marque sets it (text only: no Marianne image is shipped).
		float top = height - 70;
		canvas.text("RÉPUBLIQUE", MARGIN, top, 12.5f, INK, true);
		canvas.text("FRANÇAISE", MARGIN, top - 14, 12.5f, INK, true);
		canvas.text("Liberté", MARGIN, top - 31, 8.5f, INK, false);
		canvas.text("Égalité", MARGIN, top - 41, 8.5f, INK, false);
		canvas.text("Fraternité", MARGIN, top - 51, 8.5f, INK, false);
		float y = top;
		for (String part : certificate.issuer().split(" — ")) {
			y = canvas.rightAlignedLines(part, y, 10.5f, 14, BLUE, 230, true) - 2;
		}
		float rule = Math.min(top - 68, y - 8);
		canvas.box(MARGIN, rule, inner, 1, BLUE);

		// What is attested.
		y = rule - 62;
		float headingSize = Math.min(28, 28 * inner / canvas.widthOf(certificate.heading(), 28));
		y = canvas.centeredLines(certificate.heading(), y, headingSize, 32, BLUE, true);
		y = canvas.centeredLines(French.typeset("Programme " + certificate.programmeName()), y - 2, 13, 17, GREY, false);
		canvas.box((width - 60) / 2, y - 4, 60, 2, BLUE);

		String name = French.typeset(certificate.collectivite());
		String que = French.que(certificate.collectivite());
		String lead = "Ce certificat atteste " + que.substring(0, que.length() - name.length());
		y = canvas.centeredLead(lead, 13, GREY, name, 24, INK, y - 44, 28);
		y = canvas.centeredLines("pour le projet", y - 4, 12, 16, GREY, false);
		y = canvas.centeredLines(French.typeset("« " + certificate.title() + " »"), y - 8, 17, 22, INK, false);
		y = canvas.centeredLines(French.typeset("a obtenu la reconnaissance suivante :"), y - 4, 12, 16, GREY,
				false);
		List<String> level = canvas.wrap(certificate.level(), 16, inner - 40);
		float band = 24 + 20 * level.size();
		canvas.box(MARGIN, y - band + 6, inner, band, PALE_BLUE);
		canvas.box(MARGIN, y - band + 6, 4, band, BLUE);
		y = canvas.centeredLines(French.typeset(certificate.level()), y - 15, 16, 20, BLUE, true) - 4;

		// The facts, in a table.
		float bottomBlock = 236;
		String referential = certificate.programmeName() + ", version " + certificate.referentialVersion();
		String[][] facts = { { "Décision", certificate.decidedBy() },
				{ "Date de la décision", French.date(certificate.decidedAt()) },
				{ "Référentiel", referential }, { "Délivré le", French.date(certificate.issuedAt()) },
				{ "Code du certificat", certificate.code() } };
		float row = Math.max(20, Math.min(30, (y - 40 - bottomBlock) / facts.length));
		y = y - 40 + row * facts.length < bottomBlock + 10 ? y - 40 : bottomBlock + 10 + row * facts.length;
		canvas.box(MARGIN, y, inner, 0.75f, GREY);
		for (String[] fact : facts) {
			float baseline = y - row / 2 - 3.5f;
			canvas.text(fact[0], MARGIN + 8, baseline, 10.5f, GREY, false);
			float after = canvas.lines(French.typeset(fact[1]), MARGIN + 170, baseline, 10.5f, 14, INK,
					inner - 178, false);
			y = Math.min(y - row, after + 14 - row / 2 + 3.5f);
			canvas.box(MARGIN, y, inner, 0.4f, GREY);
		}

		// How to check it, bottom left.
		float qrSize = 104;
		float qrBottom = 70;
		canvas.qr(certificate.verificationUrl(), MARGIN, qrBottom, qrSize);
		float x = MARGIN + qrSize + 14;
		float textWidth = 168;
		float line = qrBottom + qrSize - 10;
		line = canvas.lines("Vérifier ce certificat", x, line, 11.5f, 15, BLUE, textWidth, true);
		line = canvas.lines(French.typeset("Scannez le code QR ou ouvrez l’adresse :"), x, line - 2, 8.5f, 11.5f,
				GREY, textWidth, false);
		String url = certificate.verificationUrl();
		int path = url.lastIndexOf("/certificats/");
		if (path > 0 && canvas.widthOf(url, 8.5f) > textWidth) { // the address on two lines, cut before its path
			line = canvas.lines(url.substring(0, path), x, line, 8.5f, 11.5f, INK, textWidth, false);
			url = url.substring(path);
		}
		line = canvas.lines(url, x, line, 8.5f, 11.5f, INK, textWidth, false);
		canvas.lines("La page indique si le certificat est toujours valide ou s’il a été révoqué.", x, line - 4,
				8.5f, 11.5f, GREY, textWidth, false);

		// The signatory block, bottom right.
		float blockWidth = 190;
		float blockLeft = width - MARGIN - blockWidth;
		float blockTop = qrBottom + qrSize + 6;
		float centre = blockLeft + blockWidth / 2;
		line = blockTop - 8;
		line = canvas.centeredLines("Fait " + French.a(certificate.place()) + ", le "
				+ French.date(certificate.issuedAt()), centre, blockWidth, line, 10, 13, INK, false);
		line = canvas.centeredLines(French.typeset(certificate.signatory()), centre, blockWidth, line - 8, 10.5f, 14,
				INK, true);
		float sealTop = line - 6;
		float sealHeight = 46;
		canvas.outline(blockLeft + 10, sealTop - sealHeight, blockWidth - 20, sealHeight, 0.75f, BLUE);
		canvas.centeredLines("Signé électroniquement", centre, blockWidth - 30, sealTop - 16, 9.5f, 12, BLUE, true);
		canvas.centeredLines(French.typeset("La signature est celle du fichier PDF ; toute modification l’invalide."),
				centre, blockWidth - 30, sealTop - 28, 7.5f, 9.5f, GREY, false);

		canvas.centeredLines(French.typeset("Certificat " + certificate.code() + " — " + certificate.issuer()), 40,
				7.5f, 10, GREY, false);
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

		private final float height;

		/** When drawing without shaping, to check each line; {@code null} when shaped. */
		private final CertificateFont unshaped;

		/** The widths of characters, measured once; {@code null} to measure every text with the font. */
		private final CertificateFont widths;

		Canvas(PDPageContentStream stream, PDType0Font font, float width, float height, CertificateFont unshaped,
				CertificateFont widths) {
			this.stream = stream;
			this.font = font;
			this.width = width;
			this.height = height;
			this.unshaped = unshaped;
			this.widths = widths;
		}

		/** A line of text; {@code bold}: filled and stroked, the one font made heavier. */
		void text(String text, float x, float y, float size, float[] color, boolean bold) throws IOException {
			if (unshaped != null && unshaped.needsShaping(text)) {
				throw new ShapingNeeded();
			}
			stream.beginText();
			stream.setFont(font, size);
			stream.setNonStrokingColor(color[0], color[1], color[2]);
			if (bold) {
				stream.setStrokingColor(color[0], color[1], color[2]);
				stream.setLineWidth(size * 0.02f);
				stream.setRenderingMode(RenderingMode.FILL_STROKE);
			}
			stream.newLineAtOffset(x, y);
			stream.showText(text);
			if (bold) {
				stream.setRenderingMode(RenderingMode.FILL);
			}
			stream.endText();
		}

		/** Lines wrapped to {@code max}, right-aligned on the margin; the baseline of the line after the last. */
		float rightAlignedLines(String text, float y, float size, float leading, float[] color, float max,
				boolean bold) throws IOException {
			for (String line : wrap(text, size, max)) {
				text(line, width - MARGIN - widthOf(line, size), y, size, color, bold);
				y -= leading;
			}
			return y;
		}

		/** Centred lines wrapped to the page; the baseline of the line after the last. */
		float centeredLines(String text, float y, float size, float leading, float[] color, boolean bold)
				throws IOException {
			return centeredLines(text, width / 2, width - 2 * MARGIN, y, size, leading, color, bold);
		}

		/** Lines wrapped to {@code max}, centred on {@code centre}; the baseline of the line after the last. */
		float centeredLines(String text, float centre, float max, float y, float size, float leading, float[] color,
				boolean bold) throws IOException {
			for (String line : wrap(text, size, max)) {
				text(line, centre - widthOf(line, size) / 2, y, size, color, bold);
				y -= leading;
			}
			return y;
		}

		/**
		 * A small lead and a large name on one centred line (« Ce certificat atteste qu’ » and « Albi »), or the
		 * lead on a line of its own when the two do not fit; the baseline of the line after the last.
		 */
		float centeredLead(String lead, float leadSize, float[] leadColor, String name, float nameSize,
				float[] nameColor, float y, float leading) throws IOException {
			float leadWidth = widthOf(lead, leadSize);
			float nameWidth = widthOf(name, nameSize);
			if (leadWidth + nameWidth <= width - 2 * MARGIN) {
				float x = (width - leadWidth - nameWidth) / 2;
				text(lead, x, y, leadSize, leadColor, false);
				text(name, x + leadWidth, y, nameSize, nameColor, true);
				return y - leading;
			}
			y = centeredLines(lead, y, leadSize, leadSize + 6, leadColor, false);
			return centeredLines(name, y - nameSize + leadSize, nameSize, leading, nameColor, true);
		}

		/** Left-aligned lines wrapped to {@code max}; the baseline of the line after the last. */
		float lines(String text, float x, float y, float size, float leading, float[] color, float max, boolean bold)
				throws IOException {
			for (String line : wrap(text, size, max)) {
				text(line, x, y, size, color, bold);
				y -= leading;
			}
			return y;
		}

		/** A rectangle's outline. */
		void outline(float x, float y, float w, float h, float lineWidth, float[] color) throws IOException {
			stream.setStrokingColor(color[0], color[1], color[2]);
			stream.setLineWidth(lineWidth);
			stream.addRect(x, y, w, h);
			stream.stroke();
		}

		/** A frame {@code inset} points inside the page's edges. */
		void frame(float inset, float lineWidth, float[] color) throws IOException {
			outline(inset, inset, width - 2 * inset, height - 2 * inset, lineWidth, color);
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
