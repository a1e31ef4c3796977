package fr.jalon.mail;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import fr.jalon.security.Account;
import fr.jalon.security.Accounts;
import fr.jalon.security.Role;
import fr.jalon.security.Scoped;
import fr.jalon.security.Visibilities;

import org.springframework.stereotype.Component;

/**
 * Who receives what, written once: enabled accounts with an address, and for a candidacy only those who see it
 * ({@link Visibilities}, the rule the pages and the API apply). A reviewer who chose it gets a digest.
 */
@Component
public class Recipients {

	private final Accounts accounts;

	private final Visibilities visibilities;

	Recipients(Accounts accounts, Visibilities visibilities) {
		this.accounts = accounts;
		this.visibilities = visibilities;
	}

	/** The candidate collectivité's accounts (not its partners'). */
	public List<Recipient> collectiviteOf(Scoped candidacy) {
		return of(accounts.findByRoleAndEnabledTrueAndEmailIsNotNull(Role.COLLECTIVITE)
			.stream()
			.filter(account -> Objects.equals(account.scope(), candidacy.collectiviteCode())));
	}

	/**
	 * Who may act on a task: its assignee, else the accounts whose role is one of its candidate groups' ({@code ROLE}
	 * or {@code ROLE:scope}) and who see the candidacy.
	 */
	public List<Recipient> forTask(Scoped candidacy, List<String> groups, String assignee) {
		if (assignee != null) {
			return of(accounts.findById(assignee)
				.filter(account -> account.email() != null && visibilities.accountSees(account, candidacy))
				.stream());
		}
		return of(groups.stream()
			.map(group -> group.contains(":") ? group.substring(0, group.indexOf(':')) : group)
			.distinct()
			.flatMap(role -> withRoleWhoSee(role, candidacy).stream()));
	}

	/** The accounts of a role who see the candidacy (an escalation's); the administrators for no role. */
	public List<Recipient> withRole(String role, Scoped candidacy) {
		return of(withRoleWhoSee(role == null ? Role.ADMIN : role, candidacy).stream());
	}

	/** The reviewers who see the candidacy: the other side of a collectivité's message. */
	public List<Recipient> reviewersOf(Scoped candidacy) {
		return of(accounts.findByEnabledTrueAndEmailIsNotNull()
			.stream()
			.filter(account -> !Role.isPlatform(account.role()))
			.filter(account -> visibilities.accountSees(account, candidacy)));
	}

	private List<Account> withRoleWhoSee(String role, Scoped candidacy) {
		return accounts.findByRoleAndEnabledTrueAndEmailIsNotNull(role)
			.stream()
			.filter(account -> visibilities.accountSees(account, candidacy))
			.toList();
	}

	/** A digest is a reviewer's choice: a collectivité's and an administrator's mails always leave at once. */
	private static List<Recipient> of(Stream<Account> accounts) {
		return accounts.sorted(Comparator.comparing(Account::username))
			.map(account -> new Recipient(account.username(), account.email(),
					account.mailDigest() && !Role.isPlatform(account.role())))
			.toList();
	}

}
