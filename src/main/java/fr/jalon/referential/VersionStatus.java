package fr.jalon.referential;

/** The life of a referential version; immutable once published. */
public enum VersionStatus {

	DRAFT, PILOT, PUBLISHED, RETIRED

}
