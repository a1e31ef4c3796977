package fr.jalon.receipt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import fr.jalon.candidacy.Candidacy;
import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.CandidacySubmitted;
import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.DocumentService;
import fr.jalon.candidacy.StepCompleted;
import fr.jalon.collectivite.Collectivite;
import fr.jalon.collectivite.Collectivites;
import fr.jalon.referential.Referential;
import fr.jalon.review.ReviewService;
import fr.jalon.security.Account;
import fr.jalon.security.Accounts;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.NotFound;
import fr.jalon.system.SingleLine;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * Deposit receipts (« accusés de réception »): one for each submission of the collectivité (the candidacy itself,
 * then each step it hands in with {@code SUBMIT}), recorded in the submission's transaction, numbered from 1 per
 * candidacy. The PDF is drawn on demand from what was recorded (the step, the time, the documents by id, whose
 * metadata never change) and from the candidacy's names: the same receipt gives the same text every time. Its
 * listeners run first ({@code @Order(0)}), so that another listener of the same event (a mail) finds the receipt
 * ({@link #latest}).
 */
@Service
@Validated
public class DepositReceipts {

	/** The step a receipt of the candidacy's own submission names. */
	public static final String CANDIDACY_SUBMITTED = "SUBMITTED";

	private final DepositReceiptRecords receipts;

	private final CandidacyService candidacies;

	private final DocumentService documents;

	private final Collectivites collectivites;

	private final ReviewService reviews;

	private final Accounts accounts;

	private final ReceiptRenderer renderer;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	DepositReceipts(DepositReceiptRecords receipts, CandidacyService candidacies, DocumentService documents,
			Collectivites collectivites, ReviewService reviews, Accounts accounts, ReceiptRenderer renderer,
			Clock clock, ApplicationEventPublisher events) {
		this.receipts = receipts;
		this.candidacies = candidacies;
		this.documents = documents;
		this.collectivites = collectivites;
		this.reviews = reviews;
		this.accounts = accounts;
		this.renderer = renderer;
		this.clock = clock;
		this.events = events;
	}

	/** Before other listeners of the submission (a mail that attaches the receipt finds it recorded). */
	@EventListener
	@Order(0)
	void onSubmitted(CandidacySubmitted submitted) {
		CandidacyView candidacy = candidacies.view(submitted.candidacyId());
		record(candidacy, CANDIDACY_SUBMITTED, candidacy.history().get(0).actor());
	}

	/** A step the candidacy's collectivité handed in; an expert's {@code SUBMIT} is no deposit. */
	@EventListener
	@Order(0)
	void onStepCompleted(StepCompleted completed) {
		if (!"SUBMIT".equals(completed.outcome()) || !accounts.findById(completed.actor())
			.map(Account::role)
			.filter(Role.COLLECTIVITE::equals)
			.isPresent()) {
			return;
		}
		record(candidacies.view(completed.candidacyId()), completed.step(), completed.actor());
	}

	private void record(CandidacyView candidacy, String step, String actor) {
		int number = Math.toIntExact(receipts.countByCandidacyId(candidacy.id()) + 1);
		receipts.save(new DepositReceipt(candidacy.id(), number, step, candidacy.stage(), actor, clock.instant(),
				documents.current(candidacy.id()).stream().map(CandidacyView.DocumentView::id).toList()));
		events.publishEvent(new DepositReceiptRecorded(candidacy.id(), number, step,
				stepName(candidacy.programme(), candidacy.programmeVersion(), step), reference(candidacy.id(), number)));
	}

	/** The candidacy's receipts, oldest first, for whoever may see it; their documents read at once. */
	@Transactional(readOnly = true)
	public List<ReceiptView> list(JalonUser user, @SingleLine String candidacyId) {
		Candidacy candidacy = candidacies.visible(user, candidacyId);
		List<DepositReceipt> found = receipts.findByCandidacyIdOrderByNumber(candidacy.id());
		if (found.isEmpty()) {
			return List.of();
		}
		Referential referential = candidacies.referentialOf(candidacy.id());
		Map<String, CandidacyView.DocumentView> described = new HashMap<>();
		documents.described(candidacy.id(), found.stream().flatMap(receipt -> receipt.documentIds().stream()).distinct()
			.toList()).forEach(document -> described.put(document.id(), document));
		return found.stream()
			.map(receipt -> view(candidacy.id(), candidacy.programmeId(), candidacy.programmeVersion(), referential,
					receipt, described))
			.toList();
	}

	/** A receipt's PDF, for whoever may see the candidacy; 404 for a receipt it does not have. */
	@Transactional(readOnly = true)
	public byte[] pdf(JalonUser user, @SingleLine String candidacyId, int number) {
		return pdf(candidacies.visible(user, candidacyId).id(), number);
	}

	/**
	 * The PDF of the candidacy's receipt {@code number} (from 1), without checking who asks: for a mail sent to the
	 * collectivité (call it in the submission's transaction, or after it: the receipt is recorded in it). A
	 * {@link NotFound} when the candidacy has no such receipt.
	 */
	@Transactional(readOnly = true)
	public byte[] pdf(String candidacyId, int number) {
		DepositReceipt receipt = receipts.findByCandidacyIdAndNumber(candidacyId, number)
			.orElseThrow(() -> new NotFound("Accusé de réception introuvable : n° " + number + "."));
		CandidacyView candidacy = candidacies.view(candidacyId);
		Referential referential = candidacies.referentialOf(candidacyId);
		Collectivite collectivite = collectivites.findById(candidacy.collectivite()).orElseThrow();
		try {
			Map<String, CandidacyView.DocumentView> described = new HashMap<>();
			documents.described(candidacyId, receipt.documentIds()).forEach(document -> described.put(document.id(), document));
			return renderer.render(new ReceiptContent(view(candidacyId, candidacy.programme(),
					candidacy.programmeVersion(), referential, receipt, described),
					collectivite.name() + " (" + collectivite.code() + ")", referential.name(), candidacy.title(),
					candidacy.id()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot render receipt " + number + " of " + candidacyId, ex);
		}
	}

	/** The number of the candidacy's latest receipt, if it has one: the one a submission's mail attaches. */
	@Transactional(readOnly = true)
	public java.util.Optional<Integer> latest(String candidacyId) {
		long count = receipts.countByCandidacyId(candidacyId);
		return count == 0 ? java.util.Optional.empty() : java.util.Optional.of(Math.toIntExact(count));
	}

	/** What a receipt calls its step, in French. */
	private String stepName(String programme, Integer programmeVersion, String step) {
		return CANDIDACY_SUBMITTED.equals(step) ? "Dépôt de la candidature"
				: reviews.stepName(programme, programmeVersion, step).orElse(step);
	}

	/** The reference printed on a receipt: AR-, the candidacy id's first eight characters, the number. */
	public static String reference(String candidacyId, int number) {
		return "AR-" + candidacyId.substring(0, Math.min(8, candidacyId.length())).toUpperCase(Locale.ROOT) + "-"
				+ String.format(Locale.ROOT, "%03d", number);
	}

	private ReceiptView view(String candidacyId, String programme, Integer programmeVersion, Referential referential,
			DepositReceipt receipt, Map<String, CandidacyView.DocumentView> described) {
		String stepName = stepName(programme, programmeVersion, receipt.step());
		List<ReceiptView.Line> lines = receipt.documentIds()
			.stream()
			.filter(described::containsKey)
			.map(described::get)
			.map(document -> new ReceiptView.Line(document.id(), document.type(),
					referential.documentType(document.type()).map(Referential.Label::label).orElse(document.type()),
					document.filename(), document.sha256()))
			.toList();
		return new ReceiptView(receipt.number(), reference(candidacyId, receipt.number()), receipt.step(), stepName,
				receipt.stage(), receipt.at(), receipt.actor(), lines,
				"/api/candidacies/" + candidacyId + "/receipts/" + receipt.number());
	}

	/** What a receipt's PDF says. */
	record ReceiptContent(ReceiptView receipt, String collectivite, String programme, String title,
			String candidacyId) {
	}

}
