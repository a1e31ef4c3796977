package fr.jalon.message;

/**
 * A message was posted on a candidacy's thread, published in the transaction that stores it.
 * {@code fromCollectivite} says which side wrote: the other side is told.
 */
public record MessagePosted(String candidacyId, long messageId, String author, boolean fromCollectivite,
		String text) {

}
