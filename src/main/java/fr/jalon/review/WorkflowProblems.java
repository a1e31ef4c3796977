package fr.jalon.review;

import java.net.URI;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The engine's concurrency failures are state conflicts for the API: 409. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkflowProblems {

	@ExceptionHandler({ OptimisticLockingException.class, TaskAlreadyClaimedException.class })
	ProblemDetail concurrentChange(RuntimeException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Quelqu'un a agi sur cette tâche en même temps ; rechargez-la.");
		problem.setType(URI.create("urn:jalon:problem:conflict"));
		problem.setTitle("Conflit d'état");
		return problem;
	}

}
