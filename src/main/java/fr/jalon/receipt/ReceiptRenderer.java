package fr.jalon.receipt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;

import fr.jalon.certificate.CertificateFont;
import fr.jalon.system.French;
import fr.jalon.certificate.TextLines;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * A deposit receipt as a PDF (A4, PDFBox), in the certificates' font and French dates; as many pages as its
 * documents need. A character the font lacks is drawn as « ? ».
 */
@Component
class ReceiptRenderer {


	private static final float MARGIN = 56;

	private static final float BOTTOM = 60;

	private final CertificateFont font = new CertificateFont();

	byte[] render(DepositReceipts.ReceiptContent content) throws IOException {
		try (PDDocument document = new PDDocument()) {
			TrueTypeFont ttf = font.forThisThread(true);
			PDType0Font type0 = PDType0Font.load(document, ttf, true);
			ReceiptView receipt = content.receipt();
			PDDocumentInformation info = document.getDocumentInformation();
			info.setTitle("Accusé de réception " + receipt.reference());
			info.setCreator("Jalon");
			Calendar created = GregorianCalendar.from(receipt.at().atZone(French.PARIS));
			info.setCreationDate(created);
			try (Writer writer = new Writer(document, type0, ttf.getUnicodeCmapLookup())) {
				writer.line("Accusé de réception", 20, 30);
				writer.line("N° " + receipt.reference(), 12, 24);
				writer.line("Collectivité : " + content.collectivite(), 11, 16);
				writer.line("Programme : " + content.programme(), 11, 16);
				writer.line("Candidature : " + content.title(), 11, 16);
				writer.line("Identifiant de la candidature : " + content.candidacyId(), 9, 14);
				writer.line("Étape : " + receipt.stepName(), 11, 16);
				writer.line("Déposé le " + French.dateTime(receipt.at()) + " (heure de Paris), par " + receipt.actor(),
						11, 24);
				writer.line(receipt.documents().isEmpty() ? "Aucun document au dossier à cette date."
						: "Documents du dossier à cette date (" + receipt.documents().size() + ") :", 12, 20);
				for (ReceiptView.Line line : receipt.documents()) {
					writer.line("• " + line.typeName() + " : " + line.filename(), 10, 13);
					writer.line("   SHA-256 " + line.sha256(), 8, 16);
				}
				writer.line("", 10, 10);
				writer.line("Jalon atteste avoir reçu ce dépôt à la date indiquée. L'empreinte SHA-256 de chaque "
						+ "document permet de vérifier qu'un fichier est celui déposé.", 9, 12);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
			document.save(out);
			return out.toByteArray();
		}
	}

	/** Lines down the page, wrapped by width, onto a new page when one is full. */
	private static final class Writer implements AutoCloseable {

		private final PDDocument document;

		private final PDType0Font font;

		private final CmapLookup cmap;

		private PDPageContentStream stream;

		private float y;

		private float width;

		Writer(PDDocument document, PDType0Font font, CmapLookup cmap) throws IOException {
			this.document = document;
			this.font = font;
			this.cmap = cmap;
			newPage();
		}

		private void newPage() throws IOException {
			if (stream != null) {
				stream.close();
			}
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			stream = new PDPageContentStream(document, page);
			width = page.getMediaBox().getWidth() - 2 * MARGIN;
			y = page.getMediaBox().getHeight() - MARGIN;
		}

		void line(String text, float size, float leading) throws IOException {
			for (String part : wrap(drawable(text), size)) {
				if (y - leading < BOTTOM) {
					newPage();
				}
				y -= leading;
				if (!part.isEmpty()) {
					stream.beginText();
					stream.setFont(font, size);
					stream.newLineAtOffset(MARGIN, y);
					stream.showText(part);
					stream.endText();
				}
			}
		}

		/** The text with « ? » for each character the font has no glyph for, and no control character. */
		private String drawable(String text) {
			StringBuilder out = new StringBuilder();
			text.codePoints().forEach(point -> {
				if (Character.isISOControl(point)) {
					out.append(' ');
				}
				else if (cmap.getGlyphId(point) == 0) {
					out.append('?');
				}
				else {
					out.appendCodePoint(point);
				}
			});
			return out.toString();
		}

		private List<String> wrap(String text, float size) throws IOException {
			return TextLines.wrap(text.split(" ", -1), width, part -> widthOf(part, size));
		}

		private float widthOf(String text, float size) throws IOException {
			return font.getStringWidth(text) / 1000 * size;
		}

		@Override
		public void close() throws IOException {
			stream.close();
		}

	}

}
