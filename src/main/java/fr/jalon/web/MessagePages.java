package fr.jalon.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.message.MessageService;
import fr.jalon.message.MessageService.NewFile;
import fr.jalon.security.JalonUser;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.TooLarge;
import fr.jalon.system.UnsupportedContent;

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
 * The candidacy page's « Messagerie »: the thread, the banner « Compléments demandés », who holds the dossier, and
 * the reviewers' annotations, through {@link MessageService} as the API. A faulty message or annotation comes back
 * on the page, its error next to its field and its text kept.
 */
@Controller
class MessagePages {

	private final MessageService messages;

	private final CandidacyService candidacies;

	MessagePages(MessageService messages, CandidacyService candidacies) {
		this.messages = messages;
		this.candidacies = candidacies;
	}

	/** What the candidacy's page shows of this module, for a user who sees the candidacy. */
	static void thread(MessageService messages, JalonUser user, String id, Model model) {
		model.addAttribute("thread", messages.latest(user, id));
		model.addAttribute("changesRequested", messages.changesRequested(user, id));
		model.addAttribute("holders", messages.holders(user, id));
		boolean annotates = MessageService.annotates(user);
		model.addAttribute("annotates", annotates);
		if (annotates) {
			model.addAttribute("annotations",
					messages.annotations(user, id, new fr.jalon.system.Paging(0, fr.jalon.system.Paging.MAX_SIZE)));
		}
	}

	@PostMapping("/candidatures/{id}/messages")
	String post(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestParam(name = "text", required = false) String text,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, RedirectAttributes redirect)
			throws IOException {
		try {
			messages.post(user, id, text, NewFile.read(files));
			redirect.addFlashAttribute("message", "Message envoyé.");
		}
		catch (InvalidInput e) {
			String field = e.errors().isEmpty() ? "text" : e.errors().get(0).field();
			fault(redirect, "messageFault", field.startsWith("files") ? "files" : "text", e.errors().isEmpty()
					? e.getMessage() : e.errors().get(0).message(), "messageText", text);
		}
		catch (UnsupportedContent | TooLarge e) {
			fault(redirect, "messageFault", "files", e.getMessage(), "messageText", text);
		}
		return "redirect:/candidatures/" + id + "#messagerie";
	}

	@PostMapping("/candidatures/{id}/annotations")
	String annotate(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestParam(name = "text", required = false) String text, RedirectAttributes redirect) {
		try {
			messages.annotate(user, id, text);
			redirect.addFlashAttribute("message", "Annotation enregistrée.");
		}
		catch (InvalidInput e) {
			fault(redirect, "annotationFault", "text",
					e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message(), "annotationText", text);
		}
		return "redirect:/candidatures/" + id + "#annotations";
	}

	private static void fault(RedirectAttributes redirect, String name, String field, String message, String textName,
			String text) {
		redirect.addFlashAttribute(name, Map.of(field, message));
		redirect.addFlashAttribute(textName, text == null ? "" : text);
	}

	/** An attachment, for those who see the candidacy: the API's own download, reached within the session. */
	@GetMapping("/candidatures/{id}/messages/{messageId}/pieces/{attachmentId}")
	String attachment(@AuthenticationPrincipal JalonUser user, @PathVariable String id, @PathVariable long messageId,
			@PathVariable long attachmentId) {
		candidacies.visible(user, id);
		return "forward:/api/candidacies/" + id + "/messages/" + messageId + "/attachments/" + attachmentId;
	}

}
