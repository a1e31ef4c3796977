package fr.jalon.referential;

import java.net.URI;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.security.JalonUser;

import fr.jalon.system.Paging;
import fr.jalon.system.Roles;
import fr.jalon.security.Role;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@RestController
@RequestMapping("/api/referentials/{programme}")
class ReferentialController {

	private final Referentials referentials;

	ReferentialController(Referentials referentials) {
		this.referentials = referentials;
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping
	Referential inGeneralUse(@PathVariable String programme) {
		return referentials.published(programme);
	}

	/** A programme's versions, oldest first: a short list, paged like every other. */
	@Roles(Roles.SIGNED_IN)
	@GetMapping("/versions")
	ResponseEntity<List<VersionSummary>> versions(@PathVariable String programme, Paging paging,
			HttpServletRequest request) {
		return paging.answer(referentials.versions(programme), request);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/versions/{version}")
	Referential version(@PathVariable String programme, @PathVariable int version) {
		return referentials.version(programme, version);
	}

	/**
	 * A new draft, as JSON or YAML ({@code application/yaml}): 201. What {@code GET .../versions/{version}}
	 * answers, in either format, may be sent back as is: the same version again answers 200 and stores
	 * nothing; its number with another content answers 409.
	 */
	@Roles(Role.ADMIN)
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping(path = "/versions", consumes = { "application/json", "application/yaml" })
	ResponseEntity<Referential> create(@AuthenticationPrincipal JalonUser user, @PathVariable String programme,
			@RequestBody JsonNode document) {
		CreatedVersion outcome = referentials.create(user, programme, document);
		Referential version = outcome.referential();
		if (!outcome.created()) {
			return ResponseEntity.ok(version);
		}
		return ResponseEntity.created(URI.create("/api/referentials/" + programme + "/versions/" + version.version()))
			.body(version);
	}

	@Roles(Role.ADMIN)
	@PostMapping("/versions/{version}/pilot")
	VersionSummary pilot(@AuthenticationPrincipal JalonUser user, @PathVariable String programme,
			@PathVariable int version, @RequestBody PilotRequest request) {
		return referentials.pilot(user, programme, version, request.collectivites());
	}

	@Roles(Role.ADMIN)
	@PostMapping("/versions/{version}/publish")
	VersionSummary publish(@AuthenticationPrincipal JalonUser user, @PathVariable String programme,
			@PathVariable int version) {
		return referentials.publish(user, programme, version);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/versions/{from}/diff/{to}")
	ReferentialDiff diff(@PathVariable String programme, @PathVariable int from, @PathVariable int to) {
		return referentials.diff(programme, from, to);
	}

	record PilotRequest(Set<String> collectivites) {
	}

}
