package fr.jalon.workflow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** When a collectivité's task is due, and how long before it the collectivité is reminded. */
@ConfigurationProperties("jalon.deadlines")
public record Deadlines(@DefaultValue("P30D") Duration due, @DefaultValue("P7D") Duration reminderBefore) {

	public Deadlines {
		if (due.isNegative() || due.isZero() || reminderBefore.isNegative() || reminderBefore.compareTo(due) >= 0) {
			throw new IllegalArgumentException(
					"jalon.deadlines: due must be positive and reminder-before shorter than it");
		}
	}

	Duration reminderAfter() {
		return due.minus(reminderBefore);
	}

}
