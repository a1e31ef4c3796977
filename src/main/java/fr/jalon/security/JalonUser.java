package fr.jalon.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user: a role, a scope, and what they may therefore see and do. */
public final class JalonUser implements UserDetails {

	private final String username;

	private final String passwordHash;

	private final Role role;

	private final String scope;

	private final boolean enabled;

	private final boolean nonLocked;

	public JalonUser(String username, String passwordHash, Role role, String scope, boolean enabled) {
		this(username, passwordHash, role, scope, enabled, true);
	}

	private JalonUser(String username, String passwordHash, Role role, String scope, boolean enabled,
			boolean nonLocked) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.scope = scope;
		this.enabled = enabled;
		this.nonLocked = nonLocked;
	}

	/** The account as a signed-in user; locked while too many failed logins slow it down. */
	static JalonUser of(Account account, boolean nonLocked) {
		return new JalonUser(account.username(), account.passwordHash(), account.role(), account.scope(),
				account.enabled(), nonLocked);
	}

	public Role role() {
		return role;
	}

	public String scope() {
		return scope;
	}

	public boolean is(Role candidate) {
		return role == candidate;
	}

	/** Whether this user may see that candidacy (or document, task, certificate of it). */
	public boolean canSee(Scoped object) {
		return switch (role) {
			case ADMIN -> true;
			case COLLECTIVITE -> scope.equals(object.collectiviteCode()) || object.partnerCodes().contains(scope);
			case DDT, PREFET -> scope.equals(object.departementCode());
			case REGIONAL_COMMISSION, PREFET_REGION -> scope.equals(object.regionCode());
			case EXPERT, NATIONAL_COMMISSION -> "ecoquartier".equals(object.programmeId());
		};
	}

	/** Whether this user is the collectivité that owns it. */
	public boolean owns(Scoped object) {
		return role == Role.COLLECTIVITE && scope.equals(object.collectiviteCode());
	}

	/** The workflow candidate groups this user belongs to; none for an administrator. */
	public List<String> groups() {
		String group = role.group(scope);
		return group == null ? List.of() : List.of(group);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
	}

	@Override
	public String getPassword() {
		return passwordHash;
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
	public boolean isAccountNonLocked() {
		return nonLocked;
	}

	@Override
	public String toString() {
		return username + " (" + role + (scope == null ? "" : " " + scope) + ")";
	}

}
