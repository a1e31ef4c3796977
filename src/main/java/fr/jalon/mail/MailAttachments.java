package fr.jalon.mail;

import java.util.Optional;

/**
 * The hook for a mail's attachment: a module that provides one (the deposit receipt's PDF, say) declares a bean of
 * this type. A mail of the outbox names its attachment by a reference ({@code attachment_ref}, e.g.
 * {@code deposit-receipt:<candidacy id>:<number>} for an acknowledgement of a deposit); the sender asks this bean for its
 * content when it sends. Without such a bean, or when it has nothing for the reference, the mail leaves without.
 */
public interface MailAttachments {

	/** The reference an acknowledgement of a deposit carries: its receipt's PDF ({@link ReceiptAttachments}). */
	static String depositReceipt(String candidacyId, int number) {
		return DEPOSIT_RECEIPT + candidacyId + ":" + number;
	}

	String DEPOSIT_RECEIPT = "deposit-receipt:";

	Optional<Attachment> find(String reference);

	record Attachment(String filename, String contentType, byte[] content) {
	}

}
