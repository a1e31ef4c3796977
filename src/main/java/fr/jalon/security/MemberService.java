package fr.jalon.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import fr.jalon.security.AccountService.AccountView;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Conflict;
import fr.jalon.system.Duplicates;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.system.PublicAddress;
import fr.jalon.system.SingleLine;

import jakarta.validation.Valid;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * The members of a body (the accounts of one role and scope: a collectivité's, a DDT's): a member who manages them
 * lists them, invites a person by e-mail (a single-use link, valid {@link #VALIDITY}), and removes one (disabled,
 * nothing deleted). The API ({@code /api/me/members}, {@code /api/me/invitations}) and the pages
 * ({@code /compte/membres}, {@code /invitations/...}) both call it. Templates ask it as {@code @members}.
 */
@Service("members")
@Validated
public class MemberService {

	/** How long an invitation's link may be used. */
	public static final Duration VALIDITY = Duration.ofDays(7);

	private final Accounts accounts;

	private final Invitations invitations;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final PublicAddress publicAddress;

	MemberService(Accounts accounts, Invitations invitations, PasswordEncoder passwordEncoder,
			PasswordPolicy passwordPolicy, ApplicationEventPublisher events, Clock clock, PublicAddress publicAddress) {
		this.accounts = accounts;
		this.invitations = invitations;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.events = events;
		this.clock = clock;
		this.publicAddress = publicAddress;
	}

	/** Whether the user manages the members of their body (the menu shows « Membres » then). */
	@Transactional(readOnly = true)
	public boolean manages(JalonUser user) {
		return user != null && accounts.findById(user.getUsername()).map(Account::managesMembers).orElse(false);
	}

	/** The accounts of the manager's body, enabled or not, by username. */
	@Transactional(readOnly = true)
	public List<AccountView> list(JalonUser user) {
		Account manager = manager(user);
		return accounts.members(manager.role(), manager.scope()).stream().map(AccountView::of).toList();
	}

	/** Invites a person to the manager's body: the link goes by e-mail, through the outbox. */
	@Transactional
	public InvitationView invite(JalonUser user, @Valid NewInvitation request) {
		Account manager = manager(user);
		String name = AccountService.displayName(request.displayName());
		String email = AccountService.email(request.email());
		if (email == null) {
			throw InvalidInput.of("email", "Indiquez l'adresse électronique de la personne invitée.");
		}
		String token = Secrets.newSecret();
		Instant now = clock.instant();
		Invitation invitation = invitations
			.save(new Invitation(Secrets.sha256(token), email, name, manager, now, now.plus(VALIDITY)));
		events.publishEvent(AuditEvent.on(user.getUsername(), "MEMBER_INVITED", "invitation:" + email, name));
		events.publishEvent(new InvitationSent(email, name, manager.displayName(),
				publicAddress.of("/invitations/" + token), invitation.expiresAt()));
		return InvitationView.of(invitation);
	}

	/** Disables a member of the manager's body; a manager never removes themself as the body's last manager. */
	@Transactional
	public AccountView remove(JalonUser user, @SingleLine String username) {
		Account manager = manager(user);
		Account member = accounts.findById(username)
			.filter(found -> sameBody(found, manager))
			.orElseThrow(() -> new NotFound("Membre introuvable : " + username + "."));
		if (member.username().equals(manager.username()) && accounts.members(manager.role(), manager.scope())
			.stream()
			.filter(other -> other.enabled() && other.managesMembers())
			.count() <= 1) {
			throw new Conflict("Vous êtes le dernier gestionnaire des membres : confiez d'abord ce droit à un autre membre.");
		}
		member.disable();
		events.publishEvent(AuditEvent.on(user.getUsername(), "MEMBER_REMOVED", "account:" + member.username(), null));
		return AccountView.of(member);
	}

	/** The invitation of a link, still to use: unknown, used or expired, a French 404. */
	@Transactional(readOnly = true)
	public InvitationView invitation(String token) {
		return InvitationView.of(usable(invitations.findById(Secrets.sha256(token))));
	}

	/** Uses the link once: creates the account of the invited person, with the inviter's role and scope. */
	@Transactional
	public AccountView accept(String token, @Valid Acceptance request) {
		Invitation invitation = usable(invitations.lockedById(Secrets.sha256(token)));
		String username = request.username() == null ? null : request.username().strip();
		if (username == null || !AccountService.USERNAME.matcher(username).matches()) {
			throw InvalidInput.of("username", "Identifiant invalide : 3 à 64 caractères, minuscules, chiffres, . et -.");
		}
		if (accounts.existsById(username)) {
			throw InvalidInput.of("username", "Cet identifiant est déjà pris : choisissez-en un autre.");
		}
		passwordPolicy.check(username, request.password());
		Account created = new Account(username, passwordEncoder.encode(request.password()), invitation.role(),
				invitation.scope());
		created.mailPreferences(invitation.email(), false);
		created.person(invitation.displayName(), false);
		Account account = Duplicates.asConflict(() -> accounts.saveAndFlush(created),
				() -> new Conflict("Le compte « " + username + " » existe déjà."));
		invitation.use(username, clock.instant());
		events.publishEvent(AuditEvent.on(username, "MEMBER_JOINED", "account:" + username,
				"invited by " + invitation.invitedBy()));
		return AccountView.of(account);
	}

	private Invitation usable(java.util.Optional<Invitation> found) {
		Invitation invitation = found.orElseThrow(() -> new NotFound(
				"Ce lien d'invitation est inconnu : vérifiez qu'il a été copié en entier depuis le courriel."));
		if (invitation.used()) {
			throw new NotFound("Ce lien d'invitation a déjà servi : connectez-vous avec le compte créé, "
					+ "ou demandez une nouvelle invitation.");
		}
		if (!clock.instant().isBefore(invitation.expiresAt())) {
			throw new NotFound("Ce lien d'invitation a expiré (il vaut " + VALIDITY.toDays()
					+ " jours) : demandez une nouvelle invitation à la personne qui vous a invité.");
		}
		// The inviter must still manage that body: a removed or re-scoped manager's links are no longer valid.
		boolean inviterStill = accounts.findById(invitation.invitedBy())
			.filter(inviter -> inviter.enabled() && inviter.managesMembers())
			.filter(inviter -> inviter.role().equals(invitation.role())
					&& Objects.equals(inviter.scope(), invitation.scope()))
			.isPresent();
		if (!inviterStill) {
			throw new NotFound("Ce lien d'invitation n'est plus valable : demandez une nouvelle invitation.");
		}
		return invitation;
	}

	private Account manager(JalonUser user) {
		Account account = accounts.findById(user.getUsername())
			.orElseThrow(() -> new Forbidden("Compte inconnu."));
		if (!account.managesMembers()) {
			throw new Forbidden("Seuls les gestionnaires des membres de votre structure voient et invitent ses membres.");
		}
		return account;
	}

	private static boolean sameBody(Account one, Account other) {
		return one.role().equals(other.role()) && Objects.equals(one.scope(), other.scope());
	}

	/** A person to invite: their e-mail address and name. */
	public record NewInvitation(@SingleLine String email, @SingleLine String displayName) {
	}

	/** What the invited person chooses: a username and a password. */
	public record Acceptance(@SingleLine String username, String password) {

		@Override
		public String toString() {
			return "Acceptance[" + username + ", ***]";
		}

	}

	/** An invitation as the API and the pages show it: never its token. */
	public record InvitationView(String email, String displayName, String role, String scope, String invitedBy,
			Instant expiresAt) {

		static InvitationView of(Invitation invitation) {
			return new InvitationView(invitation.email(), invitation.displayName(), invitation.role(),
					invitation.scope(), invitation.invitedBy(), invitation.expiresAt());
		}

	}

}
