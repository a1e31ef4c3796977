package fr.jalon.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page session follows its account: at each request, the signed-in user is compared with the
 * account as the database holds it now (one read by primary key, so every node sees the same). An
 * account disabled, re-scoped or given a new password since the sign-in ends the session, and the
 * request goes to the login form with the reason, {@value #ENDED}. HTTP Basic needs no such check:
 * it loads the account at each request.
 */
final class SessionsFollowAccounts extends OncePerRequestFilter {

	static final String ENDED = "/connexion?session-terminee";

	private final Accounts accounts;

	private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

	SessionsFollowAccounts(Accounts accounts) {
		this.accounts = accounts;
	}

	/** Static files carry nothing of anyone's: they cost no read of the account. */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/vendor/")
				|| path.equals("/favicon.ico");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof JalonUser user
				&& !accounts.stateOf(user.getUsername()).map(user::stillIs).orElse(false)) {
			logout.logout(request, response, authentication);
			response.sendRedirect(request.getContextPath() + ENDED);
			return;
		}
		chain.doFilter(request, response);
	}

}
