package fr.jalon.mail;

/** Whom a mail goes to: an account's address, and whether that account takes its mails as a daily digest. */
public record Recipient(String username, String email, boolean digest) {

}
