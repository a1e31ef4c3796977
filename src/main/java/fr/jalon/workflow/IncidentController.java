package fr.jalon.workflow;

import java.util.List;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/incidents}: the engine's open incidents and their retry, for administrators ({@link Incidents}). */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

	private final Incidents incidents;

	IncidentController(Incidents incidents) {
		this.incidents = incidents;
	}

	@Roles(Role.ADMIN)
	@GetMapping
	ResponseEntity<List<IncidentView>> list(@AuthenticationPrincipal JalonUser user, Paging paging,
			HttpServletRequest request) {
		Incidents.Found found = incidents.list(user, paging);
		return paging.answer(found.incidents(), found.total(), request);
	}

	@Roles(Role.ADMIN)
	@GetMapping("/{id}")
	IncidentView get(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return incidents.get(user, id);
	}

	@Roles(Role.ADMIN)
	@PostMapping("/{id}/retry")
	IncidentView retry(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return incidents.retry(user, id);
	}

}
