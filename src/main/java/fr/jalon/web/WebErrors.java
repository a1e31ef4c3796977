package fr.jalon.web;

import fr.jalon.security.JalonUser;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.Incomplete;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.system.TooLarge;
import fr.jalon.system.UnsupportedContent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages' answer to what the services throw: a French error page with the right status, never
 * a stack trace. (The API keeps its problem details: this advice covers only the pages.)
 */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

	private static final Logger log = LoggerFactory.getLogger(WebErrors.class);

	/** The signed-in user, for the layout's header. */
	@ModelAttribute("me")
	JalonUser me(@AuthenticationPrincipal JalonUser user) {
		return user;
	}

	/** The path of the page, for the menu's {@code aria-current}. */
	@ModelAttribute("path")
	String path(jakarta.servlet.http.HttpServletRequest request) {
		return request.getRequestURI();
	}

	@ExceptionHandler(NotFound.class)
	ModelAndView notFound(NotFound e, @AuthenticationPrincipal JalonUser user) {
		return page(HttpStatus.NOT_FOUND, "Page introuvable", e.getMessage(), user);
	}

	@ExceptionHandler(Forbidden.class)
	ModelAndView forbidden(Forbidden e, @AuthenticationPrincipal JalonUser user) {
		return page(HttpStatus.FORBIDDEN, "Accès refusé", e.getMessage(), user);
	}

	@ExceptionHandler(Conflict.class)
	ModelAndView conflict(Conflict e, @AuthenticationPrincipal JalonUser user) {
		return page(HttpStatus.CONFLICT, "Action impossible", e.getMessage(), user);
	}

	/** A lost optimistic lock, or a lock not obtained in time (lock timeout, deadlock): a concurrent change. */
	@ExceptionHandler(ConcurrencyFailureException.class)
	ModelAndView concurrentChange(ConcurrencyFailureException e, @AuthenticationPrincipal JalonUser user) {
		return page(HttpStatus.CONFLICT, "Action impossible",
				"Quelqu'un a modifié ces données en même temps ; rechargez la page et recommencez.", user);
	}

	@ExceptionHandler(InvalidInput.class)
	ModelAndView invalid(InvalidInput e, @AuthenticationPrincipal JalonUser user) {
		ModelAndView page = page(HttpStatus.BAD_REQUEST, "Données invalides", e.getMessage(), user);
		page.addObject("errors", e.errors().stream().map(error -> error.field() + " : " + error.message()).toList());
		return page;
	}

	/** Bean Validation outside the services' own check (which throws {@link InvalidInput}): read the same way. */
	@ExceptionHandler({ jakarta.validation.ConstraintViolationException.class,
			org.springframework.validation.method.MethodValidationException.class,
			org.springframework.web.method.annotation.HandlerMethodValidationException.class })
	ModelAndView violated(Exception e, @AuthenticationPrincipal JalonUser user) {
		return invalid(e instanceof jakarta.validation.ConstraintViolationException violation
				? InvalidInput.of(violation.getConstraintViolations())
				: InvalidInput.of((org.springframework.validation.method.MethodValidationResult) e), user);
	}

	@ExceptionHandler(Incomplete.class)
	ModelAndView incomplete(Incomplete e, @AuthenticationPrincipal JalonUser user) {
		ModelAndView page = page(HttpStatus.UNPROCESSABLE_ENTITY, "Données manquantes", e.getMessage(), user);
		page.addObject("errors", e.missing());
		return page;
	}

	@ExceptionHandler(UnsupportedContent.class)
	ModelAndView unsupported(UnsupportedContent e, @AuthenticationPrincipal JalonUser user) {
		return page(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Format non accepté", e.getMessage(), user);
	}

	@ExceptionHandler(TooLarge.class)
	ModelAndView tooLarge(TooLarge e, @AuthenticationPrincipal JalonUser user) {
		return page(HttpStatus.PAYLOAD_TOO_LARGE, "Fichier trop volumineux", e.getMessage(), user);
	}

	/** A form over the container's limits (2 MB of text, 20 MB a file): refused before anything reads it. */
	@ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
	ModelAndView formTooLarge(Exception e, @AuthenticationPrincipal JalonUser user) {
		return page(HttpStatus.PAYLOAD_TOO_LARGE, "Formulaire trop volumineux",
				"Le formulaire dépasse la taille admise : 2 Mo de texte, 20 Mo par document ; un référentiel "
						+ "ne dépasse pas 512 Ko. Rien n'a été enregistré.",
				user);
	}

	@ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
	ModelAndView unreadableForm(Exception e, @AuthenticationPrincipal JalonUser user) {
		return page(HttpStatus.BAD_REQUEST, "Formulaire illisible",
				"Le formulaire envoyé n'a pas pu être lu (un nom de fichier invalide, peut-être) ; rien n'a été enregistré.",
				user);
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	ModelAndView badRequest(Exception e, @AuthenticationPrincipal JalonUser user) {
		return page(HttpStatus.BAD_REQUEST, "Requête invalide", "Un paramètre de l'adresse est absent ou mal formé.",
				user);
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception e, @AuthenticationPrincipal JalonUser user) {
		log.error("Unexpected failure of a page", e);
		return page(HttpStatus.INTERNAL_SERVER_ERROR, "Erreur interne",
				"Une erreur inattendue est survenue ; rien n'a été enregistré. Réessayez ou contactez l'assistance.",
				user);
	}

	private static ModelAndView page(HttpStatus status, String title, String detail, JalonUser user) {
		ModelAndView page = new ModelAndView("error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("heading", title);
		page.addObject("detail", detail);
		page.addObject("me", user);
		return page;
	}

}
