package fr.jalon.review;

import java.util.Map;

import fr.jalon.security.JalonUser;
import fr.jalon.system.NotFound;
import fr.jalon.system.Roles;
import fr.jalon.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The caller's draft of a task's form: {@code GET} (404 when there is none), {@code PUT} {@code {"values":{...}}}
 * (the form's field names, see {@link TaskFields}), {@code DELETE}.
 */
@RestController
@RequestMapping("/api/tasks/{id}/draft")
class DraftController {

	/** A draft as the API takes it. */
	record DraftRequest(Map<String, String> values) {
	}

	private final Drafts drafts;

	DraftController(Drafts drafts) {
		this.drafts = drafts;
	}

	@Roles({ Role.COLLECTIVITE, Roles.REVIEWER })
	@GetMapping
	Draft get(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return drafts.find(user, id).orElseThrow(() -> new NotFound("Aucun brouillon pour cette tâche."));
	}

	@Roles({ Role.COLLECTIVITE, Roles.REVIEWER })
	@PutMapping
	Draft save(@AuthenticationPrincipal JalonUser user, @PathVariable String id, @RequestBody DraftRequest request) {
		return drafts.save(user, id, request.values());
	}

	@Roles({ Role.COLLECTIVITE, Roles.REVIEWER })
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@DeleteMapping
	ResponseEntity<Void> discard(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		drafts.discard(user, id);
		return ResponseEntity.noContent().build();
	}

}
