package fr.jalon.candidacy;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.Name;
import fr.jalon.system.SingleLine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import fr.jalon.candidacy.CandidacyView.DocumentView;
import fr.jalon.referential.Referential;
import fr.jalon.security.JalonUser;
import fr.jalon.system.PlainText;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.system.TooLarge;
import fr.jalon.system.UnsupportedContent;

import org.apache.tika.Tika;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The documents of a dossier: PDF, PNG or JPEG, judged on their bytes, 20 MB at most, kept with their SHA-256. */
@Service
@Validated
public class DocumentService {

	public static final long MAX_SIZE = 20L * 1024 * 1024;

	/** The longest file name kept, as most file systems allow. */
	static final int MAX_NAME = 255;

	/** The extensions of each accepted type, the one a stored name takes first. */
	private static final Map<String, List<String>> EXTENSIONS = Map.of("application/pdf", List.of("pdf"), "image/png",
			List.of("png"), "image/jpeg", List.of("jpg", "jpeg"));

	static final Set<String> ACCEPTED = Set.of("application/pdf", "image/png", "image/jpeg");

	private static final Pattern UNSAFE = Pattern.compile("[\\p{Cntrl}\\\\/:*?\"<>|]");

	private final CandidacyService candidacies;

	private final Documents documents;

	private final DocumentContents contents;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Tika tika = new Tika();

	DocumentService(CandidacyService candidacies, Documents documents, DocumentContents contents,
			ApplicationEventPublisher events, Clock clock) {
		this.candidacies = candidacies;
		this.documents = documents;
		this.contents = contents;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public DocumentView upload(JalonUser user, @SingleLine String id, @SingleLine String type,
			@Name(max = MAX_NAME) String file, byte[] bytes) {
		candidacies.lock(id);
		Candidacy candidacy = candidacies.visible(user, id);
		if (!user.owns(candidacy)) {
			throw new Forbidden("Seule la collectivité candidate dépose des documents dans son dossier.");
		}
		candidacy.requireInProgress();
		List<String> types = documentTypes(candidacy);
		if (type == null || !types.contains(type)) {
			throw InvalidInput.of("type", "Type de document inconnu : « " + PlainText.excerpt(type)
					+ " » ; types possibles : " + String.join(", ", types) + ".");
		}
		CheckedFile checked = check("file", file, bytes);
		Document document = new Document(candidacy.id(), type, checked.name(), checked.contentType(), checked.size(),
				checked.sha256(), user.getUsername(), clock.instant());
		documents.save(document);
		contents.save(new DocumentContent(document.id(), bytes));
		String label = candidacies.referentialOf(candidacy).documentType(type).map(Referential.Label::label).orElse(type);
		candidacy.record(clock.instant(), "DOCUMENT_UPLOADED", user.getUsername(), null,
				label + " : " + document.filename());
		events.publishEvent(AuditEvent.onCandidacy(user.getUsername(), "DOCUMENT_UPLOADED", candidacy.id(),
				type + " " + document.filename() + " sha256=" + document.sha256()));
		return DocumentView.of(document);
	}

	/**
	 * The checks every file sent to Jalon passes (a document, a message's attachment): not empty (400 naming
	 * {@code field}), {@value #MAX_SIZE} bytes at most (413), a PDF, PNG or JPEG judged on its bytes (415); the
	 * file as it is kept: its {@link #storedName stored name}, type, size and SHA-256.
	 */
	public CheckedFile check(String field, String filename, byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw InvalidInput.of(field, "Le fichier est vide.");
		}
		if (bytes.length > MAX_SIZE) {
			throw new TooLarge("Un document ne peut dépasser 20 Mo.");
		}
		String contentType = tika.detect(bytes);
		if (!ACCEPTED.contains(contentType)) {
			throw new UnsupportedContent(
					"Seuls les documents PDF, PNG ou JPEG sont acceptés ; ce fichier est de type " + contentType + ".");
		}
		return new CheckedFile(storedName(filename, contentType), contentType, bytes.length, sha256(bytes));
	}

	/** A file that passed {@link #check}: as it is stored and downloaded. */
	public record CheckedFile(String name, String contentType, long size, String sha256) {
	}

	/** The kinds of documents the candidacy's dossier may hold: those its programme declares. */
	@Transactional(readOnly = true)
	public List<String> documentTypes(String candidacyId) {
		return documentTypes(candidacies.candidacy(candidacyId));
	}

	private List<String> documentTypes(Candidacy candidacy) {
		return candidacies.referentialOf(candidacy).documentTypes().stream().map(Referential.Label::id).toList();
	}

	@Transactional(readOnly = true)
	public StoredDocument download(JalonUser user, @SingleLine String id, @SingleLine String documentId) {
		Candidacy candidacy = candidacies.visible(user, id);
		Document document = documents.findByIdAndCandidacyId(documentId, candidacy.id())
			.orElseThrow(() -> new NotFound("Document introuvable : " + documentId + "."));
		byte[] bytes = contents.findById(document.id()).orElseThrow().content();
		return new StoredDocument(document.filename(), document.contentType(), document.sha256(), bytes);
	}

	/**
	 * The name a document is stored and downloaded under: its {@link #safeName safe name}, ending with the
	 * extension of the type its bytes are, so that it opens as what it is. A name that already ends so
	 * (in any case) is kept; any other keeps what its sender called it and takes the extension after it:
	 * a JPEG sent as {@code img.html} is {@code img.html.jpg}, a PDF sent as {@code charte} is
	 * {@code charte.pdf}.
	 */
	static String storedName(String filename, String contentType) {
		String name = safeName(filename);
		List<String> extensions = EXTENSIONS.get(contentType);
		int dot = name.lastIndexOf('.');
		if (dot >= 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
			return name;
		}
		String extension = "." + extensions.get(0);
		return (name.length() + extension.length() > MAX_NAME ? name.substring(0, MAX_NAME - extension.length()) : name)
				+ extension;
	}

	/** The last path segment, without control or reserved characters, 255 characters at most. */
	static String safeName(String filename) {
		String name = filename == null ? "" : filename;
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = UNSAFE.matcher(name).replaceAll("_").strip();
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			name = "document";
		}
		else if (name.startsWith(".")) {
			name = "document" + name; // no hidden file: « .pdf » is « document.pdf »
		}
		return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public record StoredDocument(String filename, String contentType, String sha256, byte[] content) {
	}

}
