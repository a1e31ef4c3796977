package fr.jalon.certificate;

/**
 * A certificate was issued, published in the transaction that stores it: {@code heading} as printed, {@code url}
 * where anyone verifies it.
 */
public record CertificateIssued(String candidacyId, String code, String kind, String heading, String url) {

}
