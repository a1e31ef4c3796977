package fr.jalon.referential;

import java.time.Instant;
import java.util.Set;

/** A referential version in a listing: its state and, while piloted, its pilot collectivités. */
public record VersionSummary(String programme, int version, VersionStatus status, String title, Set<String> pilots,
		Instant createdAt, Instant publishedAt) {

}
