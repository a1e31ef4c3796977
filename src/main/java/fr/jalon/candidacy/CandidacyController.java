package fr.jalon.candidacy;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.jalon.candidacy.CandidacyView.DocumentView;
import fr.jalon.security.JalonUser;
import fr.jalon.system.Paging;
import fr.jalon.system.Roles;
import fr.jalon.security.Role;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@RestController
@RequestMapping("/api/candidacies")
class CandidacyController {

	private final CandidacyService candidacies;

	private final DocumentService documents;

	private final List<AddedFields> added;

	CandidacyController(CandidacyService candidacies, DocumentService documents, List<AddedFields> added) {
		this.candidacies = candidacies;
		this.documents = documents;
		this.added = added;
	}

	@Roles(Role.COLLECTIVITE)
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CandidacyView> submit(@AuthenticationPrincipal JalonUser user,
			@RequestBody NewCandidacy request) {
		CandidacyView candidacy = candidacies.submit(user, request);
		return ResponseEntity.created(URI.create("/api/candidacies/" + candidacy.id())).body(candidacy);
	}

	/**
	 * A page of the candidacies the caller may see that the filters keep ({@link ListFilter}), oldest first unless
	 * {@code sort} says otherwise ({@link CandidacyService#SORTS}), each without its documents.
	 */
	@Roles(Roles.SIGNED_IN)
	@GetMapping
	ResponseEntity<List<CandidacyView>> list(@AuthenticationPrincipal JalonUser user, Paging paging,
			HttpServletRequest request) {
		return paging.answer(candidacies.list(user, ListFilter.of(request.getParameterMap()),
				fr.jalon.system.Sorting.of(request.getParameterMap(), CandidacyService.SORTS,
						new fr.jalon.system.Sorting("submitted", false)),
				paging), request);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{id}")
	CandidacyView get(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		CandidacyView view = candidacies.view(user, id);
		Map<String, Object> fields = new LinkedHashMap<>();
		added.forEach(module -> module.add(user, view.id(), fields));
		return view.withAdded(fields);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{id}/evaluation")
	Evaluation evaluation(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestParam(name = "version", required = false) Integer version) {
		return candidacies.evaluation(user, id, version);
	}

	/**
	 * The eligibility rules against each commune of the candidacy, with the value read and the date it holds from
	 * (issue 17, facts at a date): what the check decides on, as reviewers see it on the task page.
	 */
	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{id}/eligibility")
	List<EligibilityCheck> eligibility(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return candidacies.eligibility(user, id);
	}

	@Roles(Role.COLLECTIVITE)
	@PostMapping("/{id}/withdraw")
	CandidacyView withdraw(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestBody(required = false) WithdrawalRequest request) {
		return candidacies.withdraw(user, id, request == null ? null : request.comment());
	}

	@Roles(Role.COLLECTIVITE)
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping(path = "/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DocumentView> upload(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestParam("type") String type, @RequestPart("file") MultipartFile file) throws IOException {
		if (file.getSize() > DocumentService.MAX_SIZE) {
			throw new fr.jalon.system.TooLarge("Un document ne peut dépasser 20 Mo.");
		}
		DocumentView document = documents.upload(user, id, type, file.getOriginalFilename(), file.getBytes());
		return ResponseEntity.created(URI.create("/api/candidacies/" + id + "/documents/" + document.id()))
			.body(document);
	}

	/** A new version of a document (multipart {@code file}), checked as an upload; the old one is kept, superseded. */
	@Roles(Role.COLLECTIVITE)
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping(path = "/{id}/documents/{documentId}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DocumentView> replace(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@PathVariable String documentId, @RequestPart("file") MultipartFile file) throws IOException {
		if (file.getSize() > DocumentService.MAX_SIZE) {
			throw new fr.jalon.system.TooLarge("Un document ne peut dépasser 20 Mo.");
		}
		DocumentView document = documents.replace(user, id, documentId, file.getOriginalFilename(), file.getBytes());
		return ResponseEntity.created(URI.create("/api/candidacies/" + id + "/documents/" + document.id()))
			.body(document);
	}

	/** Withdraws a document from the dossier; it is kept, and still downloadable. */
	@Roles(Role.COLLECTIVITE)
	@PostMapping("/{id}/documents/{documentId}/withdraw")
	DocumentView withdrawDocument(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@PathVariable String documentId) {
		return documents.withdraw(user, id, documentId);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{id}/documents/{documentId}")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@PathVariable String documentId) {
		return documents.download(user, id, documentId).answer(false);
	}

	/** The same bytes, to show inside a page ({@code Content-Disposition: inline}). */
	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{id}/documents/{documentId}/preview")
	ResponseEntity<byte[]> preview(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@PathVariable String documentId) {
		return documents.download(user, id, documentId).answer(true);
	}

	/** Checked by the service, as the page's form is. */
	record WithdrawalRequest(String comment) {
	}

}
