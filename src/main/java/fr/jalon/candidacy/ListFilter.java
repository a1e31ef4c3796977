package fr.jalon.candidacy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import fr.jalon.collectivite.Collectivite;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.InvalidInput.FieldError;
import fr.jalon.system.PlainText;

/**
 * What a list of candidacies or of tasks keeps, as the API's query and the pages' filter forms say it (one reading
 * for both, {@link #of}): a text searched in the candidacy's title, its collectivité's name and code and its id
 * ({@code q}); the candidacy's programme, stage, status, département and region; for tasks, those due before a day
 * ({@code due}, the day excluded) and the overdue ones ({@code overdue=true}). Null or false: no such filter. The
 * programme, stage and status are checked against the programmes by {@link CandidacyService#requireKnownFilters}.
 */
public record ListFilter(String q, String programme, String stage, String status, String departement, String region,
		LocalDate due, boolean overdue) {

	public static final ListFilter NONE = new ListFilter(null, null, null, null, null, null, null, false);

	/** The query parameters, in the order the links write them. */
	public static final List<String> PARAMETERS = List.of("q", "programme", "stage", "status", "departement", "region",
			"due", "overdue");

	private static final int MAX_SEARCH = 100;

	private static final Pattern DEPARTEMENT = Pattern.compile("[0-9]{2,3}|2[AB]");

	private static final Pattern REGION = Pattern.compile("[0-9]{2,3}");

	/** A list's filter from the query's parameters; {@link InvalidInput} naming each parameter that is malformed. */
	public static ListFilter of(Map<String, String[]> parameters) {
		List<FieldError> faults = new ArrayList<>();
		String q = single(parameters, "q", faults);
		if (q != null) {
			PlainText.fault(q, PlainText.Kind.LINE, MAX_SEARCH).ifPresent(fault -> faults.add(new FieldError("q", fault)));
		}
		String programme = code(parameters, "programme", faults);
		String stage = code(parameters, "stage", faults);
		String status = code(parameters, "status", faults);
		String departement = single(parameters, "departement", faults);
		if (departement != null && !DEPARTEMENT.matcher(departement).matches()) {
			faults.add(new FieldError("departement", "un code de département attendu (81, 2A, 974), pas « "
					+ PlainText.excerpt(departement, 20) + " »"));
		}
		String region = single(parameters, "region", faults);
		if (region != null && !REGION.matcher(region).matches()) {
			faults.add(new FieldError("region", "un code de région attendu (76, 84), pas « "
					+ PlainText.excerpt(region, 20) + " »"));
		}
		LocalDate due = null;
		String dueText = single(parameters, "due", faults);
		if (dueText != null) {
			try {
				due = LocalDate.parse(dueText);
			}
			catch (DateTimeParseException e) {
				faults.add(new FieldError("due", "une date AAAA-MM-JJ attendue, pas « " + PlainText.excerpt(dueText, 20)
						+ " »"));
			}
		}
		String overdue = single(parameters, "overdue", faults);
		if (overdue != null && !"true".equals(overdue) && !"false".equals(overdue)) {
			faults.add(new FieldError("overdue", "true ou false attendu"));
		}
		if (!faults.isEmpty()) {
			throw new InvalidInput("Filtre invalide : " + faults.get(0).field() + ", " + faults.get(0).message() + ".",
					faults);
		}
		return new ListFilter(q, programme, stage, status, departement, region, due, "true".equals(overdue));
	}

	private static String single(Map<String, String[]> parameters, String name, List<FieldError> faults) {
		String[] values = parameters.get(name);
		if (values == null || values.length == 0 || values.length == 1 && values[0].isBlank()) {
			return null;
		}
		if (values.length > 1) {
			faults.add(new FieldError(name, "une seule valeur attendue"));
			return null;
		}
		return values[0].strip();
	}

	private static String code(Map<String, String[]> parameters, String name, List<FieldError> faults) {
		String value = single(parameters, name, faults);
		// Whether the programme declares it is the service's check (requireKnownFilters), with the possible values.
		var fault = value == null ? java.util.Optional.<String>empty() : PlainText.fault(value, PlainText.Kind.LINE, 200);
		fault.ifPresent(message -> faults.add(new FieldError(name, message)));
		return fault.isPresent() ? null : value;
	}

	/** The days of {@code due} are those of France's mainland time, as the pages show the due dates. */
	public static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Paris");

	/** The first instant of the {@code due} day: the tasks due before it are kept; null: no such filter. */
	public java.time.Instant dueBefore() {
		return due == null ? null : due.atStartOfDay(ZONE).toInstant();
	}

	/** The same filter on another programme and stage (a page's form narrowing them to what it offers). */
	public ListFilter with(String programme, String stage) {
		return new ListFilter(q, programme, stage, status, departement, region, due, overdue);
	}

	/** The words of {@code q}, folded as the search columns are (lower case, no accents); empty: no search. */
	public List<String> words() {
		return q == null ? List.of()
				: Arrays.stream(Collectivite.searchable(q).split(" ")).filter(word -> !word.isEmpty()).distinct().toList();
	}

	/** The parameters that ask for this filter, in {@link #PARAMETERS}' order, the absent ones left out. */
	public Map<String, String> parameters() {
		Map<String, String> asked = new LinkedHashMap<>();
		put(asked, "q", q);
		put(asked, "programme", programme);
		put(asked, "stage", stage);
		put(asked, "status", status);
		put(asked, "departement", departement);
		put(asked, "region", region);
		put(asked, "due", due == null ? null : due.toString());
		put(asked, "overdue", overdue ? "true" : null);
		return asked;
	}

	private static void put(Map<String, String> asked, String name, String value) {
		if (value != null) {
			asked.put(name, value);
		}
	}

}
