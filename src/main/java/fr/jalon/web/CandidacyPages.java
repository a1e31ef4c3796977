package fr.jalon.web;

import java.io.IOException;
import java.util.List;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.DocumentService;
import fr.jalon.message.MessageService;
import fr.jalon.receipt.DepositReceipts;
import fr.jalon.review.ReviewService;
import fr.jalon.security.JalonUser;
import fr.jalon.system.Conflict;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.Paging;
import fr.jalon.system.Sorting;
import fr.jalon.candidacy.ListFilter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import fr.jalon.system.TooLarge;
import fr.jalon.system.UnsupportedContent;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A candidacy as every role that may see it sees it (others get a 404): its path, documents,
 * tasks, evaluation, reviewers' comments and history; the owning collectivité adds documents,
 * withdraws, and downloads its certificate.
 */
@Controller
class CandidacyPages {

	private final CandidacyService candidacies;

	private final DocumentService documents;

	private final ReviewService reviews;

	private final Labels labels;

	private final MessageService messages;

	private final DepositReceipts receipts;

	private final Exports exports;

	CandidacyPages(CandidacyService candidacies, DocumentService documents, ReviewService reviews, Labels labels,
			MessageService messages, DepositReceipts receipts, Exports exports) {
		this.receipts = receipts;
		this.exports = exports;
		this.candidacies = candidacies;
		this.documents = documents;
		this.reviews = reviews;
		this.labels = labels;
		this.messages = messages;
	}

	/** The candidacy; its evaluation under version {@code version} of the referential if asked (default: its own). */
	@GetMapping("/candidatures/{id}")
	String candidacy(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestParam(name = "version", required = false) Integer version, Model model) {
		CandidacyView candidacy = candidacies.view(user, id);
		model.addAttribute("candidacy", candidacy);
		model.addAttribute("owner", user.owns(candidacies.visible(user, id)));
		model.addAttribute("tasks", reviews.list(user, id));
		model.addAttribute("evaluation", candidacies.evaluation(user, id, version));
		model.addAttribute("evaluationVersions", candidacies.evaluationVersions(user, id));
		model.addAttribute("comments", Pages.comments(candidacy));
		model.addAttribute("documentTypes", documents.documentTypes(id));
		model.addAttribute("receipts", receipts.list(user, id));
		MessagePages.thread(messages, user, id, model);
		return "candidature";
	}

	/** A document of the dossier; for the owner, from the dossier or a task's page ({@code retour}). */
	@PostMapping("/candidatures/{id}/documents")
	String upload(@AuthenticationPrincipal JalonUser user, @PathVariable String id, @RequestParam("type") String type,
			@RequestParam("file") MultipartFile file, @RequestParam(name = "retour", required = false) String back,
			RedirectAttributes redirect) {
		deposit(file, redirect, bytes -> documents.upload(user, id, type, file.getOriginalFilename(), bytes),
				"Document déposé : ");
		return "redirect:" + back(id, back);
	}

	/** A new version of a document, for the owner: the old one is kept, marked « Remplacé ». */
	@PostMapping("/candidatures/{id}/documents/{documentId}/versions")
	String replace(@AuthenticationPrincipal JalonUser user, @PathVariable String id, @PathVariable String documentId,
			@RequestParam("file") MultipartFile file, @RequestParam(name = "retour", required = false) String back,
			RedirectAttributes redirect) {
		deposit(file, redirect, bytes -> documents.replace(user, id, documentId, file.getOriginalFilename(), bytes),
				"Nouvelle version déposée : ");
		return "redirect:" + back(id, back);
	}

	/** Withdraws a document from the dossier, for the owner: kept, listed « Retiré ». */
	@PostMapping("/candidatures/{id}/documents/{documentId}/retrait")
	String withdrawDocument(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@PathVariable String documentId, RedirectAttributes redirect) {
		try {
			var withdrawn = documents.withdraw(user, id, documentId);
			redirect.addFlashAttribute("message", "Document retiré du dossier : " + withdrawn.filename() + ".");
		}
		catch (Conflict e) {
			redirect.addFlashAttribute("failure", e.getMessage());
		}
		return "redirect:/candidatures/" + id;
	}

	private static String back(String id, String back) {
		return back != null && back.matches("/collectivite/taches/[A-Za-z0-9-]+") ? back : "/candidatures/" + id;
	}

	/** Stores a file as {@code store} does, and says how it went in the next page's banner. */
	private static void deposit(MultipartFile file, RedirectAttributes redirect,
			java.util.function.Function<byte[], CandidacyView.DocumentView> store, String done) {
		try {
			if (file.getSize() > DocumentService.MAX_SIZE) {
				throw new TooLarge("Un document ne peut dépasser 20 Mo.");
			}
			var stored = store.apply(file.getBytes());
			redirect.addFlashAttribute("message", done + stored.filename() + ".");
		}
		catch (UnsupportedContent | TooLarge | Conflict e) {
			redirect.addFlashAttribute("failure", e.getMessage());
		}
		catch (InvalidInput e) {
			redirect.addFlashAttribute("failure", "file".equals(e.errors().get(0).field())
					? "Choisissez un fichier (PDF, PNG ou JPEG, 20 Mo au plus)." : e.getMessage());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	@GetMapping("/candidatures/{id}/documents/{documentId}")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@PathVariable String documentId) {
		return documents.download(user, id, documentId).answer(false);
	}

	/** The document shown inside the page (« Aperçu »), for whoever sees the candidacy. */
	@GetMapping("/candidatures/{id}/documents/{documentId}/apercu")
	ResponseEntity<byte[]> preview(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@PathVariable String documentId) {
		return documents.download(user, id, documentId).answer(true);
	}

	/** A deposit receipt's PDF: the API's own ({@code GET /api/candidacies/{id}/receipts/{n}}), within the session. */
	@GetMapping("/candidatures/{id}/accuses/{number}")
	String receipt(@AuthenticationPrincipal JalonUser user, @PathVariable String id, @PathVariable int number) {
		candidacies.visible(user, id);
		return "forward:/api/candidacies/" + id + "/receipts/" + number;
	}

	@PostMapping("/candidatures/{id}/retrait")
	String withdraw(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestParam(name = "comment", required = false) String comment, RedirectAttributes redirect) {
		candidacies.withdraw(user, id, comment == null || comment.isBlank() ? null : comment.strip());
		redirect.addFlashAttribute("message", "Votre candidature est retirée.");
		return "redirect:/candidatures/" + id;
	}

	/**
	 * The label's certificate, for those who may see the candidacy: the certificate module's
	 * own download ({@code GET /api/candidacies/{id}/certificate}), reached within the session.
	 */
	@GetMapping("/candidatures/{id}/certificat")
	String certificate(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		candidacies.visible(user, id);
		return "forward:/api/candidacies/" + id + "/certificate";
	}

	/** The candidacies of the reviewer's scope that the filters keep, a page at a time, the newest first unless sorted. */
	@GetMapping("/instruction/candidatures")
	String reviewed(@AuthenticationPrincipal JalonUser user, HttpServletRequest request, Paging paging, Model model) {
		Pages.requireReviewer(user);
		filtered(model, candidacies, labels, user, request, paging, "/instruction/candidatures");
		return "instruction/candidatures";
	}

	/** The newest first: the pages' order of candidacies. */
	static final Sorting NEWEST_FIRST = new Sorting("submitted", true);

	/**
	 * A page of the candidacies the user may see that the query's filters keep, in its order (the newest first unless
	 * sorted), with the list's form, headers, pager and export links ({@link ListForm}).
	 */
	static void filtered(Model model, CandidacyService candidacies, Labels labels, JalonUser user,
			HttpServletRequest request, Paging paging, String path) {
		ListFilter filter = ListFilter.of(request.getParameterMap());
		Sorting sorting = Sorting.of(request.getParameterMap(), CandidacyService.SORTS, NEWEST_FIRST);
		Page<CandidacyView> page = candidacies.list(user, filter, sorting, paging);
		labels.readCollectivites(page.getContent().stream().map(CandidacyView::collectivite).toList());
		listed(model, page, paging);
		ListForm.show(model, labels, path, "/candidatures/export", filter, sorting, NEWEST_FIRST, CandidacyService.SORTS);
	}

	/** The candidacies the user may see that the filters keep, every page of them, in CSV or XLSX ({@link Exports}). */
	@GetMapping("/candidatures/export")
	void export(@AuthenticationPrincipal JalonUser user, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		exports.candidacies(user, request.getParameterMap(), NEWEST_FIRST, response);
	}

	/**
	 * A page of the candidacies the user may see, the newest first, as the pages' lists show them (the API's list,
	 * {@link CandidacyService#list}), their collectivités' names read at once.
	 */
	static Page<CandidacyView> newestFirst(CandidacyService candidacies, Labels labels, JalonUser user,
			Paging paging) {
		Page<CandidacyView> page = candidacies.list(user, null, null, null, paging, Sort.Direction.DESC);
		labels.readCollectivites(page.getContent().stream().map(CandidacyView::collectivite).toList());
		return page;
	}

	/** A page of a list for a template: {@code candidacies}, {@code total} and {@code paging} (fragment pages). */
	static void listed(Model model, Page<CandidacyView> page, Paging paging) {
		model.addAttribute("candidacies", page.getContent());
		model.addAttribute("total", page.getTotalElements());
		model.addAttribute("paging", paging);
	}

}
