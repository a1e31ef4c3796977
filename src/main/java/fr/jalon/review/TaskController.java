package fr.jalon.review;

import java.util.List;

import fr.jalon.candidacy.CandidacyView;
import fr.jalon.security.JalonUser;

import fr.jalon.workflow.EngineConflicts;

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

	@GetMapping
	List<TaskView> list(@AuthenticationPrincipal JalonUser user,
			@RequestParam(name = "candidacy", required = false) String candidacyId) {
		return reviews.list(user, candidacyId == null || candidacyId.isBlank() ? null : candidacyId);
	}

	@GetMapping("/{id}")
	TaskView get(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return reviews.get(user, id);
	}

	@PostMapping("/{id}/claim")
	TaskView claim(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return reviews.claim(user, id);
	}

	@PostMapping("/{id}/complete")
	CandidacyView complete(@AuthenticationPrincipal JalonUser user, @PathVariable String id,
			@RequestBody TaskCompletion request) {
		return EngineConflicts.retried(() -> reviews.complete(user, id, request));
	}

}
