package fr.jalon.system;

import java.io.IOException;


import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ready means ready: until Spring Boot says the application accepts traffic (after every start-up task, the
 * {@code ApplicationRunner}s that deploy the programmes and load the demo data among them), and again from the moment
 * it stops, every request but the health probes gets {@code 503 Service Unavailable} with {@code Retry-After}: a
 * problem detail for an API call, a French page for a browser. Ahead of every other filter, Spring Security's and the
 * session's included, so that no one gets a 401, a 403 or a 404 that only says the work is not done yet.
 */
@Configuration(proxyBeanMethods = false)
class NotReadyYet {

	/** Seconds a client should wait before asking again: a start or a stop takes seconds, not minutes. */
	static final int RETRY_AFTER_SECONDS = 5;

	static final String TITLE = "Service momentanément indisponible";

	/** The probes, which must answer whatever the state (they say it). */
	static final String PROBES = "/actuator/health";

	@Bean
	FilterRegistrationBean<Filter> notReadyYetFilter(ApplicationAvailability availability) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(availability));
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	static final class Filter extends OncePerRequestFilter {

		private final ApplicationAvailability availability;

		Filter(ApplicationAvailability availability) {
			this.availability = availability;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			return path.equals(PROBES) || path.startsWith(PROBES + "/");
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
				chain.doFilter(request, response);
				return;
			}
			// No readiness change yet: still starting. A change back to REFUSING_TRAFFIC: stopping.
			boolean stopping = availability.getLastChangeEvent(ReadinessState.class) != null;
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
			if (stopping) {
				// The next request had better open a connection that a load balancer sends to another node.
				response.setHeader(HttpHeaders.CONNECTION, "close");
			}
			response.setCharacterEncoding("UTF-8");
			String state = stopping ? "Jalon s'arrête sur ce serveur" : "Jalon démarre et n'est pas encore prêt";
			if (ContainerProblems.wantsProblem(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT))) {
				String detail = state + " : réessayez dans quelques secondes (voir l'en-tête Retry-After).";
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getWriter().write(ProblemJson.of("unavailable", TITLE, 503, detail, null));
			}
			else {
				response.setContentType(MediaType.TEXT_HTML_VALUE);
				response.getWriter()
					.write("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
							+ "<meta http-equiv=\"refresh\" content=\"" + RETRY_AFTER_SECONDS + "\"><title>" + TITLE
							+ " — Jalon</title></head><body><h1>" + TITLE + "</h1><p>" + state
							+ " : cette page se rechargera d'elle-même dans quelques secondes.</p></body></html>");
			}
		}

	}

}
