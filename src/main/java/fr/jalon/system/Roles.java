package fr.jalon.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an API operation, as its service checks it: read by the OpenAPI document
 * ({@code fr.jalon.security.ApiDocumentation}), which shows it on each operation ({@code x-jalon-roles} and the
 * description). It grants nothing: the services check roles and scopes ({@code fr.jalon.security.Visibilities});
 * ApiDocumentationTests checks that every {@code /api} handler carries one. Here in system, which every module may
 * use, not in security (which uses collectivite). Values: {@code Role.ADMIN}, {@code Role.COLLECTIVITE}
 * (fr.jalon.security.Role), or one of the constants below.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Roles {

	/** Every signed-in account; what it sees follows its scope (a candidacy it may not see answers 404). */
	String SIGNED_IN = "SIGNED_IN";

	/** A reviewer role that a deployed programme declares (DDT, EXPERT, commission, préfet…), within its scope. */
	String REVIEWER = "REVIEWER";

	/** The account named in the path itself. */
	String SELF = "SELF";

	/** Anyone, without credentials. */
	String PUBLIC = "PUBLIC";

	String[] value();

}
