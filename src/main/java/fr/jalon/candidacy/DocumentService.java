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

import fr.jalon.system.Conflict;

import org.apache.tika.Tika;
import org.springframework.context.event.EventListener;
import org.springframework.http.ContentDisposition;
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
		Candidacy candidacy = ownDossier(user, id);
		List<String> types = documentTypes(candidacy);
		if (type == null || !types.contains(type)) {
			throw InvalidInput.of("type", "Type de document inconnu : « " + PlainText.excerpt(type)
					+ " » ; types possibles : " + String.join(", ", types) + ".");
		}
		Document document = store(user, candidacy, type, file, bytes);
		candidacy.record(clock.instant(), "DOCUMENT_UPLOADED", user.getUsername(), null,
				label(candidacy, type) + " : " + document.filename());
		events.publishEvent(AuditEvent.onCandidacy(user.getUsername(), "DOCUMENT_UPLOADED", candidacy.id(),
				type + " " + document.filename() + " sha256=" + document.sha256()));
		return DocumentView.of(document);
	}

	/**
	 * A new version of a document of the dossier, of its type, checked as an {@link #upload}: the old one is kept,
	 * superseded, and the history records both SHA-256. Only a current version (neither superseded nor withdrawn)
	 * is replaced, else a {@link Conflict}.
	 */
	@Transactional
	public DocumentView replace(JalonUser user, @SingleLine String id, @SingleLine String documentId,
			@Name(max = MAX_NAME) String file, byte[] bytes) {
		Candidacy candidacy = ownDossier(user, id);
		Document old = document(candidacy, documentId);
		requireCurrent(old);
		requireNotEvidence(candidacy, old);
		Document document = store(user, candidacy, old.type(), file, bytes);
		old.supersede(document, clock.instant());
		candidacy.record(clock.instant(), "DOCUMENT_REPLACED", user.getUsername(), null,
				label(candidacy, old.type()) + " : " + old.filename() + " (SHA-256 " + old.sha256() + ") remplacé par "
						+ document.filename() + " (SHA-256 " + document.sha256() + ")");
		events.publishEvent(AuditEvent.onCandidacy(user.getUsername(), "DOCUMENT_REPLACED", candidacy.id(),
				old.type() + " sha256=" + old.sha256() + " -> " + document.filename() + " sha256=" + document.sha256()));
		return DocumentView.of(document);
	}

	/**
	 * Withdraws a document from the dossier: it no longer counts for what a step requires, but is kept, still
	 * downloadable, listed as withdrawn, and the history records it with its SHA-256.
	 */
	@Transactional
	public DocumentView withdraw(JalonUser user, @SingleLine String id, @SingleLine String documentId) {
		Candidacy candidacy = ownDossier(user, id);
		Document document = document(candidacy, documentId);
		requireCurrent(document);
		requireNotEvidence(candidacy, document);
		document.withdraw(user.getUsername(), clock.instant());
		candidacy.record(clock.instant(), "DOCUMENT_WITHDRAWN", user.getUsername(), null,
				label(candidacy, document.type()) + " : " + document.filename() + " (SHA-256 " + document.sha256()
						+ ")");
		events.publishEvent(AuditEvent.onCandidacy(user.getUsername(), "DOCUMENT_WITHDRAWN", candidacy.id(),
				document.type() + " " + document.filename() + " sha256=" + document.sha256()));
		return DocumentView.of(document);
	}

	/**
	 * A reviewer requested changes: the current documents of the steps the collectivité handed in at this stage
	 * (their kinds are the stage rules' {@code documents}) become « à compléter », in the step's transaction,
	 * until a new version replaces them.
	 */
	@EventListener
	void onStepCompleted(StepCompleted completed) {
		if (!completed.requestsChanges()) {
			return;
		}
		Candidacy candidacy = candidacies.candidacy(completed.candidacyId());
		Set<String> steps = new java.util.HashSet<>();
		steps.add(completed.step());
		candidacy.history().stream()
			.filter(event -> "SUBMIT".equals(event.outcome()) && java.util.Objects.equals(event.stage(), candidacy.stage()))
			.forEach(event -> steps.add(event.event()));
		Set<String> types = new java.util.HashSet<>();
		candidacies.referentialOf(candidacy).stageRules().stream().filter(rule -> steps.contains(rule.step()))
			.forEach(rule -> types.addAll(rule.documents()));
		documents.findByCandidacyIdOrderByUploadedAt(candidacy.id()).stream()
			.filter(document -> document.current() && types.contains(document.type()))
			.forEach(document -> document.changesRequested(clock.instant()));
	}

	/** The documents the candidacy's dossier holds now (neither superseded nor withdrawn), in deposit order. */
	@Transactional(readOnly = true)
	public List<DocumentView> current(String candidacyId) {
		return documents.findByCandidacyIdOrderByUploadedAt(candidacyId).stream().filter(Document::current)
			.map(DocumentView::of).toList();
	}

	/** These documents of the candidacy, in the order asked (a deposit receipt's lines). */
	@Transactional(readOnly = true)
	public List<DocumentView> described(String candidacyId, List<String> documentIds) {
		Map<String, Document> found = new java.util.HashMap<>();
		documents.findAllById(documentIds).stream().filter(document -> document.candidacyId().equals(candidacyId))
			.forEach(document -> found.put(document.id(), document));
		return documentIds.stream().filter(found::containsKey).map(found::get).map(DocumentView::of).toList();
	}

	/** The candidacy, locked, if the user is its collectivité and its steps may be worked on ({@link Status#workable}). */
	private Candidacy ownDossier(JalonUser user, String id) {
		candidacies.lock(id);
		Candidacy candidacy = candidacies.visible(user, id);
		if (!user.owns(candidacy)) {
			throw new Forbidden("Seule la collectivité candidate dépose des documents dans son dossier.");
		}
		candidacy.requireWorkable();
		return candidacy;
	}

	private static void requireCurrent(Document document) {
		if (!document.current()) {
			throw new Conflict("Ce document n'est plus dans le dossier (" + (document.supersededBy() != null
					? "remplacé par une version plus récente" : "retiré") + ") : seule sa dernière version se remplace.");
		}
	}

	/**
	 * In a later step of a candidacy that reached a success ({@link Candidacy#succeededBeforeItsStep}), the documents
	 * deposited up to that success are the file it was granted on: they stay as they were, neither replaced nor
	 * withdrawn ({@link Conflict}); the step's own documents are deposited beside them.
	 */
	private void requireNotEvidence(Candidacy candidacy, Document document) {
		candidacy.succeededBeforeItsStep().filter(at -> !document.uploadedAt().isAfter(at)).ifPresent(at -> {
			String status = candidacies.referentialOf(candidacy).endStatus(candidacy.status())
				.map(Referential.EndStatus::label).orElse(candidacy.status());
			throw new Conflict("Ce document fait partie du dossier sur lequel la candidature a obtenu « " + status
					+ " » : il ne peut plus être remplacé ni retiré ; déposez plutôt un nouveau document.");
		});
	}

	/** The bytes checked as every file is ({@link #check}) and stored with their SHA-256. */
	private Document store(JalonUser user, Candidacy candidacy, String type, String file, byte[] bytes) {
		CheckedFile checked = check("file", file, bytes);
		Document document = new Document(candidacy.id(), type, checked.name(), checked.contentType(), checked.size(),
				checked.sha256(), user.getUsername(), clock.instant());
		documents.save(document);
		contents.save(new DocumentContent(document.id(), bytes));
		return document;
	}

	private String label(Candidacy candidacy, String type) {
		return candidacies.referentialOf(candidacy).documentType(type).map(Referential.Label::label).orElse(type);
	}

	private Document document(Candidacy candidacy, String documentId) {
		return documents.findByIdAndCandidacyId(documentId, candidacy.id())
			.orElseThrow(() -> new NotFound("Document introuvable : " + documentId + "."));
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
		Document document = document(candidacies.visible(user, id), documentId);
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

	/** A document's bytes, with what its answer needs. */
	public record StoredDocument(String filename, String contentType, String sha256, byte[] content) {

		/**
		 * The answer that sends it, as a download ({@code inline} false) or to show in a page (a preview): its own
		 * media type, never sniffed.
		 */
		public org.springframework.http.ResponseEntity<byte[]> answer(boolean inline) {
			ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
				.filename(filename, java.nio.charset.StandardCharsets.UTF_8)
				.build();
			return org.springframework.http.ResponseEntity.ok()
				.contentType(org.springframework.http.MediaType.parseMediaType(contentType))
				.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
				.header("X-Content-Type-Options", "nosniff")
				.eTag("\"" + sha256 + "\"")
				.body(content);
		}

	}

}
