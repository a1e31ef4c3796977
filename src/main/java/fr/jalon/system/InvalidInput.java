package fr.jalon.system;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Malformed or invalid input: answered 400 with every fault in {@code errors}. */
public class InvalidInput extends RuntimeException {

	static final int MAX_ERRORS = 50;

	private final List<FieldError> errors;

	public InvalidInput(String detail, List<FieldError> errors) {
		super(detail);
		this.errors = List.copyOf(errors);
	}

	public static InvalidInput of(String field, String message) {
		return new InvalidInput(message, List.of(new FieldError(field, message)));
	}

	/**
	 * The one reading of Bean Validation's violations, wherever they come from (a service's parameters, a
	 * request record, a controller's): each names its field as the API spells it ({@code title},
	 * {@code partners[0]}, {@code assessment.E01.comment}, {@code candidacy}), with its French message.
	 */
	public static InvalidInput of(Set<? extends ConstraintViolation<?>> violations) {
		List<FieldError> errors = violations.stream()
			.map(violation -> new FieldError(field(violation.getPropertyPath()), violation.getMessage()))
			.distinct()
			.sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
			.toList();
		return fromErrors(errors);
	}

	private static InvalidInput fromErrors(List<FieldError> errors) {
		String detail = errors.size() == 1
				? "Le champ « " + errors.get(0).field() + " » est invalide : " + errors.get(0).message()
						+ " ; rien n'a été enregistré."
				: "Certains champs sont invalides ; rien n'a été enregistré.";
		return new InvalidInput(detail, firstOf(errors));
	}

	/** Spring's reading of the same violations (a controller's parameters), named the same way. */
	public static InvalidInput of(MethodValidationResult result) {
		List<FieldError> errors = new ArrayList<>();
		for (ParameterValidationResult parameter : result.getAllValidationResults()) {
			if (parameter instanceof ParameterErrors bean) {
				bean.getFieldErrors().forEach(error -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
				continue;
			}
			String name = name(parameter);
			if (parameter.getContainerIndex() != null) {
				name += "[" + parameter.getContainerIndex() + "]";
			}
			else if (parameter.getContainerKey() != null) {
				name += "." + PlainText.excerpt(String.valueOf(parameter.getContainerKey()));
			}
			for (var error : parameter.getResolvableErrors()) {
				errors.add(new FieldError(name, error.getDefaultMessage()));
			}
		}
		errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
		return fromErrors(errors);
	}

	/** A request parameter or path variable by the name the caller gave, else the Java parameter's. */
	private static String name(ParameterValidationResult parameter) {
		RequestParam param = parameter.getMethodParameter().getParameterAnnotation(RequestParam.class);
		if (param != null && !param.name().isEmpty()) {
			return param.name();
		}
		PathVariable variable = parameter.getMethodParameter().getParameterAnnotation(PathVariable.class);
		if (variable != null && !variable.name().isEmpty()) {
			return variable.name();
		}
		String name = parameter.getMethodParameter().getParameterName();
		return name == null ? "…" : name;
	}

	/** The field a violation's path leads to: the method and a bean parameter's own name left out. */
	static String field(Path path) {
		List<Path.Node> nodes = new ArrayList<>();
		path.forEach(nodes::add);
		StringBuilder field = new StringBuilder();
		for (int i = 0; i < nodes.size(); i++) {
			Path.Node node = nodes.get(i);
			ElementKind kind = node.getKind();
			if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
					|| kind == ElementKind.RETURN_VALUE || kind == ElementKind.BEAN) {
				continue;
			}
			if (kind == ElementKind.PARAMETER && i < nodes.size() - 1
					&& nodes.get(i + 1).getKind() == ElementKind.PROPERTY) {
				continue; // a request: its fields are named, not the parameter that holds it
			}
			if (node.isInIterable()) {
				if (node.getIndex() != null) {
					field.append('[').append(node.getIndex()).append(']');
				}
				else if (node.getKey() != null) {
					field.append('.').append(PlainText.excerpt(String.valueOf(node.getKey())));
				}
			}
			if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null && !node.getName().isEmpty()) {
				field.append(field.length() == 0 ? "" : ".").append(node.getName());
			}
		}
		return field.length() == 0 ? "…" : field.toString();
	}

	/** The first {@value #MAX_ERRORS} faults, then one saying how many more there are: an answer stays small. */
	public static List<FieldError> firstOf(List<FieldError> errors) {
		if (errors.size() <= MAX_ERRORS) {
			return errors;
		}
		List<FieldError> first = new java.util.ArrayList<>(errors.subList(0, MAX_ERRORS));
		first.add(new FieldError("…", (errors.size() - MAX_ERRORS) + " autre(s) erreur(s) du même genre"));
		return first;
	}

	public List<FieldError> errors() {
		return errors;
	}

	public record FieldError(String field, String message) {
	}

}
