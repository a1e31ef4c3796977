package fr.jalon.web;

import fr.jalon.security.JalonUser;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address that is no page answers the French 404 page; under {@code /api} it stays a
 * problem detail (left to the API's advice).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class MissingPages implements HandlerExceptionResolver {

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception exception) {
		if (!(exception instanceof NoResourceFoundException) || request.getRequestURI().startsWith("/api/")) {
			return null;
		}
		ModelAndView page = new ModelAndView("error");
		page.setStatus(HttpStatus.NOT_FOUND);
		page.addObject("status", 404);
		page.addObject("heading", "Page introuvable");
		page.addObject("detail", "Cette adresse ne correspond à aucune page de Jalon.");
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		page.addObject("me", authentication != null && authentication.getPrincipal() instanceof JalonUser user ? user : null);
		return page;
	}

}
