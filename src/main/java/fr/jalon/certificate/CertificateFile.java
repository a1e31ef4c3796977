package fr.jalon.certificate;

/** A certificate's PDF, as downloaded. */
record CertificateFile(String code, String sha256, byte[] content) {

}
