package fr.jalon.security;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.jalon.system.AuditEvent;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.system.SingleLine;

import fr.jalon.system.Roles;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bodies whose agents get an account at their first ProConnect sign-in when none has their e-mail: an e-mail
 * domain, and the role and scope of the accounts it gets. Managed by administrators only,
 * {@code /api/proconnect/allowed-bodies}; empty, no account is ever created from an identity.
 */
@Service
class ProConnectAllowList {

	/** A domain name, lower case: labels of letters, digits and hyphens, dotted, at least two. */
	private static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

	private final JdbcTemplate jdbc;

	private final AccountService accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ProConnectAllowList(JdbcTemplate jdbc, AccountService accounts, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	record AllowedBody(String emailDomain, String role, String scope, Instant createdAt, String createdBy) {
	}

	record NewAllowedBody(String emailDomain, String role, String scope) {
	}

	@Transactional(readOnly = true)
	List<AllowedBody> list(JalonUser user) {
		requireAdministrator(user);
		return jdbc.query("select * from proconnect_allowed_body order by email_domain", (row, n) -> new AllowedBody(
				row.getString("email_domain"), row.getString("role"), row.getString("scope"),
				row.getTimestamp("created_at").toInstant(), row.getString("created_by")));
	}

	@Transactional
	AllowedBody allow(JalonUser user, NewAllowedBody request) {
		requireAdministrator(user);
		String domain = request.emailDomain() == null ? "" : request.emailDomain().strip().toLowerCase(Locale.ROOT);
		if (!DOMAIN.matcher(domain).matches()) {
			throw InvalidInput.of("emailDomain", "Domaine de courriel invalide : attendu un nom de domaine comme ddt-tarn.gouv.fr.");
		}
		String role = accounts.role(request.role());
		if (Role.ADMIN.equals(role)) {
			throw InvalidInput.of("role", "Un compte administrateur ne se crée pas à la connexion ProConnect.");
		}
		String scope = accounts.requireScope(role, request.scope());
		if (lookUp(domain).isPresent()) {
			throw new Conflict("Le domaine « " + domain + " » est déjà autorisé.");
		}
		AllowedBody body = new AllowedBody(domain, role, scope, clock.instant(), user.getUsername());
		jdbc.update("insert into proconnect_allowed_body (email_domain, role, scope, created_at, created_by)"
				+ " values (?, ?, ?, ?, ?)", domain, role, scope, Timestamp.from(body.createdAt()), body.createdBy());
		events.publishEvent(AuditEvent.on(user.getUsername(), "PROCONNECT_BODY_ALLOWED", "proconnect:" + domain,
				role + (scope == null ? "" : " " + scope)));
		return body;
	}

	@Transactional
	void remove(JalonUser user, @SingleLine String domain) {
		requireAdministrator(user);
		if (jdbc.update("delete from proconnect_allowed_body where email_domain = ?", domain) == 0) {
			throw new NotFound("Domaine non autorisé : " + domain + ".");
		}
		events.publishEvent(AuditEvent.on(user.getUsername(), "PROCONNECT_BODY_REMOVED", "proconnect:" + domain, null));
	}

	/** The body of that e-mail's domain, if allowed. */
	Optional<AllowedBody> ofEmail(String email) {
		int at = email == null ? -1 : email.lastIndexOf('@');
		return at < 0 ? Optional.empty() : lookUp(email.substring(at + 1).strip().toLowerCase(Locale.ROOT));
	}

	private Optional<AllowedBody> lookUp(String domain) {
		return jdbc.query("select * from proconnect_allowed_body where email_domain = ?", (row, n) -> new AllowedBody(
				row.getString("email_domain"), row.getString("role"), row.getString("scope"),
				row.getTimestamp("created_at").toInstant(), row.getString("created_by")), domain).stream().findFirst();
	}

	private static void requireAdministrator(JalonUser user) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur gère les organismes autorisés à ProConnect.");
		}
	}

	@RestController
	static class Endpoints {

		private final ProConnectAllowList allowList;

		Endpoints(ProConnectAllowList allowList) {
			this.allowList = allowList;
		}

		@Roles(Role.ADMIN)
		@GetMapping("/api/proconnect/allowed-bodies")
		List<AllowedBody> list(@AuthenticationPrincipal JalonUser user) {
			return allowList.list(user);
		}

		@Roles(Role.ADMIN)
		@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
		@PostMapping("/api/proconnect/allowed-bodies")
		ResponseEntity<AllowedBody> allow(@AuthenticationPrincipal JalonUser user, @RequestBody NewAllowedBody request) {
			AllowedBody body = allowList.allow(user, request);
			return ResponseEntity.created(URI.create("/api/proconnect/allowed-bodies/" + body.emailDomain())).body(body);
		}

		@Roles(Role.ADMIN)
		@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
		@DeleteMapping("/api/proconnect/allowed-bodies/{domain}")
		ResponseEntity<Void> remove(@AuthenticationPrincipal JalonUser user, @PathVariable String domain) {
			allowList.remove(user, domain);
			return ResponseEntity.noContent().build();
		}

	}

}
