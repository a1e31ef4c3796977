package fr.jalon.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user: a role, a scope, and what they may therefore see and do. A page session keeps it, serialized,
 * in the database (Spring Session JDBC), where every node reads it: its serial form stays readable across versions
 * of this class that only add to it ({@link #serialVersionUID}), and it holds no password hash once signed in.
 */
public final class JalonUser implements UserDetails, CredentialsContainer {

	private static final long serialVersionUID = 1L;

	private final String username;

	/** Checked at sign-in, then erased (see {@link #eraseCredentials()}): sessions keep no password hash. */
	private String passwordHash;

	private final String role;

	private final String scope;

	private final boolean enabled;

	private final int credentialsVersion;

	public JalonUser(String username, String passwordHash, String role, String scope, boolean enabled) {
		this(username, passwordHash, role, scope, enabled, 0);
	}

	private JalonUser(String username, String passwordHash, String role, String scope, boolean enabled,
			int credentialsVersion) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.scope = scope;
		this.enabled = enabled;
		this.credentialsVersion = credentialsVersion;
	}

	/** The account as a signed-in user, as it stands now. */
	static JalonUser of(Account account) {
		return new JalonUser(account.username(), account.passwordHash(), account.role(), account.scope(),
				account.enabled(), account.credentialsVersion());
	}

	/** Whether the account still is what this user signed in as: enabled, same role, scope and credentials. */
	boolean stillIs(AccountState account) {
		return account.enabled() && account.credentialsVersion() == credentialsVersion && role.equals(account.role())
				&& Objects.equals(scope, account.scope());
	}

	/** {@link Role#ADMIN}, {@link Role#COLLECTIVITE}, or a reviewer role a programme declares. */
	public String role() {
		return role;
	}

	public String scope() {
		return scope;
	}

	public boolean is(String candidate) {
		return role.equals(candidate);
	}

	/** A reviewer: a role that a programme declares, neither the administrator nor a collectivité. */
	public boolean isReviewer() {
		return !Role.isPlatform(role);
	}

	/** Whether this user is the collectivité that owns it. */
	public boolean owns(Scoped object) {
		return is(Role.COLLECTIVITE) && scope.equals(object.collectiviteCode());
	}

	/** The workflow candidate groups this user belongs to; none for an administrator. */
	public List<String> groups() {
		String group = Role.group(role, scope);
		return group == null ? List.of() : List.of(group);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + role));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	/** Called once the password is checked: a session keeps no copy of its account's password hash. */
	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public String toString() {
		return username + " (" + role + (scope == null ? "" : " " + scope) + ")";
	}

}
