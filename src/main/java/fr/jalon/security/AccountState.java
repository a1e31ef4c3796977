package fr.jalon.security;

/** The part of an account a signed-in user was authenticated with; a change to any of it ends their sessions. */
record AccountState(boolean enabled, String role, String scope, int credentialsVersion) {
}
