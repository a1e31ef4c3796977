package fr.jalon.web;

import java.io.IOException;
import java.util.List;

import fr.jalon.referential.Referential;
import fr.jalon.referential.Referentials;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.InvalidInput.FieldError;
import fr.jalon.system.NotFound;
import fr.jalon.system.PlainText;
import fr.jalon.system.TooLarge;
import fr.jalon.workflow.ProgrammeView;
import fr.jalon.workflow.Programmes;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 * The administrators' programme pages: the programmes in use and the deployment of a process with its
 * referential (through the same service as {@code POST /api/programmes}), and one programme's declarations,
 * versions and process diagram (drawn in the browser by bpmn-js from {@code processus.bpmn}).
 */
@Controller
class ProgrammePages {

	private final Programmes programmes;

	private final Referentials referentials;

	ProgrammePages(Programmes programmes, Referentials referentials) {
		this.programmes = programmes;
		this.referentials = referentials;
	}

	@GetMapping("/administration/programmes")
	String list(@AuthenticationPrincipal JalonUser user, Model model) {
		Pages.require(user, Role.ADMIN);
		return listPage(model, null, List.of());
	}

	@PostMapping("/administration/programmes")
	String deploy(@AuthenticationPrincipal JalonUser user,
			@RequestParam(name = "process", required = false) MultipartFile process,
			@RequestParam(name = "referential", required = false) MultipartFile referential, Model model,
			HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		Pages.require(user, Role.ADMIN);
		try {
			ProgrammeView deployed = programmes.deploy(user, bytes(process), bytes(referential));
			redirect.addFlashAttribute("message", "Programme « " + (deployed.name() != null ? deployed.name()
					: deployed.id()) + " » déployé (version " + deployed.version() + ").");
			redirect.addAttribute("id", deployed.id());
			return "redirect:/administration/programmes/{id}";
		}
		catch (InvalidInput e) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return listPage(model, e.getMessage(), e.errors().stream().map(ProgrammePages::describe).toList());
		}
		catch (TooLarge e) {
			response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			return listPage(model, e.getMessage() + " Rien n'a été déployé.", List.of());
		}
	}

	@GetMapping("/administration/programmes/{id}")
	String programme(@AuthenticationPrincipal JalonUser user, @PathVariable String id, Model model) {
		Pages.require(user, Role.ADMIN);
		ProgrammeView programme = programmes.get(id);
		Referential definition = referentials.definition(id)
			.orElseThrow(() -> new NotFound("Programme inconnu : « " + PlainText.excerpt(id) + " »."));
		model.addAttribute("programme", programme);
		model.addAttribute("definition", definition);
		model.addAttribute("versions", referentials.versions(id));
		return "admin/programme";
	}

	/** The BPMN of the version in use, for the download link and the diagram: the API's, within the session. */
	@GetMapping("/administration/programmes/{id}/processus.bpmn")
	ResponseEntity<byte[]> process(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		Pages.require(user, Role.ADMIN);
		byte[] process = programmes.process(id);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_XML)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(id + ".bpmn").build().toString())
			.body(process);
	}

	private String listPage(Model model, String failure, List<String> faults) {
		model.addAttribute("programmes", programmes.list());
		model.addAttribute("summaryText", failure);
		model.addAttribute("faults", faults);
		return "admin/programmes";
	}

	/** A fault in French, naming where it is: « Processus, élément SubmitCharter : … », « Référentiel, /stages : … ». */
	static String describe(FieldError fault) {
		String field = fault.field() == null ? "" : fault.field();
		String where;
		if (field.equals("process")) {
			where = "Processus";
		}
		else if (field.startsWith("process:")) {
			where = "Processus, élément " + field.substring("process:".length());
		}
		else if (field.equals("referential") || field.equals("referential:")) {
			where = "Référentiel";
		}
		else if (field.startsWith("referential:")) {
			where = "Référentiel, " + field.substring("referential:".length());
		}
		else {
			where = field.isEmpty() ? "Programme" : field;
		}
		return where + " : " + fault.message();
	}

	private static byte[] bytes(MultipartFile file) throws IOException {
		return file == null || file.isEmpty() ? null : file.getBytes();
	}

}
