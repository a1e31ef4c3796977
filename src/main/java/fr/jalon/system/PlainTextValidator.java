package fr.jalon.system;

import java.lang.annotation.Annotation;
import java.util.function.ToIntFunction;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link PlainText}'s rule as Bean Validation: the fault, in French, becomes the violation's message. */
public abstract class PlainTextValidator<A extends Annotation> implements ConstraintValidator<A, CharSequence> {

	private final PlainText.Kind kind;

	private final ToIntFunction<A> max;

	private int limit;

	PlainTextValidator(PlainText.Kind kind, ToIntFunction<A> max) {
		this.kind = kind;
		this.max = max;
	}

	@Override
	public void initialize(A annotation) {
		this.limit = max.applyAsInt(annotation);
	}

	@Override
	public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
		return PlainText.fault(value == null ? null : value.toString(), kind, limit).map(fault -> {
			// The fault names a code point or a number, never the text: nothing of the caller's is interpolated.
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(fault.replace("{", "").replace("}", "").replace("$", ""))
				.addConstraintViolation();
			return false;
		}).orElse(true);
	}

	public static final class OfSingleLine extends PlainTextValidator<SingleLine> {

		public OfSingleLine() {
			super(PlainText.Kind.LINE, SingleLine::max);
		}

	}

	public static final class OfName extends PlainTextValidator<Name> {

		public OfName() {
			super(PlainText.Kind.NAME, Name::max);
		}

	}

	public static final class OfMultiLine extends PlainTextValidator<MultiLine> {

		public OfMultiLine() {
			super(PlainText.Kind.LINES, MultiLine::max);
		}

	}

}
