package fr.jalon.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import fr.jalon.system.ProblemJson;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * An API token ({@code Authorization: Bearer}, see {@link BearerTokens}) or HTTP Basic on {@code /api/**} and the actuator (metrics: administrators), stateless; only certificate verification and the health probes are
 * public.
 * The pages sign in with a form, in a session, with CSRF protection.
 * What each role may do on which object is checked by the services themselves.
 */
@Configuration
class SecurityConfig {

	/** Where signing out lands, whichever way the session was signed in. */
	static final String SIGNED_OUT = "/connexion?deconnexion";

	private static final String LOCKED = "Trop d'échecs de connexion pour ce compte ou depuis cette adresse : "
			+ "réessayez dans quelques minutes (voir l'en-tête Retry-After).";

	private static final String UNAUTHORIZED = "Identifiez-vous avec un jeton d'API (Authorization: Bearer …, "
			+ "voir « Sessions et jetons ») ou, par compatibilité, en HTTP Basic avec un compte Jalon.";

	/**
	 * What a page may load and run: its own files only. No inline script, no event handler attribute, no style
	 * attribute (TemplatesWithoutInlineCodeTests keeps templates and scripts so); data: images are the DSFR's and
	 * bpmn-js's icons in their style sheets; frames of the same origin are the documents' previews.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'self'; frame-src 'self'";

	/**
	 * The headers of every answer, pages and API alike. HSTS only on a secure request: HTTPS, or a trusted proxy's
	 * X-Forwarded-Proto: https (server.forward-headers-strategy). Cache-Control: no-store unless the answer set its own
	 * (static files, application.yaml spring.web.resources.cache), which Spring Security leaves as it is.
	 */
	static void headers(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(365L * 24 * 3600));
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * The one way in, for HTTP Basic and the form alike: the password, throttled (see {@link ThrottledLogins}), its
	 * bcrypt check remembered a few minutes (see {@link RecentlyVerifiedPasswords}).
	 */
	@Bean
	AuthenticationProvider logins(AccountUserDetailsService accounts, PasswordEncoder passwordEncoder,
			LoginFailures failures, Clock clock) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
		RecentlyVerifiedPasswords verified = new RecentlyVerifiedPasswords(passwordEncoder, clock);
		passwords.setPasswordEncoder(verified);
		return new ThrottledLogins(passwords, failures, verified);
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, Clock clock, ApiTokenService tokens) throws Exception {
		AuthenticationEntryPoint unauthorized = unauthorized(clock);
		return http.securityMatcher("/api/**", "/engine-rest/**", "/camunda/**", "/actuator/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/api/certificates/*")
				.permitAll()
				// The open data: public, without authentication (opendata/OpenDataController).
				.requestMatchers(HttpMethod.GET, "/api/open-data/**")
				.permitAll()
				// The probes: public and without a session, for a load balancer or an orchestrator; an administrator
				// signed in with HTTP Basic sees their components and details (management.endpoint.health.roles).
				.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
				.permitAll()
				// The rest, metrics among them (they name programmes, stages and volumes): administrators, like the API.
				.requestMatchers("/actuator/**")
				.hasRole(Role.ADMIN)
				// The engine's own surfaces are not deployed; were they ever, only administrators reach them.
				.requestMatchers("/engine-rest/**", "/camunda/**")
				.hasRole(Role.ADMIN)
				.anyRequest()
				.authenticated())
			.addFilterBefore(new BearerTokens(tokens, unauthorized), BasicAuthenticationFilter.class)
			.httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler((request, response, e) -> problem(response,
					403, "Action non autorisée", "Votre rôle ne permet pas cette action.")))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.headers(SecurityConfig::headers)
			.build();
	}

	/**
	 * The pages: a login form ({@code /connexion}), ProConnect when configured ({@link ProConnect}), a session, CSRF
	 * protection, logout.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain site(HttpSecurity http, Accounts accounts,
			org.springframework.beans.factory.ObjectProvider<ProConnect.Login> proconnect) throws Exception {
		ExceptionMappingAuthenticationFailureHandler failed = new ExceptionMappingAuthenticationFailureHandler();
		failed.setExceptionMappings(Map.of(ThrottledLogins.Locked.class.getName(), "/connexion?bloque"));
		failed.setDefaultFailureUrl("/connexion?erreur");
		ProConnect.Login oidc = proconnect.getIfAvailable();
		if (oidc != null) {
			oidc.configure(http);
		}
		return http
			.authorizeHttpRequests(requests -> requests.requestMatchers("/", "/index.html", "/css/**", "/error",
					"/certificats/**")
				.permitAll()
				.requestMatchers("/connexion", "/js/**", "/vendor/**", "/favicon.ico", "/robots.txt", "/certificats/**")
				.permitAll()
				// The footer's pages and the accessibility statement (web/PublicPages, web/AccessibilityPage).
				.requestMatchers("/mentions-legales", "/donnees-personnelles", "/plan-du-site", "/accessibilite")
				.permitAll()
				// The open data, its page and its files (opendata/OpenDataController, web/PublicPages).
				.requestMatchers(HttpMethod.GET, "/donnees-ouvertes", "/donnees-ouvertes/**")
				.permitAll()
				// An invitation's link: the invited person has no account yet (web/MemberPages).
				.requestMatchers("/invitations/*")
				.permitAll()
				// ProConnect's refusal page and « Mot de passe oublié » (web/SignInPages).
				.requestMatchers("/connexion/refus", "/connexion/mot-de-passe-oublie", "/connexion/nouveau-mot-de-passe")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(form -> form.loginPage("/connexion").defaultSuccessUrl("/espace", false).failureHandler(failed))
			.logout(logout -> logout.logoutUrl("/deconnexion")
				.logoutSuccessHandler(oidc == null ? ProConnect.localSignOut() : oidc.signOut(ProConnect.localSignOut())))
			.addFilterAfter(new SessionsFollowAccounts(accounts), LogoutFilter.class)
			// A document's preview (« Aperçu ») is framed by the candidacy's page: same origin only, never elsewhere.
			.headers(headers -> headers(headers.frameOptions(frame -> frame.sameOrigin())))
			.build();
	}

	/**
	 * Without credentials, with wrong ones, or with a token refused: one answer, naming both ways in (the API and the
	 * OpenAPI document alike).
	 */
	static AuthenticationEntryPoint unauthorized(Clock clock) {
		return (request, response, e) -> {
			if (e instanceof ThrottledLogins.Locked locked) {
				response.setHeader("Retry-After", String.valueOf(retryAfter(locked, clock)));
				problem(response, 401, "Authentification requise", LOCKED);
			}
			else {
				problem(response, 401, "Authentification requise", UNAUTHORIZED);
			}
		};
	}

	/** Seconds until the lock ends, rounded up, at least one. */
	private static long retryAfter(ThrottledLogins.Locked locked, Clock clock) {
		return Math.max(1, (Duration.between(clock.instant(), locked.until()).toMillis() + 999) / 1000);
	}

	static void problem(HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		if (status == 401) {
			response.addHeader("WWW-Authenticate", "Bearer realm=\"Jalon\"");
			response.addHeader("WWW-Authenticate", "Basic realm=\"Jalon\"");
		}
		response.getWriter()
			.write(ProblemJson.of(status == 401 ? "unauthorized" : "forbidden", title, status, detail, null));
	}

}
