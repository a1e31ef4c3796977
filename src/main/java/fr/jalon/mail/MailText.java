package fr.jalon.mail;

/** A mail's subject and plain-text body, in French, as its template wrote them. */
public record MailText(String subject, String body) {

}
