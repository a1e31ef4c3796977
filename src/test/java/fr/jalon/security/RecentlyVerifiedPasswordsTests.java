package fr.jalon.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import fr.jalon.MutableClock;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** bcrypt once per password and stored hash within five minutes, not once per request; a wrong password always. */
class RecentlyVerifiedPasswordsTests {

	private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final AtomicInteger checks = new AtomicInteger();

	private final PasswordEncoder counted = new PasswordEncoder() {

		@Override
		public String encode(CharSequence rawPassword) {
			return bcrypt.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			checks.incrementAndGet();
			return bcrypt.matches(rawPassword, encodedPassword);
		}

	};

	private final MutableClock clock = new MutableClock();

	private final RecentlyVerifiedPasswords passwords = new RecentlyVerifiedPasswords(counted, clock);

	private final String stored = bcrypt.encode("un mot de passe solide");

	@Test
	void checksARightPasswordWithBcryptOnceThenRemembersIt() {
		for (int request = 0; request < 20; request++) {
			assertThat(passwords.matches("un mot de passe solide", stored)).isTrue();
		}
		assertThat(checks).hasValue(1);
	}

	@Test
	void alwaysChecksAWrongPassword() {
		assertThat(passwords.matches("un mot de passe solide", stored)).isTrue();
		for (int guess = 0; guess < 5; guess++) {
			assertThat(passwords.matches("un mot de passe solidE", stored)).isFalse();
		}
		assertThat(checks).hasValue(6);
	}

	@Test
	void forgetsAPasswordWhenItsStoredHashChanges() {
		assertThat(passwords.matches("un mot de passe solide", stored)).isTrue();
		String changed = bcrypt.encode("un autre mot de passe");
		assertThat(passwords.matches("un mot de passe solide", changed)).isFalse();
		assertThat(passwords.matches("un autre mot de passe", changed)).isTrue();
		assertThat(checks).hasValue(3);
	}

	@Test
	void checksAgainAfterFiveMinutes() {
		assertThat(passwords.matches("un mot de passe solide", stored)).isTrue();
		clock.advance(RecentlyVerifiedPasswords.REMEMBERED.minusSeconds(1));
		assertThat(passwords.matches("un mot de passe solide", stored)).isTrue();
		assertThat(checks).hasValue(1);
		clock.advance(Duration.ofSeconds(1));
		assertThat(passwords.matches("un mot de passe solide", stored)).isTrue();
		assertThat(checks).hasValue(2);
	}

}
