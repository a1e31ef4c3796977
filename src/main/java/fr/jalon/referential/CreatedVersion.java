package fr.jalon.referential;

/**
 * What sending a version gave: the version, and whether it was stored now ({@code false} when the same
 * content had been sent before under that number, and nothing changed).
 */
public record CreatedVersion(Referential referential, boolean created) {
}
