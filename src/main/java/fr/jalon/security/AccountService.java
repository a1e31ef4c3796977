package fr.jalon.security;

import org.springframework.validation.annotation.Validated;
import fr.jalon.system.SingleLine;
import jakarta.validation.Valid;
import java.util.List;
import java.util.regex.Pattern;

import fr.jalon.collectivite.Collectivites;
import fr.jalon.collectivite.Territories;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Conflict;
import fr.jalon.system.Duplicates;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts, managed by administrators: created with a role and a scope, disabled, re-scoped. */
@Service
@Validated
public class AccountService {

	static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9.-]{2,63}");

	/** An e-mail address as the outbox takes it: one @, a dotted domain, no space; 254 characters at most. */
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

	private final Accounts accounts;

	private final Collectivites collectivites;

	private final Territories territories;

	private final Visibilities visibilities;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final ApplicationEventPublisher events;

	AccountService(Accounts accounts, Collectivites collectivites, Territories territories, Visibilities visibilities,
			PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.collectivites = collectivites;
		this.territories = territories;
		this.visibilities = visibilities;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.events = events;
	}

	/** A page of the accounts, by username. */
	@Transactional(readOnly = true)
	public org.springframework.data.domain.Page<AccountView> list(JalonUser user, fr.jalon.system.Paging paging) {
		requireAdministrator(user);
		return accounts.findAll(paging.pageable(org.springframework.data.domain.Sort.by("username")))
			.map(AccountView::of);
	}

	@Transactional
	public AccountView create(JalonUser user, @Valid NewAccount request) {
		requireAdministrator(user);
		if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
			throw InvalidInput.of("username", "Identifiant invalide : 3 à 64 caractères, minuscules, chiffres, . et -.");
		}
		if (accounts.existsById(request.username())) {
			throw taken(request.username());
		}
		passwordPolicy.check(request.username(), request.password());
		String role = role(request.role());
		Account created = new Account(request.username(), passwordEncoder.encode(request.password()), role,
				requireScope(role, request.scope()));
		created.mailPreferences(email(request.email()), Boolean.TRUE.equals(request.mailDigest()));
		created.person(request.displayName() == null ? request.username() : displayName(request.displayName()),
				Boolean.TRUE.equals(request.managesMembers()));
		// Inserted now: an account of that name created meanwhile by another request is a conflict, not overwritten.
		Account account = Duplicates.asConflict(() -> accounts.saveAndFlush(created), () -> taken(created.username()));
		audit(user, "ACCOUNT_CREATED", account, role + (account.scope() == null ? "" : " " + account.scope()));
		return AccountView.of(account);
	}

	@Transactional
	public AccountView disable(JalonUser user, @SingleLine String username) {
		requireAdministrator(user);
		if (user.getUsername().equals(username)) {
			throw new Conflict("Un administrateur ne peut pas désactiver son propre compte.");
		}
		Account account = account(username);
		account.disable();
		audit(user, "ACCOUNT_DISABLED", account, null);
		return AccountView.of(account);
	}

	@Transactional
	public AccountView enable(JalonUser user, @SingleLine String username) {
		requireAdministrator(user);
		Account account = account(username);
		account.enable();
		audit(user, "ACCOUNT_ENABLED", account, null);
		return AccountView.of(account);
	}

	@Transactional
	AccountView rescope(JalonUser user, @SingleLine String username, @Valid ScopeChange request) {
		requireAdministrator(user);
		Account account = account(username);
		String role = role(request.role());
		if (user.getUsername().equals(username) && !Role.ADMIN.equals(role)) {
			throw new Conflict("Un administrateur ne peut pas se retirer son propre rôle.");
		}
		account.rescope(role, requireScope(role, request.scope()));
		audit(user, "ACCOUNT_RESCOPED", account, role + (account.scope() == null ? "" : " " + account.scope()));
		return AccountView.of(account);
	}

	@Transactional
	void changePassword(JalonUser user, @SingleLine String username, String password) {
		if (!user.is(Role.ADMIN) && !user.getUsername().equals(username)) {
			throw new Forbidden("Seul un administrateur change le mot de passe d'un autre compte.");
		}
		passwordPolicy.check(username, password);
		Account account = account(username);
		account.changePassword(passwordEncoder.encode(password));
		audit(user, "ACCOUNT_PASSWORD_CHANGED", account, null);
	}

	/** The signed-in user's own account. */
	@Transactional(readOnly = true)
	public AccountView own(JalonUser user) {
		return AccountView.of(account(user.getUsername()));
	}

	/** Its e-mail address and whether it takes a daily digest: the administrator's, or the account's own. */
	@Transactional
	public AccountView mailPreferences(JalonUser user, @SingleLine String username, @Valid MailPreferences request) {
		if (!user.is(Role.ADMIN) && !user.getUsername().equals(username)) {
			throw new Forbidden("Seul un administrateur change les préférences de courriel d'un autre compte.");
		}
		Account account = account(username);
		account.mailPreferences(email(request.email()), Boolean.TRUE.equals(request.mailDigest()));
		audit(user, "ACCOUNT_MAIL_PREFERENCES", account,
				(account.email() == null ? "sans adresse" : account.email()) + (account.mailDigest() ? ", digest" : ""));
		return AccountView.of(account);
	}

	/** A valid address, or none for a blank one. */
	static String email(String email) {
		if (email == null || email.isBlank()) {
			return null;
		}
		String address = email.strip();
		if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
			throw InvalidInput.of("email", "Adresse électronique invalide : « " + fr.jalon.system.PlainText.excerpt(address)
					+ " » (attendu : nom@domaine.fr).");
		}
		return address;
	}

	/** A person's name: one line, 1 to 200 characters, its spaces at both ends removed. */
	static String displayName(String name) {
		String stripped = name == null ? "" : name.strip();
		if (stripped.isEmpty() || stripped.length() > 200) {
			throw InvalidInput.of("displayName", "Nom invalide : le prénom et le nom de la personne, 200 caractères au plus.");
		}
		return stripped;
	}

	/** The account's scope for that role: a collectivité's code, a département's, a region's, or none. */
	String requireScope(String role, String scope) {
		boolean blank = scope == null || scope.isBlank();
		boolean valid;
		if (Role.ADMIN.equals(role)) {
			valid = blank;
		}
		else if (Role.COLLECTIVITE.equals(role)) {
			valid = !blank && collectivites.existsById(scope);
		}
		else {
			valid = switch (visibilities.scopeKindOf(role).orElseThrow()) {
				case NATIONAL -> blank;
				case DEPARTEMENT -> !blank && territories.departementName(scope) != null;
				case REGION -> territories.isRegion(scope);
			};
		}
		if (!valid) {
			throw InvalidInput.of("scope", "Périmètre invalide pour le rôle " + role
					+ " : une collectivité (code officiel), un département ou une région selon le rôle, aucun pour un rôle national.");
		}
		return blank ? null : scope;
	}

	/**
	 * The roles an account may have, with their French labels and what their scope is: the platform's two, then the
	 * reviewer roles that the deployed programmes declare with one kind of scope, by label.
	 */
	public List<RoleOption> roles() {
		List<RoleOption> roles = new java.util.ArrayList<>();
		roles.add(new RoleOption(Role.ADMIN, visibilities.label(Role.ADMIN), RoleOption.NONE));
		roles.add(new RoleOption(Role.COLLECTIVITE, visibilities.label(Role.COLLECTIVITE), RoleOption.COLLECTIVITE));
		visibilities.reviewerRoles()
			.forEach((role, label) -> visibilities.scopeKindOf(role)
				.ifPresent(kind -> roles.add(new RoleOption(role, label, switch (kind) {
					case DEPARTEMENT -> RoleOption.DEPARTEMENT;
					case REGION -> RoleOption.REGION;
					case NATIONAL -> RoleOption.NONE;
				}))));
		return roles;
	}

	/** A role as an account may have it; {@code scope}: what its scope names, one of the constants. */
	public record RoleOption(String role, String label, String scope) {

		public static final String NONE = "none";

		public static final String COLLECTIVITE = "collectivite";

		public static final String DEPARTEMENT = "departement";

		public static final String REGION = "region";

	}

	/** A platform role, or a reviewer role that the deployed programmes declare with one kind of scope. */
	String role(String role) {
		if (role != null && (Role.isPlatform(role) || visibilities.scopeKindOf(role).isPresent())) {
			return role;
		}
		throw InvalidInput.of("role", "Rôle inconnu : « " + role + " » ; rôles possibles : " + Role.ADMIN + ", "
				+ Role.COLLECTIVITE + " et ceux que déclarent les programmes.");
	}

	private static Conflict taken(String username) {
		return new Conflict("Le compte « " + username + " » existe déjà.");
	}

	private Account account(String username) {
		return accounts.findById(username).orElseThrow(() -> new NotFound("Compte introuvable : " + username + "."));
	}

	private static void requireAdministrator(JalonUser user) {
		if (!user.is(Role.ADMIN)) {
			throw new Forbidden("Seul un administrateur gère les comptes.");
		}
	}

	private void audit(JalonUser user, String action, Account account, String detail) {
		events.publishEvent(AuditEvent.on(user.getUsername(), action, "account:" + account.username(), detail));
	}

	/** {@code displayName}: the person's name (the username when absent); {@code managesMembers}: false when absent. */
	public record NewAccount(@SingleLine String username, String password, @SingleLine String role, @SingleLine String scope,
			@SingleLine String email, Boolean mailDigest, @SingleLine String displayName, Boolean managesMembers) {

		@Override
		public String toString() {
			return "NewAccount[" + username + ", " + role + ", " + scope + ", " + email + ", " + displayName + "]";
		}

	}

	record ScopeChange(@SingleLine String role, @SingleLine String scope) {
	}

	public record MailPreferences(@SingleLine String email, Boolean mailDigest) {
	}

	record PasswordChange(String password) {

		@Override
		public String toString() {
			return "PasswordChange[***]";
		}

	}

	public record AccountView(String username, String role, String scope, boolean enabled, java.time.Instant createdAt,
			String email, boolean mailDigest, String displayName, boolean managesMembers) {

		public static AccountView of(Account account) {
			return new AccountView(account.username(), account.role(), account.scope(), account.enabled(),
					account.createdAt(), account.email(), account.mailDigest(), account.displayName(),
					account.managesMembers());
		}

	}

}
