package fr.jalon.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A name people read, under {@link PlainText}'s rule: one line, {@code max} characters at most, no
 * invisible or reversing format character, something visible. A title, a file name. Null is valid
 * (say {@code @NotBlank} when the name is required).
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.OfName.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Name {

	int max() default 200;

	String message() default PlainText.MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
