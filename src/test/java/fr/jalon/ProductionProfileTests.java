package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The production profile refuses demo data and insists on an administrator. */
class ProductionProfileTests {

	/** Started as from the command line, whose arguments win over application.yaml. */
	private static ConfigurableApplicationContext start(String database, String... arguments) {
		String[] all = java.util.stream.Stream
			.concat(java.util.stream.Stream.of("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
					"--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1"),
					java.util.Arrays.stream(arguments).map(argument -> "--" + argument))
			.toArray(String[]::new);
		return new SpringApplicationBuilder(JalonApplication.class).profiles("production").run(all);
	}

	@Test
	void refusesToStartWithDemoData() {
		assertThatThrownBy(() -> start("production-demo", "jalon.demo-data=true", "jalon.admin.username=chef",
				"jalon.admin.password=un mot de passe solide"))
			.hasStackTraceContaining("jalon.demo-data=true");
	}

	@Test
	void refusesToStartWithoutAnAdministrator() {
		assertThatThrownBy(() -> start("production-no-admin"))
			.hasStackTraceContaining("without an administrator");
	}

	@Test
	void refusesToStartWithAnAdministratorPasswordThePolicyRefuses() {
		assertThatThrownBy(() -> start("production-weak-admin", "jalon.admin.username=chef",
				"jalon.admin.password=123456789012"))
			.hasStackTraceContaining("password policy")
			.hasStackTraceContaining("les plus courants");
	}

	/** Checked before any connection: the database named here need not exist. */
	@Test
	void refusesToStartOnASharedDatabaseWithoutAConfiguredSigningKeystore() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(JalonApplication.class).profiles("production")
			.run("--server.port=0", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/jalon",
					"--jalon.admin.username=chef", "--jalon.admin.password=un mot de passe solide"))
			.hasMessageContaining("without jalon.certificates.keystore")
			.hasMessageContaining("jdbc:postgresql://127.0.0.1:9/jalon");
	}

	@Test
	void startsWithTheConfiguredAdministratorAndNoDemoAccount() {
		try (ConfigurableApplicationContext context = start("production-ok", "jalon.admin.username=chef",
				"jalon.admin.password=un mot de passe solide")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("select username from account", String.class)).containsExactly("chef");
			assertThat(jdbc.queryForObject("select password_hash from account", String.class)).startsWith("{bcrypt}")
				.doesNotContain("solide");
		}
	}

	@Test
	void restoresTheConfiguredAdministratorWhenNoneIsLeft() {
		try (ConfigurableApplicationContext context = start("production-restore", "jalon.admin.username=chef",
				"jalon.admin.password=un mot de passe solide")) {
			context.getBean(JdbcTemplate.class)
				.update("update account set enabled = false, role = 'COLLECTIVITE', scope = '81004' where username = 'chef'");
		}
		try (ConfigurableApplicationContext context = start("production-restore", "jalon.admin.username=chef",
				"jalon.admin.password=un autre mot de passe solide")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForMap("select role, scope, enabled from account where username = 'chef'"))
				.containsEntry("ROLE", "ADMIN")
				.containsEntry("SCOPE", null)
				.containsEntry("ENABLED", true);
			org.springframework.security.crypto.password.PasswordEncoder encoder = context
				.getBean(org.springframework.security.crypto.password.PasswordEncoder.class);
			assertThat(encoder.matches("un autre mot de passe solide",
					jdbc.queryForObject("select password_hash from account where username = 'chef'", String.class)))
				.isTrue();
		}
	}

}
