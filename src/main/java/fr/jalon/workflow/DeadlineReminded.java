package fr.jalon.workflow;

import java.time.Instant;

/** A deadline of the collectivité's draws near ({@code ${sendReminder}}): {@code title} as its programme names it. */
public record DeadlineReminded(String candidacyId, String title, Instant due) {

}
