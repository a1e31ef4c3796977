package fr.jalon.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.jalon.candidacy.Candidacy;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.DocumentService;
import fr.jalon.candidacy.DocumentService.CheckedFile;
import fr.jalon.candidacy.DocumentService.StoredDocument;
import fr.jalon.candidacy.SealedMarks;
import fr.jalon.candidacy.StepCompleted;
import fr.jalon.collectivite.Territories;
import fr.jalon.review.ReviewService;
import fr.jalon.review.TaskView;
import fr.jalon.security.Accounts;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.security.ScopeKind;
import fr.jalon.security.Visibilities;
import fr.jalon.security.Visibility;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.MultiLine;
import fr.jalon.system.NotFound;
import fr.jalon.system.Paging;
import fr.jalon.system.SingleLine;
import fr.jalon.system.TooLarge;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * A candidacy's thread, between the collectivité and the services that see the candidacy: exactly those who see it
 * ({@link CandidacyService#visible}) read it and write in it, at any time. Beside it the reviewers' private
 * annotations, which no collectivité reads, and the banner « Compléments demandés »: a request for changes (a step
 * completed with {@code REQUEST_CHANGES}) posts its comment in the thread and stays open until the candidate
 * collectivité answers, by a message or by completing a step of its own (handing in the dossier again).
 */
@Service
@Validated
public class MessageService {

	/** The longest message or annotation. */
	public static final int MAX_TEXT = 10_000;

	/** The most files one message joins. */
	public static final int MAX_FILES = 10;

	/** The messages a candidacy's page shows, the latest. */
	public static final int PAGE_MESSAGES = 100;

	private static final Sort OLDEST_FIRST = Sort.by(Sort.Direction.ASC, "at").and(Sort.by(Sort.Direction.ASC, "id"));

	private final CandidacyService candidacies;

	private final DocumentService documents;

	private final ReviewService reviews;

	private final Messages messages;

	private final Attachments attachments;

	private final AttachmentContents contents;

	private final Annotations annotations;

	private final ChangesRequests changes;

	private final Accounts accounts;

	private final Visibilities visibilities;

	private final Territories territories;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SealedMarks sealedMarks;

	MessageService(CandidacyService candidacies, DocumentService documents, ReviewService reviews, Messages messages,
			Attachments attachments, AttachmentContents contents, Annotations annotations, ChangesRequests changes,
			Accounts accounts, Visibilities visibilities, Territories territories, ApplicationEventPublisher events,
			Clock clock, SealedMarks sealedMarks) {
		this.candidacies = candidacies;
		this.documents = documents;
		this.reviews = reviews;
		this.messages = messages;
		this.attachments = attachments;
		this.contents = contents;
		this.annotations = annotations;
		this.changes = changes;
		this.accounts = accounts;
		this.visibilities = visibilities;
		this.territories = territories;
		this.events = events;
		this.clock = clock;
		this.sealedMarks = sealedMarks;
	}

	/** A file sent with a message, as it came. */
	public record NewFile(String name, byte[] bytes) {

		/**
		 * The files of a multipart request (the API's, a page's form), each within a document's size: {@link TooLarge}
		 * before reading a larger one.
		 */
		public static List<NewFile> read(List<org.springframework.web.multipart.MultipartFile> files)
				throws java.io.IOException {
			List<NewFile> read = new ArrayList<>();
			for (var file : files == null ? List.<org.springframework.web.multipart.MultipartFile>of() : files) {
				if (file.getSize() > DocumentService.MAX_SIZE) {
					throw new TooLarge("Un document ne peut dépasser 20 Mo.");
				}
				read.add(new NewFile(file.getOriginalFilename(), file.getBytes()));
			}
			return read;
		}

	}

	/** {@code actorName} and {@code actingFor}: the author's name and the body they wrote for, as recorded then. */
	public record MessageView(long id, Instant at, String author, boolean fromCollectivite, String text,
			List<AttachmentView> attachments, String actorName, fr.jalon.security.ActedBy.ActingFor actingFor) {

		static MessageView of(Message message, List<AttachmentView> attachments) {
			fr.jalon.security.ActedBy by = message.actedBy();
			return new MessageView(message.id(), message.at(), message.author(), message.fromCollectivite(),
					message.text(), attachments, by == null ? null : by.name(), by == null ? null : by.actingFor());
		}

	}

	public record AttachmentView(long id, String name, String mediaType, long size, String sha256) {

		static AttachmentView of(Attachment attachment) {
			return new AttachmentView(attachment.id(), attachment.name(), attachment.mediaType(), attachment.size(),
					attachment.sha256());
		}

	}

	public record AnnotationView(long id, Instant at, String author, String text) {

		static AnnotationView of(Annotation annotation) {
			return new AnnotationView(annotation.id(), annotation.at(), annotation.author(), annotation.text());
		}

	}

	/** The open request for changes the banner shows: when, and the reviewer's comment. */
	public record ChangesRequested(Instant at, String comment) {
	}

	/**
	 * An open task of the candidacy: its step ({@code step}, {@code name}), the role that acts on it and that
	 * role's service as the pages name it (e.g. « DDT (Tarn) »), since when, and its due date (null: none).
	 */
	public record Holder(String step, String name, String role, String service, Instant since, Instant due) {
	}

	// --- the thread

	/** A page of the thread, oldest first. */
	@Transactional(readOnly = true)
	public Page<MessageView> thread(JalonUser user, @SingleLine String id, Paging paging) {
		Candidacy candidacy = candidacies.visible(user, id);
		return withAttachments(messages.findByCandidacyId(candidacy.id(), paging.pageable(OLDEST_FIRST)));
	}

	/** The latest {@value #PAGE_MESSAGES} messages, oldest first, and how many the thread has: a candidacy's page. */
	@Transactional(readOnly = true)
	public Page<MessageView> latest(JalonUser user, @SingleLine String id) {
		Candidacy candidacy = candidacies.visible(user, id);
		Page<Message> newest = messages.findByCandidacyId(candidacy.id(),
				PageRequest.of(0, PAGE_MESSAGES, Sort.by(Sort.Direction.DESC, "at").and(Sort.by(Sort.Direction.DESC, "id"))));
		List<MessageView> views = new ArrayList<>(withAttachments(newest).getContent());
		java.util.Collections.reverse(views);
		return new org.springframework.data.domain.PageImpl<>(views, newest.getPageable(), newest.getTotalElements());
	}

	private Page<MessageView> withAttachments(Page<Message> page) {
		Map<Long, List<AttachmentView>> joined = new LinkedHashMap<>();
		List<Long> ids = page.getContent().stream().map(Message::id).toList();
		if (!ids.isEmpty()) {
			attachments.findByMessageIdInOrderById(ids)
				.forEach(attachment -> joined.computeIfAbsent(attachment.messageId(), key -> new ArrayList<>())
					.add(AttachmentView.of(attachment)));
		}
		return page.map(message -> MessageView.of(message, joined.getOrDefault(message.id(), List.of())));
	}

	/**
	 * Posts a message, with its files (each checked as a document is, {@link DocumentService#check}); a message of
	 * the candidate collectivité answers an open request for changes. Audited, and {@link MessagePosted} published,
	 * in the transaction that stores it.
	 */
	@Transactional
	public MessageView post(JalonUser user, @SingleLine String id, @MultiLine(max = MAX_TEXT) String text,
			List<NewFile> files) {
		candidacies.lock(id);
		Candidacy candidacy = candidacies.visible(user, id);
		String body = requireText(text, "Écrivez votre message.");
		List<NewFile> sent = files == null ? List.of() : files.stream().filter(file -> !isNoFile(file)).toList();
		if (sent.size() > MAX_FILES) {
			throw InvalidInput.of("files", "Un message joint " + MAX_FILES + " fichiers au plus.");
		}
		List<CheckedFile> checked = new ArrayList<>();
		for (int index = 0; index < sent.size(); index++) {
			checked.add(documents.check("files[" + index + "]", sent.get(index).name(), sent.get(index).bytes()));
		}
		boolean fromCollectivite = user.is(Role.COLLECTIVITE);
		Message message = messages.save(new Message(candidacy.id(), clock.instant(), user.getUsername(),
				fromCollectivite, body));
		List<AttachmentView> joined = new ArrayList<>();
		for (int index = 0; index < sent.size(); index++) {
			CheckedFile file = checked.get(index);
			Attachment attachment = attachments.save(new Attachment(message.id(), file.name(), file.contentType(),
					file.size(), file.sha256()));
			contents.save(new AttachmentContent(attachment.id(), sent.get(index).bytes()));
			joined.add(AttachmentView.of(attachment));
		}
		if (user.owns(candidacy)) {
			changes.findById(candidacy.id()).ifPresent(request -> request.answer(message.at()));
		}
		events.publishEvent(AuditEvent.onCandidacy(user.getUsername(), "MESSAGE_POSTED", candidacy.id(),
				"message " + message.id() + joined.stream().map(file -> " ; " + file.name() + " sha256=" + file.sha256())
					.reduce("", String::concat)));
		events.publishEvent(new MessagePosted(candidacy.id(), message.id(), user.getUsername(), fromCollectivite, body));
		return MessageView.of(message, joined);
	}

	/** A browser's form sends an empty file part when no file is chosen: that is no file. */
	private static boolean isNoFile(NewFile file) {
		return file == null || (file.bytes() == null || file.bytes().length == 0)
				&& (file.name() == null || file.name().isBlank());
	}

	@Transactional(readOnly = true)
	public StoredDocument attachment(JalonUser user, @SingleLine String id, long messageId, long attachmentId) {
		Candidacy candidacy = candidacies.visible(user, id);
		Attachment attachment = messages.findByIdAndCandidacyId(messageId, candidacy.id())
			.flatMap(message -> attachments.findByIdAndMessageId(attachmentId, message.id()))
			.orElseThrow(() -> new NotFound("Pièce jointe introuvable : " + attachmentId + "."));
		return new StoredDocument(attachment.name(), attachment.mediaType(), attachment.sha256(),
				contents.findById(attachment.id()).orElseThrow().content());
	}

	// --- the reviewers' annotations

	/** Whether the user reads and writes the private annotations of the candidacies they see: all but collectivités. */
	public static boolean annotates(JalonUser user) {
		return user != null && !user.is(Role.COLLECTIVITE);
	}

	/**
	 * The candidacy's annotations. An expert whose assessment is to be given apart from another's (whose marks are
	 * sealed, {@link SealedMarks}) reads only their own until submitting: another's note could carry its marks.
	 */
	@Transactional(readOnly = true)
	public Page<AnnotationView> annotations(JalonUser user, @SingleLine String id, Paging paging) {
		Candidacy candidacy = annotated(user, id);
		Page<Annotation> page = sealedMarks.of(user, candidacy.id()).isEmpty()
				? annotations.findByCandidacyId(candidacy.id(), paging.pageable(OLDEST_FIRST))
				: annotations.findByCandidacyIdAndAuthor(candidacy.id(), user.getUsername(),
						paging.pageable(OLDEST_FIRST));
		return page.map(AnnotationView::of);
	}

	@Transactional
	public AnnotationView annotate(JalonUser user, @SingleLine String id, @MultiLine(max = MAX_TEXT) String text) {
		Candidacy candidacy = annotated(user, id);
		String body = requireText(text, "Écrivez votre annotation.");
		Annotation annotation = annotations.save(new Annotation(candidacy.id(), clock.instant(), user.getUsername(), body));
		events.publishEvent(AuditEvent.onCandidacy(user.getUsername(), "ANNOTATION_ADDED", candidacy.id(),
				"annotation " + annotation.id()));
		return AnnotationView.of(annotation);
	}

	private Candidacy annotated(JalonUser user, String id) {
		Candidacy candidacy = candidacies.visible(user, id);
		if (!annotates(user)) {
			throw new Forbidden("Les annotations sont réservées aux services instructeurs.");
		}
		return candidacy;
	}

	private static String requireText(String text, String missing) {
		if (text == null || text.isBlank()) {
			throw InvalidInput.of("text", missing);
		}
		return text.strip();
	}

	// --- the request for changes and who holds the dossier

	/** The open request for changes of a candidacy the user sees; null when there is none. */
	@Transactional(readOnly = true)
	public ChangesRequested changesRequested(JalonUser user, @SingleLine String id) {
		Candidacy candidacy = candidacies.visible(user, id);
		return changes.findById(candidacy.id())
			.filter(ChangesRequest::open)
			.map(request -> new ChangesRequested(request.requestedAt(), request.comment()))
			.orElse(null);
	}

	/** The open tasks of a candidacy the user sees, whoever acts on them, oldest first. */
	@Transactional(readOnly = true)
	public List<Holder> holders(JalonUser user, @SingleLine String id) {
		Candidacy candidacy = candidacies.visible(user, id);
		List<Holder> holders = new ArrayList<>();
		for (TaskView task : reviews.holding(user, id)) {
			holders.add(new Holder(task.key(), task.name(), task.actor(), service(task.actor(), candidacy),
					task.created(), task.due()));
		}
		return holders;
	}

	/** A role's service for a candidacy: its label, with the territory its scope covers, e.g. « DDT (Tarn) ». */
	private String service(String role, Candidacy candidacy) {
		String label = visibilities.label(role);
		if (role == null || Role.isPlatform(role)) {
			return label;
		}
		ScopeKind kind = visibilities.scopeKindOf(role).orElse(ScopeKind.NATIONAL);
		String territory = switch (kind) {
			case DEPARTEMENT -> territories.departementName(candidacy.departementCode());
			case REGION -> territories.regionName(candidacy.regionCode());
			case NATIONAL -> null;
		};
		return territory == null ? label : label + " (" + territory + ")";
	}

	/**
	 * A step completed: a request for changes posts its comment in the thread, as the reviewer who asked, and opens
	 * the banner; any step the candidate collectivité completes (handing in its dossier again) answers it. In the
	 * step's transaction: nothing of this survives its rollback.
	 */
	@EventListener
	@Transactional
	void on(StepCompleted step) {
		Instant now = clock.instant();
		if (step.requestsChanges()) {
			String text = step.comment() == null || step.comment().isBlank() ? "Des compléments sont demandés."
					: step.comment().strip();
			messages.save(new Message(step.candidacyId(), now, step.actor(), false, text));
			ChangesRequest request = changes.findById(step.candidacyId())
				.orElseGet(() -> new ChangesRequest(step.candidacyId()));
			request.ask(now, step.actor(), step.comment());
			changes.save(request);
			// No MessagePosted here: the collectivité is told of the request itself (its mail reads StepCompleted),
			// once, not twice.
			return;
		}
		changes.findById(step.candidacyId()).filter(ChangesRequest::open).ifPresent(request -> {
			Candidacy candidacy = candidacies.findVisible(Visibility.ALL, step.candidacyId()).orElseThrow();
			boolean byCollectivite = accounts.findById(step.actor())
				.filter(account -> Role.COLLECTIVITE.equals(account.role())
						&& account.scope().equals(candidacy.collectiviteCode()))
				.isPresent();
			if (byCollectivite) {
				request.answer(now);
			}
		});
	}

}
