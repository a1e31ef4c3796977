package fr.jalon.system;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;


import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Problem details for the errors the servlet container answers by itself, out of Spring MVC's reach:
 * requests Tomcat refuses before any application code runs (malformed request line, headers too
 * large, bad Content-Length, undecodable path), and errors it forwards to {@code /error} (a path
 * the security firewall refuses, a body that cannot be read). An API call then gets
 * {@code application/problem+json}, never Tomcat's HTML page nor Spring Boot's error map; a browser
 * asking for a web page still gets an HTML page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerProblems {

	/** Replaces Tomcat's error report valve (Spring Boot's included) by one that answers problem details. */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
		return new ValveCustomizer();
	}

	/** Error dispatches of API calls answer a problem detail instead of Spring Boot's error map. */
	@Bean
	FilterRegistrationBean<Filter> apiErrorDispatches() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ApiErrorFilter());
		registration.setDispatcherTypes(DispatcherType.ERROR);
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * {@code /error} asked for by a client (not the container's forward of an error): an address like any other
	 * that names nothing, so a 404, as a problem detail or as the French page, never Spring Boot's 500.
	 */
	@Bean
	FilterRegistrationBean<Filter> directErrorRequests() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new DirectErrorFilter());
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.addUrlPatterns(ERROR_PATH, ERROR_PATH + "/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * A form the container cannot read while a filter asks it for a parameter (the CSRF token of a page's
	 * multipart form with a NUL in a file name): a 400, answered as any other, not an exception out of the
	 * filters (a 500).
	 */
	@Bean
	FilterRegistrationBean<Filter> unreadableForms() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((req, res, chain) -> {
			try {
				chain.doFilter(req, res);
			}
			catch (org.apache.tomcat.util.http.fileupload.InvalidFileNameException e) {
				HttpServletResponse response = (HttpServletResponse) res;
				if (!response.isCommitted()) {
					response.sendError(HttpServletResponse.SC_BAD_REQUEST);
				}
			}
		});
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Where the container forwards its errors (Spring Boot's default, left unchanged). */
	static final String ERROR_PATH = "/error";

	/** An API call, or a request too malformed to tell, or a client that does not ask for HTML. */
	static boolean wantsProblem(String uri, String accept) {
		if (uri == null || uri.isEmpty() || !uri.startsWith("/") || isApi(uri)) {
			return true;
		}
		return accept == null || !accept.contains("text/html");
	}

	static boolean isApi(String uri) {
		String path = uri.replaceAll("/{2,}", "/");
		return path.startsWith("/api/") || path.equals("/api");
	}

	static String problemJson(int status, String instance) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = known == null ? "Erreur " + status : switch (known) {
			case BAD_REQUEST -> "Requête illisible";
			case NOT_FOUND -> "Introuvable";
			case PAYLOAD_TOO_LARGE -> "Requête trop volumineuse";
			case URI_TOO_LONG -> "Adresse trop longue";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "En-têtes trop volumineux";
			case INTERNAL_SERVER_ERROR -> "Erreur interne";
			default -> known.getReasonPhrase();
		};
		String detail = status >= 500
				? "Une erreur inattendue est survenue ; rien n'a été enregistré. Réessayez ou contactez l'assistance."
				: status == 404 ? "Cette adresse ne correspond à aucune ressource de Jalon."
						: "La requête a été refusée avant d'être traitée : sa forme (ligne de requête, en-têtes, chemin ou corps) n'est pas valide.";
		return ProblemJson.of("http-" + status, title, status, detail, instance);
	}

	static final class ValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers(context -> {
				Container host = context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
						host.getPipeline().removeValve(valve);
					}
				}
				if (host instanceof StandardHost standardHost) {
					standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
				}
				host.getPipeline().addValve(new ProblemReportValve());
			});
		}

		/** After Spring Boot's own customizer, which adds the valve this one replaces. */
		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/** Tomcat's error report, as a problem detail; the HTML page, without server details, for browsers. */
	public static class ProblemReportValve extends ErrorReportValve {

		public ProblemReportValve() {
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			String uri;
			String accept;
			try {
				uri = request.getRequestURI();
				accept = request.getHeader("Accept");
			}
			catch (RuntimeException e) {
				uri = null;
				accept = null;
			}
			if (wantsProblem(uri, accept)) {
				write(response, MediaType.APPLICATION_PROBLEM_JSON_VALUE, status -> problemJson(status, null));
			}
			else {
				write(response, "text/html", ContainerProblems::frenchPage);
			}
		}

	}

	/** A browser's page for a request refused before any application code ran: in French, as every page. */
	static String frenchPage(int status) {
		return "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Requête refusée — Jalon"
				+ "</title></head><body><h1>Requête refusée</h1><p class=\"code-erreur\">Erreur " + status
				+ "</p><p>La demande a été refusée avant d'être traitée : son adresse ou sa forme n'est pas valide.</p>"
				+ "<p><a href=\"/\">Retour à l'accueil</a></p></body></html>";
	}

	/** Tomcat's error report, written once, if the response still can take one. */
	private static void write(Response response, String contentType, IntFunction<String> body) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(contentType);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body.apply(status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException e) {
			// The client is gone, or the response is no longer writable: nothing more to say.
		}
	}

	/** A request for the error path itself: a problem detail 404, or the French 404 page through the container. */
	static final class DirectErrorFilter implements Filter {

		@Override
		public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException {
			HttpServletRequest request = (HttpServletRequest) req;
			HttpServletResponse response = (HttpServletResponse) res;
			if (!wantsProblem(request.getRequestURI(), request.getHeader("Accept"))) {
				response.sendError(HttpServletResponse.SC_NOT_FOUND);
				return;
			}
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(problemJson(HttpServletResponse.SC_NOT_FOUND, request.getRequestURI()));
			response.flushBuffer();
		}

	}

	/** On an error dispatch of an API call, writes the problem detail itself. */
	static final class ApiErrorFilter implements Filter {

		@Override
		public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
				throws IOException, ServletException {
			HttpServletRequest request = (HttpServletRequest) req;
			HttpServletResponse response = (HttpServletResponse) res;
			Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
			if (!(uri instanceof String path) || !isApi(path) || response.isCommitted()) {
				chain.doFilter(req, res);
				return;
			}
			Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
			int status = code instanceof Integer number ? number : response.getStatus();
			response.resetBuffer();
			response.setStatus(status);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(problemJson(status, path));
			response.flushBuffer();
		}

	}

}
