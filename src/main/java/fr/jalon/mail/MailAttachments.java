package fr.jalon.mail;

import java.util.Optional;

/**
 * The hook for a mail's attachment: a module that provides one (the deposit receipt's PDF, say) declares a bean of
 * this type. A mail of the outbox names its attachment by a reference ({@code attachment_ref}, e.g.
 * {@code deposit-receipt:<candidacy id>} for an acknowledgement of submission); the sender asks this bean for its
 * content when it sends. Without such a bean, or when it has nothing for the reference, the mail leaves without.
 */
public interface MailAttachments {

	/** The reference a submission's acknowledgement carries. */
	static String depositReceipt(String candidacyId) {
		return "deposit-receipt:" + candidacyId;
	}

	Optional<Attachment> find(String reference);

	record Attachment(String filename, String contentType, byte[] content) {
	}

}
