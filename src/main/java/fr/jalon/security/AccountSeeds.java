package fr.jalon.security;

import java.util.List;


import fr.jalon.system.SeedFiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Creates the demo accounts of {@code seeds/accounts.yaml}, idempotently, when demo data is on. */
@Component
@Order(2)
@ConditionalOnProperty(name = "jalon.demo-data", havingValue = "true")
class AccountSeeds implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AccountSeeds.class);

	private final Accounts accounts;

	private final PasswordEncoder passwordEncoder;

	AccountSeeds(Accounts accounts, PasswordEncoder passwordEncoder) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		SeedFile file = SeedFiles.read("seeds/accounts.yaml", SeedFile.class);
		List<Seed> missing = file.accounts().stream().filter(seed -> !accounts.existsById(seed.username())).toList();
		if (!missing.isEmpty()) {
			String hash = passwordEncoder.encode(file.password());
			missing.forEach(seed -> accounts.save(new Account(seed.username(), hash, seed.role(), seed.scope())));
		}
		// Each demo account has its person's name, and the first of each body manages its members, unless its name
		// was set since (an account of a database older than names has its username as name).
		java.util.Set<String> bodies = new java.util.HashSet<>();
		for (Seed seed : file.accounts()) {
			boolean first = bodies.add(seed.role() + " " + seed.scope());
			Account account = accounts.findById(seed.username()).orElseThrow();
			if (seed.name() != null && account.displayName().equals(account.username())) {
				account.person(seed.name(), first);
			}
		}
		// Each demo account has the address of the file's pattern, unless it already has one (set since) or its seed
		// says it has none (mail: false).
		long addressed = 0;
		if (file.email() != null) {
			for (Seed seed : file.accounts()) {
				if (Boolean.FALSE.equals(seed.mail())) {
					continue;
				}
				Account account = accounts.findById(seed.username()).orElseThrow();
				if (account.email() == null) {
					account.mailPreferences(file.email().replace("{username}", seed.username()), account.mailDigest());
					addressed++;
				}
			}
		}
		log.info("Demo accounts: {} in the seed file, {} added, {} given an e-mail address", file.accounts().size(),
				missing.size(), addressed);
	}

	/** {@code email}: every demo account's address, {@code {username}} standing for its username. */
	record SeedFile(String password, String email, List<Seed> accounts) {
	}

	/** {@code name}: the person's; {@code mail: false}: no e-mail address. */
	record Seed(String username, String role, String scope, String name, Boolean mail) {
	}

}
