package fr.jalon.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.model.GsubData;
import org.apache.fontbox.ttf.model.Language;
import org.apache.fontbox.ttf.model.ScriptFeature;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font of the PDFs Jalon draws (certificates, deposit receipts), Liberation Sans (shipped inside PDFBox), read once and parsed once per thread.
 * <p>
 * PDFBox applies a font's GSUB table to every word it shows, and for Latin text it compiles a regular expression
 * of every substitution each time (PDFBox 3.0.8, {@code GsubWorkerForLatin} and {@code GlyphArraySplitterRegexImpl}):
 * that was two fifths of a certificate's cost. Latin text needs no shaping unless it holds a character that starts a
 * substitution (in Liberation Sans, only the tone letters U+02E5 to U+02E9, composed by {@code ccmp}). So the font
 * comes in two forms: as shipped, for the rare text that needs shaping, and with its GSUB table hidden from PDFBox,
 * for everything else. Both draw the same glyphs for such text, and neither embeds a GSUB table (PDFBox's subset
 * keeps only the glyph tables).
 * <p>
 * A {@link TrueTypeFont} reads its tables lazily and is not thread-safe: each thread gets its own, used by one
 * document at a time (a document is drawn and written on the thread that made it).
 */
public final class CertificateFont {

	/** Liberation Sans, shipped inside PDFBox: Latin-1 and more, œ, ’, —, « », non-breaking spaces. */
	private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

	/** The features PDFBox 3.0.8 applies to Latin text, in its {@code GsubWorkerForLatin}. */
	private static final List<String> LATIN_FEATURES = List.of("ccmp", "liga", "clig");

	private final byte[] shipped;

	private final byte[] unshaped;

	/** The code points that start a substitution; {@code null} when every text must be shaped. */
	private final BitSet triggers;

	private final ThreadLocal<TrueTypeFont> plain;

	/** Widths of the characters measured so far, NaN for the others. */
	private final float[] widths = new float[Character.MAX_VALUE + 1];

	private final ThreadLocal<TrueTypeFont> shaping;

	public CertificateFont() {
		try (InputStream in = CertificateFont.class.getResourceAsStream(FONT)) {
			if (in == null) {
				throw new IllegalStateException("font not found: " + FONT);
			}
			this.shipped = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.unshaped = withoutGsub(shipped);
		this.triggers = triggers(parse(shipped));
		Arrays.fill(widths, Float.NaN);
		this.plain = ThreadLocal.withInitial(() -> parse(unshaped));
		this.shaping = ThreadLocal.withInitial(() -> parse(shipped));
	}

	/**
	 * The width of a character in thousandths of the font size, as {@code font} (made from this font) gives it;
	 * measured once for a character of the Basic Multilingual Plane. A character without a glyph is refused, as
	 * PDFBox refuses it, every time.
	 */
	float width(int codePoint, PDType0Font font) throws IOException {
		if (codePoint >= widths.length) {
			return font.getStringWidth(Character.toString(codePoint));
		}
		float width = widths[codePoint];
		if (Float.isNaN(width)) {
			width = font.getStringWidth(Character.toString(codePoint));
			widths[codePoint] = width; // the same value from any thread
		}
		return width;
	}

	/** Whether PDFBox's shaping could change how {@code text} is drawn. */
	boolean needsShaping(String text) {
		return triggers == null || text.codePoints().anyMatch(triggers::get);
	}

	/** This thread's font: without GSUB, or as shipped when some text needs shaping. */
	public TrueTypeFont forThisThread(boolean shaped) {
		return shaped ? shaping.get() : plain.get();
	}

	private static TrueTypeFont parse(byte[] font) {
		try {
			return new TTFParser().parse(new RandomAccessReadBuffer(font));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot parse " + FONT, ex);
		}
	}

	private static BitSet triggers(TrueTypeFont font) {
		try {
			GsubData gsub = font.getGsubData();
			BitSet triggers = new BitSet();
			if (gsub == GsubData.NO_DATA_FOUND) {
				return triggers;
			}
			if (gsub.getLanguage() != Language.LATIN) {
				return null;
			}
			CmapLookup cmap = font.getUnicodeCmapLookup();
			for (String name : LATIN_FEATURES) {
				if (!gsub.isFeatureSupported(name)) {
					continue;
				}
				ScriptFeature feature = gsub.getFeature(name);
				// A later feature's sequence starts with a glyph of the text or with one an earlier feature made.
				for (List<Integer> glyphs : feature.getAllGlyphIdsForSubstitution()) {
					List<Integer> codePoints = cmap.getCharCodes(glyphs.get(0));
					if (codePoints != null) {
						codePoints.forEach(triggers::set);
					}
				}
			}
			return triggers;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the GSUB table of " + FONT, ex);
		}
	}

	/** The font with its {@code GSUB} table renamed in the table directory, so that PDFBox ignores it. */
	static byte[] withoutGsub(byte[] font) {
		byte[] copy = font.clone();
		ByteBuffer directory = ByteBuffer.wrap(copy);
		int tables = directory.getShort(4) & 0xffff;
		byte[] gsub = "GSUB".getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < tables; i++) {
			int record = 12 + 16 * i;
			if (directory.getInt(record) == ByteBuffer.wrap(gsub).getInt()) {
				// An unregistered tag: PDFBox reads it as an unknown table and never embeds it.
				System.arraycopy("gsub".getBytes(StandardCharsets.US_ASCII), 0, copy, record, 4);
			}
		}
		return copy;
	}

}
