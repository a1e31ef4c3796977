package fr.jalon.certificate;

/** {@code POST /api/certificates/{code}/revoke}; its reason checked by {@link Certificates#revoke}. */
record RevocationRequest(String reason) {

}
