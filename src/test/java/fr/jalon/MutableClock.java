package fr.jalon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock that tests move forward, standing in for the application's {@link Clock}: a test class
 * {@code @Import(MutableClock.InContext.class)} and autowires it.
 */
public final class MutableClock extends Clock {

	@TestConfiguration
	public static class InContext {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

	}

	private volatile Instant now = Instant.now();

	/** Sets the time, in the past too (a campaign of 2020). */
	public void set(Instant instant) {
		now = instant;
	}

	public void advance(Duration duration) {
		now = now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return now;
	}

}
