package fr.jalon.mail;

import java.util.Optional;

import fr.jalon.receipt.DepositReceipts;
import fr.jalon.system.NotFound;

import org.springframework.stereotype.Component;

/** The deposit receipt's PDF, attached to the acknowledgement of each deposit when it leaves the outbox. */
@Component
class ReceiptAttachments implements MailAttachments {

	private final DepositReceipts receipts;

	ReceiptAttachments(DepositReceipts receipts) {
		this.receipts = receipts;
	}

	@Override
	public Optional<Attachment> find(String reference) {
		if (reference == null || !reference.startsWith(DEPOSIT_RECEIPT)) {
			return Optional.empty();
		}
		String rest = reference.substring(DEPOSIT_RECEIPT.length());
		int colon = rest.lastIndexOf(':');
		if (colon < 0) {
			return Optional.empty();
		}
		String candidacyId = rest.substring(0, colon);
		int number = Integer.parseInt(rest.substring(colon + 1));
		try {
			return Optional.of(new Attachment(
					"accuse-de-reception-" + DepositReceipts.reference(candidacyId, number) + ".pdf", "application/pdf",
					receipts.pdf(candidacyId, number)));
		}
		catch (NotFound gone) {
			return Optional.empty();
		}
	}

}
