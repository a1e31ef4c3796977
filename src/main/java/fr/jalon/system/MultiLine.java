package fr.jalon.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Lines of text under {@link PlainText}'s rule, tabs and line breaks allowed, {@code max} characters
 * at most: a comment, a description, a reason. Null is valid.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.OfMultiLine.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface MultiLine {

	int max() default 4000;

	String message() default PlainText.MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
