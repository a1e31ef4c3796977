package fr.jalon.security;

import java.net.URI;
import java.util.List;

import fr.jalon.security.AccountSessions.Ended;
import fr.jalon.security.AccountSessions.SessionView;
import fr.jalon.security.ApiTokenService.CreatedToken;
import fr.jalon.security.ApiTokenService.NewToken;
import fr.jalon.security.ApiTokenService.TokenView;

import fr.jalon.system.Roles;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/me/tokens}: the caller's own API tokens (the secret only in the answer that creates one);
 * {@code /api/me/sessions}: the caller's page sessions, listed and ended everywhere. The API itself keeps no session.
 */
@RestController
@RequestMapping("/api/me")
class TokenController {

	private final ApiTokenService tokens;

	private final AccountSessions sessions;

	TokenController(ApiTokenService tokens, AccountSessions sessions) {
		this.tokens = tokens;
		this.sessions = sessions;
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/tokens")
	List<TokenView> list(@AuthenticationPrincipal JalonUser user) {
		return tokens.list(user);
	}

	@Roles(Roles.SIGNED_IN)
	@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
	@PostMapping("/tokens")
	ResponseEntity<CreatedToken> create(@AuthenticationPrincipal JalonUser user, @RequestBody NewToken request) {
		CreatedToken created = tokens.create(user, request);
		return ResponseEntity.created(URI.create("/api/me/tokens/" + created.view().id())).body(created);
	}

	@Roles(Roles.SIGNED_IN)
	@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
	@DeleteMapping("/tokens/{id}")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		tokens.revoke(user, id);
		return ResponseEntity.noContent().build();
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/sessions")
	List<SessionView> sessions(@AuthenticationPrincipal JalonUser user) {
		return sessions.list(user, null);
	}

	/** Every page session ended; with {@code tokens=true}, every token revoked too. */
	@Roles(Roles.SIGNED_IN)
	@DeleteMapping("/sessions")
	Ended endSessions(@AuthenticationPrincipal JalonUser user,
			@RequestParam(name = "tokens", defaultValue = "false") boolean revokeTokens) {
		return sessions.endAll(user, revokeTokens);
	}

}
