package fr.jalon.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * One line of text under {@link PlainText}'s rule, {@code max} characters at most: an id, a code, a
 * query parameter. Null is valid (say {@code @NotBlank} when the text is required).
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.OfSingleLine.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

	/** The longest an id or a code is: generous, and still far from what a database or a log should take. */
	int ID = 100;

	int max() default ID;

	String message() default PlainText.MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
