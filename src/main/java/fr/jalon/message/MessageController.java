package fr.jalon.message;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import fr.jalon.message.MessageService.AnnotationView;
import fr.jalon.message.MessageService.MessageView;
import fr.jalon.message.MessageService.NewFile;
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

/** A candidacy's thread and its reviewers' annotations (API contract, « Messages »). */
@RestController
@RequestMapping("/api/candidacies/{id}")
class MessageController {

	private final MessageService messages;

	MessageController(MessageService messages) {
		this.messages = messages;
	}

	/** A page of the thread, oldest first. */
	@Roles(Roles.SIGNED_IN)
	@GetMapping("/messages")
	ResponseEntity<List<MessageView>> thread(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			Paging paging, HttpServletRequest request) {
		return paging.answer(messages.thread(user, id, paging), request);
	}

	@Roles(Roles.SIGNED_IN)
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping(path = "/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<MessageView> post(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestBody NewText request) {
		return created(id, messages.post(user, id, request.text(), List.of()));
	}

	/** A message with files: the text in the part {@code text}, each file in a part {@code files}. */
	@Roles(Roles.SIGNED_IN)
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping(path = "/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<MessageView> postWithFiles(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestParam(name = "text", required = false) String text,
			@RequestPart(name = "files", required = false) List<MultipartFile> files) throws IOException {
		return created(id, messages.post(user, id, text, NewFile.read(files)));
	}

	private static ResponseEntity<MessageView> created(String id, MessageView message) {
		return ResponseEntity.created(URI.create("/api/candidacies/" + id + "/messages/" + message.id())).body(message);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/messages/{messageId}/attachments/{attachmentId}")
	ResponseEntity<byte[]> attachment(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@PathVariable long messageId, @PathVariable long attachmentId) {
		return messages.attachment(user, id, messageId, attachmentId).answer(false);
	}

	/** The reviewers' private annotations, oldest first; a collectivité is refused (403). */
	@Roles({ Role.ADMIN, Roles.REVIEWER })
	@GetMapping("/annotations")
	ResponseEntity<List<AnnotationView>> annotations(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			Paging paging, HttpServletRequest request) {
		return paging.answer(messages.annotations(user, id, paging), request);
	}

	@Roles({ Role.ADMIN, Roles.REVIEWER })
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping(path = "/annotations", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AnnotationView> annotate(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestBody NewText request) {
		AnnotationView annotation = messages.annotate(user, id, request.text());
		return ResponseEntity.created(URI.create("/api/candidacies/" + id + "/annotations")).body(annotation);
	}

	/** A message's or an annotation's body: its text, checked by the service, as the page's form is. */
	record NewText(String text) {
	}

}
