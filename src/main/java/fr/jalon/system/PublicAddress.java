package fr.jalon.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address where people reach Jalon, printed in certificates (their QR code) and linked from e-mails: the one
 * place that decides it. {@code jalon.public-url} when set (behind a proxy, the address the public knows); else the
 * address that actually serves the application: the scheme, host and port of the request under way (forwarded
 * headers honoured, {@code server.forward-headers-strategy}), or, on a thread without a request (a job of the
 * engine), {@code localhost} on the port the server listens on.
 */
@Component
public class PublicAddress {

	private final String configured;

	private final String contextPath;

	/** {@code http://localhost:<port>} once the server listens; the configured port until then. */
	private volatile String served;

	PublicAddress(@Value("${jalon.public-url:}") String configured, @Value("${server.port:8080}") int port,
			@Value("${server.servlet.context-path:}") String contextPath) {
		this.configured = configured.isBlank() ? null : withoutTrailingSlash(configured.strip());
		this.contextPath = withoutTrailingSlash(contextPath);
		this.served = local(port);
	}

	/** The port the server actually listens on (with {@code server.port=0}, the one it was given). */
	@EventListener
	void on(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) { // not the management server
			served = local(event.getWebServer().getPort());
		}
	}

	/** The base address, without a trailing slash: {@code https://jalon.example.gouv.fr}. */
	public String base() {
		if (configured != null) {
			return configured;
		}
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			return withoutTrailingSlash(ServletUriComponentsBuilder.fromContextPath(request).toUriString());
		}
		return served;
	}

	/** The address of a path of Jalon's: {@code of("/certificats/JAL-…")}. */
	public String of(String path) {
		return base() + path;
	}

	private String local(int port) {
		return "http://localhost:" + port + contextPath;
	}

	private static String withoutTrailingSlash(String url) {
		return url.replaceAll("/+$", "");
	}

}
