package fr.jalon.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * In production, Jalon refuses to start with demo data on, or with no administrator: one is
 * created at first start from {@code jalon.admin.username} and {@code jalon.admin.password}.
 */
@Component
@Profile("production")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProductionSafeguards implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProductionSafeguards.class);

	private final Accounts accounts;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final String adminUsername;

	private final String adminPassword;

	ProductionSafeguards(Accounts accounts, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
			@Value("${jalon.demo-data:false}") boolean demoData, @Value("${jalon.admin.username:}") String adminUsername,
			@Value("${jalon.admin.password:}") String adminPassword) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.adminUsername = adminUsername;
		this.adminPassword = adminPassword;
		if (demoData) {
			throw new IllegalStateException(
					"Production profile with jalon.demo-data=true: demo accounts with a known password must never run in production");
		}
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (accounts.findAll().stream().anyMatch(account -> Role.ADMIN.equals(account.role()) && account.enabled())) {
			return;
		}
		if (adminUsername.isBlank()) {
			throw new IllegalStateException("Production profile without an administrator: set JALON_ADMIN_USERNAME and "
					+ "JALON_ADMIN_PASSWORD for the first start");
		}
		passwordPolicy.fault(adminUsername, adminPassword).ifPresent(fault -> {
			throw new IllegalStateException("Production profile without an administrator: JALON_ADMIN_PASSWORD does "
					+ "not fit the password policy (" + fault + ")");
		});
		String hash = passwordEncoder.encode(adminPassword);
		Account existing = accounts.findById(adminUsername).orElse(null);
		if (existing == null) {
			accounts.save(new Account(adminUsername, hash, Role.ADMIN, null));
			log.info("Administrator account {} created", adminUsername);
			return;
		}
		// The way back in when no administrator is left: the account named is made one again, with the password
		// given (its open sessions end, as with every such change).
		existing.rescope(Role.ADMIN, null);
		existing.enable();
		existing.changePassword(hash);
		log.warn("No enabled administrator: account {} restored as administrator with the configured password",
				adminUsername);
	}

}
