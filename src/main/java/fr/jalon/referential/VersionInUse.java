package fr.jalon.referential;

import java.time.Instant;

/**
 * A version that candidacies may run with (published, piloted or retired), as the database lists it: what
 * {@link DeclaredRoles} asks on each request, without the content.
 */
record VersionInUse(String programme, int version, VersionStatus status, Instant createdAt) {

	/** The stored version's id. */
	String id() {
		return programme + ":" + version;
	}

}
