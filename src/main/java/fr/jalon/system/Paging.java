package fr.jalon.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The page of a list a caller asks for, the same way for every list (API contract, « Lists »): {@code page} from 0,
 * {@code size} from 1 to {@value #MAX_SIZE}, {@value #DEFAULT_SIZE} by default. A controller takes it as a
 * parameter (read by {@link Resolver}: a bad value is a 400 naming {@code page} or {@code size}), applies the list's
 * filters before it, and answers with {@link #answer}: the page's items as a JSON array, the total count in
 * {@code X-Total-Count}, and RFC 8288 {@code Link} headers {@code next} and {@code prev}.
 */
public record Paging(int page, int size) {

	public static final String PAGE = "page";

	public static final String SIZE = "size";

	public static final int DEFAULT_SIZE = 50;

	public static final int MAX_SIZE = 500;

	public static final String TOTAL_COUNT = "X-Total-Count";

	/** A number as an address writes it: ASCII digits, no sign, no spaces, no other script's digits. */
	private static final Pattern NUMBER = Pattern.compile("[0-9]{1,10}");

	public Paging {
		if (page < 0 || size < 1 || size > MAX_SIZE || (long) page * size > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("page " + page + " of size " + size);
		}
	}

	/** The first page, of the default size. */
	public static Paging first() {
		return new Paging(0, DEFAULT_SIZE);
	}

	/**
	 * The page asked for by the query parameters {@code page} and {@code size} (absent or empty: the first page, of
	 * {@value #DEFAULT_SIZE}); {@link InvalidInput} naming the parameter for anything else than one number in range.
	 */
	public static Paging of(Map<String, String[]> parameters) {
		List<InvalidInput.FieldError> faults = new ArrayList<>();
		Integer page = number(parameters, PAGE, faults);
		Integer size = number(parameters, SIZE, faults);
		if (page != null && page < 0) {
			faults.add(new InvalidInput.FieldError(PAGE, "le numéro de page commence à 0"));
		}
		if (size != null && (size < 1 || size > MAX_SIZE)) {
			faults.add(new InvalidInput.FieldError(SIZE, "la taille d'une page va de 1 à " + MAX_SIZE));
		}
		int asked = page == null ? 0 : page;
		int sized = size == null ? DEFAULT_SIZE : size;
		if (faults.isEmpty() && (long) asked * sized > Integer.MAX_VALUE) {
			faults.add(new InvalidInput.FieldError(PAGE, "page trop lointaine : " + asked + " pages de " + sized));
		}
		if (!faults.isEmpty()) {
			throw new InvalidInput("Pagination invalide : " + faults.get(0).message() + ".", faults);
		}
		return new Paging(asked, sized);
	}

	private static Integer number(Map<String, String[]> parameters, String name, List<InvalidInput.FieldError> faults) {
		String[] values = parameters.get(name);
		if (values == null || values.length == 0 || values.length == 1 && values[0].isEmpty()) {
			return null;
		}
		if (values.length > 1) {
			faults.add(new InvalidInput.FieldError(name, "une seule valeur attendue"));
			return null;
		}
		if (!NUMBER.matcher(values[0]).matches() || Long.parseLong(values[0]) > Integer.MAX_VALUE) {
			faults.add(new InvalidInput.FieldError(name, "un nombre entier positif attendu, pas « "
					+ PlainText.excerpt(values[0], 20) + " »"));
			return null;
		}
		return Integer.parseInt(values[0]);
	}

	/** The rank of the page's first item in the whole list. */
	public long offset() {
		return (long) page * size;
	}

	/** The page for a Spring Data query, in that order. */
	public Pageable pageable(Sort sort) {
		return PageRequest.of(page, size, sort);
	}

	/**
	 * This page of a list that is whole in memory, a short one bounded by what declares it (a programme's referential
	 * versions, the programmes in use): the API pages it like any other list.
	 */
	public <T> ResponseEntity<List<T>> answer(List<T> whole, HttpServletRequest request) {
		int from = (int) Math.min(offset(), whole.size());
		return answer(whole.subList(from, (int) Math.min((long) from + size, whole.size())), whole.size(), request);
	}

	/** A page a Spring Data query answered, with its total. */
	public <T> ResponseEntity<List<T>> answer(Page<T> found, HttpServletRequest request) {
		return answer(found.getContent(), found.getTotalElements(), request);
	}

	/** The page's items, with the total of the whole (filtered) list and the links to the next and previous pages. */
	public <T> ResponseEntity<List<T>> answer(List<T> items, long total, HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(TOTAL_COUNT, Long.toString(total));
		List<String> links = new ArrayList<>();
		if (offset() + size < total && (long) (page + 1) * size <= Integer.MAX_VALUE) {
			links.add("<" + link(request, page + 1) + ">; rel=\"next\"");
		}
		if (page > 0) {
			// Past the end, « prev » leads back to the last page that has items.
			int previous = (int) Math.min(page - 1, Math.max(0, (total - 1) / size));
			links.add("<" + link(request, previous) + ">; rel=\"prev\"");
		}
		if (!links.isEmpty()) {
			headers.set(HttpHeaders.LINK, String.join(", ", links));
		}
		return ResponseEntity.ok().headers(headers).body(items);
	}

	/** The same address with the same filters, for another page of the same size; relative to the server. */
	private String link(HttpServletRequest request, int target) {
		StringBuilder link = new StringBuilder(request.getRequestURI()).append('?');
		request.getParameterMap().forEach((name, values) -> {
			if (!PAGE.equals(name) && !SIZE.equals(name)) {
				for (String value : values) {
					link.append(encode(name)).append('=').append(encode(value)).append('&');
				}
			}
		});
		return link.append(PAGE).append('=').append(target).append('&').append(SIZE).append('=').append(size).toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** Reads a {@link Paging} parameter of a controller method from the query, for the API and the pages alike. */
	static final class Resolver implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return Paging.class.equals(parameter.getParameterType());
		}

		@Override
		public Paging resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
				NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
			return Paging.of(webRequest.getParameterMap());
		}

	}

}
