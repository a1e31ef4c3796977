package fr.jalon.security;

import java.io.Serializable;

/**
 * Why a ProConnect identity signs in as no account, and the e-mail it came with: what the refusal page says. Put on
 * the request as {@link #ATTRIBUTE} by the sign-in's failure handler.
 */
public record ProConnectRefusal(Reason reason, String email) implements Serializable {

	public static final String ATTRIBUTE = ProConnectRefusal.class.getName();

	public enum Reason {

		/** No enabled account of that e-mail without an identity already (or several: none is chosen). */
		NO_ACCOUNT,

		/** The identity's e-mail is not verified: it may not be trusted to name an account. */
		UNVERIFIED_EMAIL,

		/** The account it is linked to is disabled. */
		DISABLED,

		/** The provider's answer was no sign-in (refused there, expired, tampered with). */
		FAILED

	}

}
