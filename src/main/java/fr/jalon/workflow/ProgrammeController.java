package fr.jalon.workflow;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import fr.jalon.security.JalonUser;
import fr.jalon.system.InvalidInput;

import fr.jalon.system.Paging;
import fr.jalon.system.Roles;
import fr.jalon.security.Role;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** {@code /api/programmes}: the deployed programmes, their processes, and deployment by administrators. */
@RestController
@RequestMapping("/api/programmes")
class ProgrammeController {

	static final java.util.Set<String> PARTS = java.util.Set.of("process", "referential");

	private final Programmes programmes;

	ProgrammeController(Programmes programmes) {
		this.programmes = programmes;
	}

	/** The programmes in use: a short list, paged like every other. */
	@Roles(Roles.SIGNED_IN)
	@GetMapping
	ResponseEntity<List<ProgrammeView>> list(Paging paging, HttpServletRequest request) {
		return paging.answer(programmes.list(), request);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{id}")
	ProgrammeView get(@PathVariable String id) {
		return programmes.get(id);
	}

	/** The BPMN of the version in use, ready for the Camunda Modeler. */
	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{id}/process")
	ResponseEntity<byte[]> process(@PathVariable String id) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_XML)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(id + ".bpmn").build().toString())
			.body(programmes.process(id));
	}

	@Roles(Role.ADMIN)
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ProgrammeView> deploy(@AuthenticationPrincipal JalonUser user,
			@RequestPart(name = "process", required = false) MultipartFile process,
			@RequestPart(name = "referential", required = false) MultipartFile referential,
			MultipartHttpServletRequest request) throws IOException {
		// Read strictly, as every body: a part other than the two documents is named, not dropped.
		List<InvalidInput.FieldError> unknown = java.util.stream.Stream
			.concat(request.getMultiFileMap().keySet().stream(), request.getParameterMap().keySet().stream())
			.filter(name -> !PARTS.contains(name))
			.distinct()
			.map(name -> new InvalidInput.FieldError(fr.jalon.system.PlainText.excerpt(name), "partie inconnue"))
			.toList();
		if (!unknown.isEmpty()) {
			throw new InvalidInput("Un programme se déploie avec deux parties : process et referential.", unknown);
		}
		ProgrammeView deployed = programmes.deploy(user, bytes(process), bytes(referential));
		return ResponseEntity.created(URI.create("/api/programmes/" + deployed.id())).body(deployed);
	}

	private static byte[] bytes(MultipartFile file) throws IOException {
		return file == null ? null : file.getBytes();
	}

}
