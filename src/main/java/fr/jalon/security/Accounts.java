package fr.jalon.security;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface Accounts extends JpaRepository<Account, String> {

	/** What a signed-in session must still match, read by primary key on each page request. */
	@Query("select new fr.jalon.security.AccountState(a.enabled, a.role, a.scope, a.credentialsVersion)"
			+ " from Account a where a.username = ?1")
	Optional<AccountState> stateOf(String username);

	/** The enabled accounts of a role that have an e-mail address: whom a mail may go to. */
	List<Account> findByRoleAndEnabledTrueAndEmailIsNotNull(String role);

	/** The accounts of one body: a role and a scope (none for a national role). */
	@Query("select a from Account a where a.role = ?1 and (a.scope = ?2 or (?2 is null and a.scope is null))"
			+ " order by a.username")
	List<Account> members(String role, String scope);

	/** The enabled accounts that have an e-mail address. */
	List<Account> findByEnabledTrueAndEmailIsNotNull();

}
