package fr.jalon.export;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.jalon.security.JalonUser;
import fr.jalon.system.Sorting;
import fr.jalon.web.Exports;
import fr.jalon.system.Roles;

/**
 * The API's exports of its two lists: {@code GET /api/tasks/export} and {@code GET /api/candidacies/export}, with
 * {@code format=csv} (the default) or {@code xlsx} and the list's own filters and {@code sort}: the rows the list
 * holds on all its pages, in its order (oldest first unless sorted), streamed. The pages export the same way
 * ({@code /instruction/export}, {@code /candidatures/export}).
 */
@RestController
class ExportController {

	private final Exports exports;

	ExportController(Exports exports) {
		this.exports = exports;
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/api/tasks/export")
	void tasks(@AuthenticationPrincipal JalonUser user, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		exports.tasks(user, request.getParameterMap(), new Sorting("created", false), response);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/api/candidacies/export")
	void candidacies(@AuthenticationPrincipal JalonUser user, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		exports.candidacies(user, request.getParameterMap(), new Sorting("submitted", false), response);
	}

}
