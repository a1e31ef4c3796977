package fr.jalon.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AccountUserDetailsService implements UserDetailsService {

	private final Accounts accounts;

	AccountUserDetailsService(Accounts accounts) {
		this.accounts = accounts;
	}

	/**
	 * An unknown name is an answer, not an error: it leaves the caller's transaction to commit (a login
	 * at its throttle's budget is checked inside the transaction that counts it, see LoginFailures).
	 */
	@Override
	@Transactional(readOnly = true, noRollbackFor = UsernameNotFoundException.class)
	public UserDetails loadUserByUsername(String username) {
		return accounts.findById(username)
			.map(JalonUser::of)
			.orElseThrow(() -> new UsernameNotFoundException("unknown account"));
	}

}
