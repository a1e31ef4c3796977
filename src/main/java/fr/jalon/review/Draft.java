package fr.jalon.review;

import java.time.Instant;
import java.util.Map;

/** A task form's draft: the values a user typed (by field name, see {@link TaskFields}), and when it was saved. */
public record Draft(String taskId, Map<String, String> values, Instant updated) {
}
