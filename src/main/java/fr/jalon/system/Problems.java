package fr.jalon.system;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.validation.method.MethodValidationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentConversionNotSupportedException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure of an API call to an RFC 9457 problem detail, in French for people,
 * never with a stack trace.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(Problems.class);

	static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:jalon:problem:" + type));
		problem.setTitle(title);
		return problem;
	}

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound e) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Introuvable", e.getMessage());
	}

	@ExceptionHandler(Conflict.class)
	ProblemDetail conflict(Conflict e) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "conflict", "Conflit d'état", e.getMessage());
		if (!e.errors().isEmpty()) {
			problem.setProperty("errors", e.errors());
		}
		return problem;
	}

	/** A lost optimistic lock, or a lock not obtained in time (lock timeout, deadlock): a concurrent change. */
	@ExceptionHandler(ConcurrencyFailureException.class)
	ProblemDetail concurrentChange(ConcurrencyFailureException e) {
		return problem(HttpStatus.CONFLICT, "conflict", "Conflit d'état",
				"Ces données ont été modifiées en même temps par quelqu'un d'autre ; rechargez-les et recommencez.");
	}

	@ExceptionHandler(Forbidden.class)
	ProblemDetail forbidden(Forbidden e) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Action non autorisée", e.getMessage());
	}

	@ExceptionHandler(InvalidInput.class)
	ProblemDetail invalid(InvalidInput e) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Données invalides", e.getMessage());
		problem.setProperty("errors", e.errors());
		return problem;
	}

	/** Bean Validation outside the services' own check (which throws {@link InvalidInput}): read the same way. */
	@ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
	ProblemDetail violated(jakarta.validation.ConstraintViolationException e) {
		return invalid(InvalidInput.of(e.getConstraintViolations()));
	}

	@Override
	protected ResponseEntity<Object> handleMethodValidationException(MethodValidationException ex,
			HttpHeaders headers, HttpStatus status, WebRequest request) {
		return ResponseEntity.badRequest().body(invalid(InvalidInput.of(ex)));
	}

	/** A controller's own constraints on its parameters (a query parameter, a path variable). */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest().body(invalid(InvalidInput.of(ex)));
	}

	@ExceptionHandler(Incomplete.class)
	ProblemDetail incomplete(Incomplete e) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "incomplete", "Données manquantes",
				e.getMessage());
		problem.setProperty("missing", e.missing());
		return problem;
	}

	@ExceptionHandler(UnsupportedContent.class)
	ProblemDetail unsupported(UnsupportedContent e) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Format non accepté",
				e.getMessage());
	}

	@ExceptionHandler(TooLarge.class)
	ProblemDetail tooLarge(TooLarge e) {
		return problem(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Fichier trop volumineux", e.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Données invalides",
				"Le paramètre « " + e.getName() + " » n'a pas la bonne forme.");
		problem.setProperty("errors", List.of(new InvalidInput.FieldError(e.getName(), "valeur invalide")));
		return problem;
	}

	/** A multipart body that cannot be parsed: no or wrong boundary, cut short, malformed part headers. */
	@ExceptionHandler(MultipartException.class)
	ProblemDetail unreadableMultipart(MultipartException e) {
		return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Requête illisible",
				"Le corps multipart de la requête est mal formé.");
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception e) {
		log.error("Unexpected failure", e);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Erreur interne",
				"Une erreur inattendue est survenue ; rien n'a été enregistré. Réessayez ou contactez l'assistance.");
	}

	/**
	 * A body that cannot be read: malformed, or well-formed but not of the expected form. Read
	 * strictly ({@link StrictReading}), an unknown field, a key given twice or a value of the wrong
	 * type is named in {@code errors}, by its path.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (StrictReading.tooLong(ex)) {
			return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(new TooLarge(StrictReading.YAML_TOO_LARGE)));
		}
		return ResponseEntity.badRequest().body(BodyFaults.of(ex.getCause()).map(fault -> {
			ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Données invalides",
					fault.detail());
			problem.setProperty("errors", List.of(fault.error()));
			return problem;
		})
			.orElseGet(() -> problem(HttpStatus.BAD_REQUEST, "malformed-request", "Requête illisible",
					"Le corps de la requête n'est pas un document valide de la forme attendue.")));
	}

	/** A request parameter of a kind that cannot be read as the value expected, such as a file for a text field. */
	@Override
	protected ResponseEntity<Object> handleConversionNotSupported(ConversionNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex instanceof MethodArgumentConversionNotSupportedException argument) {
			ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Données invalides",
					"Le paramètre « " + argument.getName() + " » n'a pas la bonne forme.");
			problem.setProperty("errors", List.of(new InvalidInput.FieldError(argument.getName(), "valeur invalide")));
			return ResponseEntity.badRequest().body(problem);
		}
		return super.handleConversionNotSupported(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidInput.FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new InvalidInput.FieldError(error.getField(), error.getDefaultMessage()))
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Données invalides",
				"Certains champs sont invalides.");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest().body(missingField(ex.getRequestPartName()));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest().body(missingField(ex.getParameterName()));
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Fichier trop volumineux",
					"Un document ne peut dépasser 20 Mo."));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Format non accepté",
					ex.getContentType() == null ? "Type de contenu absent ou mal formé."
							: "Type de contenu non accepté : " + ex.getContentType() + "."));
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() != null
				&& "about:blank".equals(problem.getType().toString())) {
			problem.setType(URI.create("urn:jalon:problem:http-" + statusCode.value()));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static ProblemDetail missingField(String name) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Données invalides",
				"Le champ « " + name + " » est obligatoire.");
		problem.setProperty("errors", List.of(new InvalidInput.FieldError(name, "obligatoire")));
		return problem;
	}

}
