package fr.jalon.security;

import java.net.URI;
import java.util.List;

import fr.jalon.security.AccountService.AccountView;
import fr.jalon.security.AccountService.MailPreferences;
import fr.jalon.security.AccountService.NewAccount;
import fr.jalon.security.AccountService.PasswordChange;
import fr.jalon.security.AccountService.ScopeChange;

import fr.jalon.system.Roles;
import fr.jalon.system.Paging;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * {@code /api/accounts}: administrators manage accounts; passwords are never returned. {@code /api/me/...}: what
 * an account sets for itself.
 */
@RestController
@RequestMapping("/api")
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@Roles(Role.ADMIN)
	@GetMapping("/accounts")
	ResponseEntity<List<AccountView>> list(@AuthenticationPrincipal JalonUser user, Paging paging,
			HttpServletRequest request) {
		return paging.answer(accounts.list(user, paging), request);
	}

	@Roles(Role.ADMIN)
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping("/accounts")
	ResponseEntity<AccountView> create(@AuthenticationPrincipal JalonUser user, @RequestBody NewAccount request) {
		AccountView account = accounts.create(user, request);
		return ResponseEntity.created(URI.create("/api/accounts/" + account.username())).body(account);
	}

	@Roles(Role.ADMIN)
	@PostMapping("/accounts/{username}/disable")
	AccountView disable(@AuthenticationPrincipal JalonUser user, @PathVariable String username) {
		return accounts.disable(user, username);
	}

	@Roles(Role.ADMIN)
	@PostMapping("/accounts/{username}/enable")
	AccountView enable(@AuthenticationPrincipal JalonUser user, @PathVariable String username) {
		return accounts.enable(user, username);
	}

	@Roles(Role.ADMIN)
	@PutMapping("/accounts/{username}/scope")
	AccountView rescope(@AuthenticationPrincipal JalonUser user, @PathVariable String username,
			@RequestBody ScopeChange request) {
		return accounts.rescope(user, username, request);
	}

	@Roles({ Role.ADMIN, Roles.SELF })
	@PutMapping("/accounts/{username}/mail-preferences")
	AccountView mailPreferences(@AuthenticationPrincipal JalonUser user, @PathVariable String username,
			@RequestBody MailPreferences request) {
		return accounts.mailPreferences(user, username, request);
	}

	@Roles(Roles.SIGNED_IN)
	@PutMapping("/me/mail-preferences")
	AccountView myMailPreferences(@AuthenticationPrincipal JalonUser user, @RequestBody MailPreferences request) {
		return accounts.mailPreferences(user, user.getUsername(), request);
	}

	@Roles({ Role.ADMIN, Roles.SELF })
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PutMapping("/accounts/{username}/password")
	ResponseEntity<Void> changePassword(@AuthenticationPrincipal JalonUser user, @PathVariable String username,
			@RequestBody PasswordChange request) {
		accounts.changePassword(user, username, request.password());
		return ResponseEntity.noContent().build();
	}

}
