package fr.jalon.security;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.client.RestTemplate;

/**
 * Sign-in with ProConnect (OpenID Connect), for the pages, when {@code jalon.proconnect.issuer-uri} is set (with
 * {@code client-id} and {@code client-secret}); unset, none of this exists and the login form is the only way in.
 * The provider's addresses come from its discovery document, read once at start.
 * <p>
 * An identity signs in as the Jalon account {@link ProConnectAccounts} links it to, or is refused with the page
 * {@value #REFUSAL_PAGE}, in no session. Signed in, the session holds a {@link JalonUser} as after the form (so that every
 * page and {@link SessionsFollowAccounts} treat both alike), and the identity's ID token beside it
 * ({@link ProConnectSession}): signing out of Jalon then signs out of ProConnect too (RP-initiated logout).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "jalon.proconnect", name = "issuer-uri")
class ProConnect {

	static final String REGISTRATION = "proconnect";

	/** What ProConnect is asked: the identity, its e-mail and names (ProConnect's given_name and usual_name). */
	static final String[] SCOPES = { "openid", "email", "given_name", "usual_name" };

	/** Where a refused identity lands (no session), request attribute {@link ProConnectRefusal#ATTRIBUTE} telling why. */
	static final String REFUSAL_PAGE = "/connexion/refus";

	@Bean
	ClientRegistrationRepository proconnectRegistration(@Value("${jalon.proconnect.issuer-uri}") String issuer,
			@Value("${jalon.proconnect.client-id}") String clientId,
			@Value("${jalon.proconnect.client-secret}") String clientSecret) {
		ClientRegistration registration = ClientRegistrations.fromIssuerLocation(issuer)
			.registrationId(REGISTRATION)
			.clientName("ProConnect")
			.clientId(clientId)
			.clientSecret(clientSecret)
			.scope(SCOPES)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.build();
		return new InMemoryClientRegistrationRepository(registration);
	}

	@Bean
	Login proconnectLogin(ClientRegistrationRepository registrations, ProConnectAccounts accounts, Accounts store,
			@Value("${jalon.proconnect.trust-issuer-emails:true}") boolean trustIssuerEmails,
			@Value("${jalon.proconnect.acr-values:}") String acrValues) {
		return new Login(registrations, accounts, store, trustIssuerEmails, acrValues);
	}

	/** The ProConnect part of a signed-in page session: what signing out of the provider needs. */
	record ProConnectSession(String registrationId, OidcIdToken idToken) implements Serializable {
	}

	/** The refusal of an identity, carried from the user service to the failure handler. */
	static final class Refused extends OAuth2AuthenticationException {

		private final transient ProConnectRefusal refusal;

		Refused(ProConnectRefusal refusal) {
			super(new OAuth2Error("jalon_" + refusal.reason().name().toLowerCase(java.util.Locale.ROOT)));
			this.refusal = refusal;
		}

	}

	/** An identity linked to an account: the account's username beside the identity. */
	static final class Linked extends DefaultOidcUser {

		private static final long serialVersionUID = 1L;

		private final String username;

		Linked(OidcUser user, String username) {
			super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
			this.username = username;
		}

	}

	/** The sign-in's pieces, put into the pages' filter chain by {@link SecurityConfig}. */
	static final class Login {

		private final ClientRegistrationRepository registrations;

		private final ProConnectAccounts accounts;

		private final Accounts store;

		private final boolean trustIssuerEmails;

		private final String acrValues;

		private final OidcUserService users;

		private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

		Login(ClientRegistrationRepository registrations, ProConnectAccounts accounts, Accounts store,
				boolean trustIssuerEmails, String acrValues) {
			this.registrations = registrations;
			this.accounts = accounts;
			this.store = store;
			this.trustIssuerEmails = trustIssuerEmails;
			this.acrValues = acrValues;
			this.users = userService(registrations.findByRegistrationId(REGISTRATION));
		}

		/** Spring's user service, reading userinfo as JSON or, as ProConnect answers it, a signed JWT. */
		private static OidcUserService userService(ClientRegistration registration) {
			RestTemplate rest = new RestTemplate();
			rest.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
			rest.getMessageConverters().add(0, new SignedUserInfo(registration.getProviderDetails().getJwkSetUri()));
			DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
			userInfo.setRestOperations(rest);
			OidcUserService users = new OidcUserService();
			users.setOauth2UserService(userInfo);
			return users;
		}

		void configure(HttpSecurity http) throws Exception {
			DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
					registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
			if (!acrValues.isBlank()) {
				requests.setAuthorizationRequestCustomizer(
						request -> request.additionalParameters(parameters -> parameters.put("acr_values", acrValues)));
			}
			http.oauth2Login(login -> login.loginPage("/connexion")
				.clientRegistrationRepository(registrations)
				.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(this::link))
				.successHandler(this::signedIn)
				.failureHandler(this::refused));
		}

		/**
		 * The identity's account. Its e-mail counts as verified when the identity says so ({@code email_verified});
		 * when it says nothing (ProConnect sends no such claim: the identity providers it federates vouch for the
		 * professional addresses of their agents), when {@code jalon.proconnect.trust-issuer-emails} (true by default).
		 */
		private OidcUser link(OidcUserRequest request) {
			OidcUser user = users.loadUser(request);
			Boolean claimed = user.getEmailVerified();
			boolean verified = claimed != null ? claimed : trustIssuerEmails;
			ProConnectAccounts.Outcome outcome = accounts.signIn(String.valueOf(user.getIdToken().getIssuer()),
					user.getSubject(), user.getEmail(), verified, name(user));
			if (outcome.refusal() != null) {
				throw new Refused(new ProConnectRefusal(outcome.refusal(), user.getEmail()));
			}
			return new Linked(user, outcome.account().username());
		}

		/** The person's name: ProConnect's given_name and usual_name (its family name), or none. */
		private static String name(OidcUser user) {
			String name = ((user.getGivenName() == null ? "" : user.getGivenName()) + " "
					+ (user.getClaimAsString("usual_name") == null ? "" : user.getClaimAsString("usual_name"))).strip();
			return name.isEmpty() ? null : name;
		}

		/** The session becomes the account's, as after the form, the ID token kept for signing out. */
		private void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
				throws IOException {
			OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
			Linked linked = (Linked) token.getPrincipal();
			JalonUser user = JalonUser.of(store.findById(linked.username).orElseThrow());
			user.eraseCredentials();
			UsernamePasswordAuthenticationToken session = UsernamePasswordAuthenticationToken.authenticated(user, null,
					user.getAuthorities());
			session.setDetails(new ProConnectSession(token.getAuthorizedClientRegistrationId(), linked.getIdToken()));
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(session);
			SecurityContextHolder.setContext(context);
			contexts.saveContext(context, request, response);
			response.sendRedirect(request.getContextPath() + "/espace");
		}

		/** Refused, or the provider's answer was not a sign-in: the refusal page, no session left. */
		private void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
				throws IOException, ServletException {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
			request.setAttribute(ProConnectRefusal.ATTRIBUTE, e instanceof Refused refused ? refused.refusal
					: new ProConnectRefusal(ProConnectRefusal.Reason.FAILED, null));
			request.getRequestDispatcher(REFUSAL_PAGE).forward(request, response);
		}

		/** Signing out: of ProConnect too for a session it signed in (back to the login page), else as before. */
		LogoutSuccessHandler signOut(LogoutSuccessHandler local) {
			OidcClientInitiatedLogoutSuccessHandler provider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
			provider.setPostLogoutRedirectUri("{baseUrl}" + SecurityConfig.SIGNED_OUT);
			provider.setDefaultTargetUrl(SecurityConfig.SIGNED_OUT);
			return (request, response, authentication) -> {
				if (authentication != null && authentication.getDetails() instanceof ProConnectSession session) {
					Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
					provider.onLogoutSuccess(request, response, new OAuth2AuthenticationToken(
							new DefaultOidcUser(authorities, session.idToken()), authorities, session.registrationId()));
				}
				else {
					local.onLogoutSuccess(request, response, authentication);
				}
			};
		}

	}

	static LogoutSuccessHandler localSignOut() {
		SimpleUrlLogoutSuccessHandler handler = new SimpleUrlLogoutSuccessHandler();
		handler.setDefaultTargetUrl(SecurityConfig.SIGNED_OUT);
		return handler;
	}

}
