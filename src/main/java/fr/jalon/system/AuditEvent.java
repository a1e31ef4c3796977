package fr.jalon.system;

/**
 * Something a person or the system did that the audit trail keeps: who, what, on which candidacy
 * or other object. Published in the transaction of the change, so it is kept only if the change is.
 */
public record AuditEvent(String actor, String action, String candidacyId, String target, String detail) {

	public static AuditEvent onCandidacy(String actor, String action, String candidacyId, String detail) {
		return new AuditEvent(actor, action, candidacyId, null, detail);
	}

	public static AuditEvent on(String actor, String action, String target, String detail) {
		return new AuditEvent(actor, action, null, target, detail);
	}

}
