package fr.jalon.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The ways into the pages that the login page offers: the form always, ProConnect when configured. */
@Component
public class SignInMethods {

	/** Where the ProConnect button leads: Spring Security's authorization request for the registration. */
	public static final String PROCONNECT = "/oauth2/authorization/" + ProConnect.REGISTRATION;

	private final boolean proconnect;

	SignInMethods(ObjectProvider<ProConnect.Login> proconnect) {
		this.proconnect = proconnect.getIfAvailable() != null;
	}

	/** Whether ProConnect is configured ({@code jalon.proconnect.*}). */
	public boolean proconnect() {
		return proconnect;
	}

}
