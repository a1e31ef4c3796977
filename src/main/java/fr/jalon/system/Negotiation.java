package fr.jalon.system;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The one way of choosing CSV or JSON from an {@code Accept} header, for every endpoint that serves both (the open
 * data, the comparison of collectivités): the types by quality, highest first (the header's order between equals),
 * those of quality 0 passed over; the first that is {@code text/csv} or {@code text/*} makes it CSV, the first that
 * JSON satisfies ({@code application/json}, {@code application/*}, {@code *}{@code /*}) makes it JSON. No header, an
 * unreadable one or neither found: JSON.
 */
public final class Negotiation {

	private Negotiation() {
	}

	public static boolean prefersCsv(String accept) {
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaType> types;
		try {
			types = new ArrayList<>(MediaType.parseMediaTypes(accept));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
		for (MediaType type : types) {
			if (type.getQualityValue() == 0) {
				continue;
			}
			if (type.getType().equals("text") && (type.isWildcardSubtype() || type.getSubtype().equals("csv"))) {
				return true;
			}
			if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				return false;
			}
		}
		return false;
	}

}
