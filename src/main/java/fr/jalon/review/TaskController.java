package fr.jalon.review;

import java.util.List;

import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.ListFilter;
import fr.jalon.system.Sorting;
import fr.jalon.security.JalonUser;
import fr.jalon.system.Paging;

import fr.jalon.workflow.EngineConflicts;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

	private final ReviewService reviews;

	TaskController(ReviewService reviews) {
		this.reviews = reviews;
	}

	/**
	 * A page of the user's open tasks, oldest first unless {@code sort} says otherwise ({@link ReviewService#SORTS}), of
	 * one candidacy if asked, those the list's filters keep ({@link ListFilter}).
	 */
	@Roles(Roles.SIGNED_IN)
	@GetMapping
	ResponseEntity<List<TaskView>> list(@AuthenticationPrincipal JalonUser user,
			@RequestParam(name = "candidacy", required = false) String candidacyId, Paging paging,
			HttpServletRequest request) {
		ReviewService.Found found = reviews.find(user,
				new ReviewService.TaskFilter(blankToNull(candidacyId), ListFilter.of(request.getParameterMap()), null),
				Sorting.of(request.getParameterMap(), ReviewService.SORTS, ReviewService.TaskOrder.OLDEST_FIRST.sorting()),
				paging);
		return paging.answer(found.tasks(), found.total(), request);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{id}")
	TaskView get(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return reviews.get(user, id);
	}

	@Roles({ Role.COLLECTIVITE, Roles.REVIEWER })
	@PostMapping("/{id}/claim")
	TaskView claim(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return reviews.claim(user, id);
	}

	@Roles({ Role.COLLECTIVITE, Roles.REVIEWER })
	@PostMapping("/{id}/complete")
	CandidacyView complete(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestBody TaskCompletion request) {
		return EngineConflicts.retried(() -> reviews.complete(user, id, request));
	}

}
