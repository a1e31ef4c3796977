package fr.jalon.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic on {@code /api/**}, stateless; only certificate verification and health are public.
 * The pages sign in with a form, in a session, with CSRF protection.
 * What each role may do on which object is checked by the services themselves.
 */
@Configuration
class SecurityConfig {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http) throws Exception {
		return http.securityMatcher("/api/**", "/engine-rest/**", "/camunda/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/api/certificates/*")
				.permitAll()
				// The engine's own surfaces are not deployed; were they ever, only administrators reach them.
				.requestMatchers("/engine-rest/**", "/camunda/**")
				.hasRole(Role.ADMIN)
				.anyRequest()
				.authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> problem(response, 401,
					"Authentification requise", "Identifiez-vous (HTTP Basic) avec un compte Jalon.")))
			.exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) -> problem(response,
					403, "Action non autorisée", "Votre rôle ne permet pas cette action.")))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.build();
	}

	/** The pages: a login form ({@code /connexion}), a session, CSRF protection, logout. */
	@Bean
	@Order(2)
	SecurityFilterChain site(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests(requests -> requests.requestMatchers("/", "/index.html", "/css/**", "/actuator/health",
					"/error", "/certificats/**")
				.permitAll()
				.requestMatchers("/connexion", "/js/**", "/favicon.ico", "/certificats/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(form -> form.loginPage("/connexion").defaultSuccessUrl("/espace", false).failureUrl("/connexion?erreur"))
			.logout(logout -> logout.logoutUrl("/deconnexion").logoutSuccessUrl("/connexion?deconnexion"))
			.build();
	}

	private static void problem(HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		if (status == 401) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"Jalon\"");
		}
		response.getWriter()
			.write("{\"type\":\"urn:jalon:problem:" + (status == 401 ? "unauthorized" : "forbidden")
					+ "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
	}

}
