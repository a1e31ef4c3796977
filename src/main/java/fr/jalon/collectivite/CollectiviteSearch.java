package fr.jalon.collectivite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.jalon.system.InvalidInput;
import fr.jalon.system.PlainText;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one search of collectivités by name, for the API ({@code GET /api/collectivites?q=}), the pages' suggestions
 * ({@code GET /collectivites/suggestions?q=}) and the forms that name collectivités: without a script, a form's field
 * takes names or codes, which {@link #resolve} turns into codes.
 * <p>
 * It finds bodies among all of them (some 40,000) by name, without regard to case, accents, hyphens, apostrophes or
 * « St »/« Saint » ({@link Collectivite#searchable}): a body matches when each word of the query starts one of the
 * words of its name. The query's longest word is looked up by a range of collectivite_word's primary key (an index
 * range on H2 and PostgreSQL alike, whatever the collation: the bounds are plain letters and digits); the other words
 * are checked on the few names found. The exact name comes first, then the names that start with the query, then
 * the others; each group by population, largest first. Without a query: by name.
 */
@Service
public class CollectiviteSearch {

	/** The longest text a search takes (the API's {@code q} and the suggestions'). */
	public static final int QUERY_MAX = 200;

	/** The shortest text the suggestions take. */
	public static final int SUGGESTION_MIN = 2;

	/** The longest text of a form's field that names collectivités, and how many it may name. */
	public static final int FIELD_MAX = 4000;

	public static final int FIELD_ITEMS = 50;

	/** How many suggestions, and how many candidates an ambiguous name lists. */
	public static final int SUGGESTIONS = 10;

	/** Between the collectivités of one field: « ; » or a line (a name may hold a comma or a space). */
	private static final Pattern SEPARATOR = Pattern.compile("[;\\n\\r]+");

	/** An official code: INSEE (5 characters, Corsica's 2A/2B) or SIREN (9 digits). */
	private static final Pattern CODE = Pattern.compile("[0-9][0-9AB][0-9]{3}|[0-9]{9}", Pattern.CASE_INSENSITIVE);

	/** « Albi (81) », as a field shows a body: its name, then its département or its code. */
	private static final Pattern WITH_PARENTHESES = Pattern.compile("(.+?)\\s*\\(\\s*([0-9A-Za-z]{1,9})\\s*\\)\\s*");

	/**
	 * Up to how many matches a page sorts them all; beyond, {@link #ranked} reads each group in the order of index
	 * collectivite_rank and stops at the page's end.
	 */
	static final int SORTED_UP_TO = 500;

	/** The order within each group, which index collectivite_rank serves: population, largest first. */
	private static final String RANK = "c.population desc nulls last, c.name, c.code";

	private final JdbcTemplate jdbc;

	private final Collectivites collectivites;

	CollectiviteSearch(JdbcTemplate jdbc, Collectivites collectivites) {
		this.jdbc = jdbc;
		this.collectivites = collectivites;
	}

	/** A page of the bodies that match {@code q} (none: all), of that département, kind and EPCI where given. */
	@Transactional(readOnly = true)
	public Page<Collectivite> search(String q, String departement, Kind kind, String epci, Pageable page) {
		String folded = q == null ? "" : Collectivite.searchable(q);
		List<String> words = new ArrayList<>(Collectivite.words(folded));
		String from = " from collectivite c";
		List<Object> arguments = new ArrayList<>();
		List<String> conditions = new ArrayList<>();
		// A body that ended (a commune merged into a commune nouvelle) is not found: its successor is.
		conditions.add("c.ended_on is null");
		if (!words.isEmpty()) {
			String lead = words.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
			String above = above(lead);
			conditions.add("c.code in (select code from collectivite_word where word >= ?"
					+ (above == null ? "" : " and word < ?") + " and word like ?)");
			arguments.add(lead);
			if (above != null) {
				arguments.add(above);
			}
			arguments.add(lead + "%");
			words.stream().filter(word -> !word.equals(lead)).forEach(word -> {
				conditions.add("(' ' || c.search_name) like ?");
				arguments.add("% " + word + "%");
			});
		}
		if (departement != null) {
			conditions.add("c.departement = ?");
			arguments.add(departement);
		}
		if (kind != null) {
			conditions.add("c.kind = ?");
			arguments.add(kind.name());
		}
		if (epci != null) {
			conditions.add("c.epci = ?");
			arguments.add(epci);
		}
		String where = " where " + String.join(" and ", conditions);
		long total;
		if (words.size() == 1 && departement == null && kind == null && epci == null) {
			// The words' index alone, no body read: an ended body has no words (OfficialCollectivites.apply).
			total = count("select count(distinct code) from collectivite_word where word >= ?"
					+ (arguments.size() == 3 ? " and word < ?" : "") + " and word like ?", arguments);
		}
		else {
			total = count("select count(*)" + from + where, arguments);
		}
		List<String> codes;
		if (words.isEmpty()) {
			List<Object> ordered = new ArrayList<>(arguments);
			ordered.add(page.getOffset());
			ordered.add(page.getPageSize());
			codes = jdbc.queryForList("select c.code" + from + where
					+ " order by c.name, c.code offset ? rows fetch next ? rows only", String.class, ordered.toArray());
		}
		else if (total <= SORTED_UP_TO) {
			List<Object> ordered = new ArrayList<>(arguments);
			ordered.add(folded);
			ordered.add(folded + "%");
			ordered.add(page.getOffset());
			ordered.add(page.getPageSize());
			codes = jdbc.queryForList("select c.code" + from + where
					+ " order by case when c.search_name = ? then 0 when c.search_name like ? then 1 else 2 end, "
					+ RANK + " offset ? rows fetch next ? rows only", String.class, ordered.toArray());
		}
		else {
			codes = ranked(folded, Collectivite.words(folded), departement, kind, epci, page);
		}
		Map<String, Collectivite> found = collectivites.findAllById(codes)
			.stream()
			.collect(Collectors.toMap(Collectivite::code, Function.identity()));
		return new PageImpl<>(codes.stream().map(found::get).toList(), page, total);
	}

	private long count(String sql, List<Object> arguments) {
		Long count = jdbc.queryForObject(sql, Long.class, arguments.toArray());
		return count == null ? 0 : count;
	}

	/**
	 * A page of a query that matches many bodies, group by group (the exact name, the names that start with the
	 * query, the others), each read in the order of index collectivite_rank ({@link #RANK}) up to the page's end
	 * rather than sorted whole.
	 */
	private List<String> ranked(String folded, Set<String> words, String departement, Kind kind, String epci,
			Pageable page) {
		List<String> filters = new ArrayList<>();
		List<Object> filtered = new ArrayList<>();
		filters.add(" and c.ended_on is null");
		if (departement != null) {
			filters.add(" and c.departement = ?");
			filtered.add(departement);
		}
		if (kind != null) {
			filters.add(" and c.kind = ?");
			filtered.add(kind.name());
		}
		if (epci != null) {
			filters.add(" and c.epci = ?");
			filtered.add(epci);
		}
		String filter = String.join("", filters);
		// The exact name, by index collectivite_search_name.
		List<Object> exactArguments = new ArrayList<>(List.of(folded));
		exactArguments.addAll(filtered);
		List<String> exact = jdbc.queryForList("select c.code from collectivite c where c.search_name = ?" + filter
				+ " order by " + RANK, String.class, exactArguments.toArray());
		long offset = page.getOffset();
		int size = page.getPageSize();
		List<String> codes = new ArrayList<>(exact.subList((int) Math.min(offset, exact.size()),
				(int) Math.min(offset + size, exact.size())));
		if (codes.size() == size) {
			return codes;
		}
		// The names that start with the query.
		String starting = "left(c.search_name, ?) = ? and c.search_name <> ?";
		List<Object> startingArguments = new ArrayList<>(List.of(folded.length(), folded, folded));
		startingArguments.addAll(filtered);
		long startingOffset = Math.max(0, offset - exact.size());
		List<Object> paged = new ArrayList<>(startingArguments);
		paged.add(startingOffset);
		paged.add(size - codes.size());
		List<String> first = jdbc.queryForList("select c.code from collectivite c where " + starting + filter
				+ " order by " + RANK + " offset ? rows fetch next ? rows only", String.class, paged.toArray());
		codes.addAll(first);
		if (codes.size() == size) {
			return codes;
		}
		long startingCount = !first.isEmpty() || startingOffset == 0 ? startingOffset + first.size()
				: count("select count(*) from collectivite c where " + starting + filter, startingArguments);
		// The others: each word of the query starts a word of the name.
		StringBuilder others = new StringBuilder("select c.code from collectivite c where left(c.search_name, ?) <> ?");
		List<Object> othersArguments = new ArrayList<>(List.of(folded.length(), folded));
		for (String word : words) {
			others.append(" and (' ' || c.search_name) like ?");
			othersArguments.add("% " + word + "%");
		}
		othersArguments.addAll(filtered);
		othersArguments.add(Math.max(0, offset - exact.size() - startingCount));
		othersArguments.add(size - codes.size());
		codes.addAll(jdbc.queryForList(others + filter + " order by " + RANK + " offset ? rows fetch next ? rows only",
				String.class, othersArguments.toArray()));
		return codes;
	}

	/**
	 * The first {@value #SUGGESTIONS} collectivités for what someone types: {@code q} one line of
	 * {@value #SUGGESTION_MIN} to {@value #QUERY_MAX} characters, as the API's.
	 */
	@Transactional(readOnly = true)
	public List<Collectivite> suggest(String q) {
		String text = q == null ? "" : q.strip();
		PlainText.fault(q, PlainText.Kind.LINE, QUERY_MAX).ifPresent(fault -> {
			throw InvalidInput.of("q", fault);
		});
		if (text.length() < SUGGESTION_MIN) {
			throw InvalidInput.of("q", "Tapez au moins " + SUGGESTION_MIN + " caractères.");
		}
		if (Collectivite.words(Collectivite.searchable(text)).isEmpty()) {
			throw InvalidInput.of("q", "Tapez au moins une lettre ou un chiffre.");
		}
		return search(text, null, null, null, PageRequest.of(0, SUGGESTIONS)).getContent();
	}

	/** How a field shows a body: « Albi (81) ». */
	public static String label(Collectivite collectivite) {
		return collectivite.departement() == null ? collectivite.name()
				: collectivite.name() + " (" + collectivite.departement() + ")";
	}

	/**
	 * The codes of the collectivités a form's field names, each by its code, its name or its {@link #label label},
	 * separated by « ; » (codes alone may also be separated by commas or spaces). A name that matches several
	 * bodies, or none, is an error of that field, which lists the candidates.
	 */
	@Transactional(readOnly = true)
	public List<String> resolve(String field, String text) {
		PlainText.fault(text, PlainText.Kind.LINES, FIELD_MAX).ifPresent(fault -> {
			throw InvalidInput.of(field, fault);
		});
		List<String> items = items(text);
		if (items.size() > FIELD_ITEMS) {
			throw InvalidInput.of(field, "Au plus " + FIELD_ITEMS + " collectivités.");
		}
		List<String> codes = new ArrayList<>();
		List<String> faults = new ArrayList<>();
		for (String item : items) {
			Resolution found = find(item);
			if (found.unique() != null) {
				if (!codes.contains(found.unique().code())) {
					codes.add(found.unique().code());
				}
			}
			else if (found.candidates().isEmpty()) {
				faults.add("aucune collectivité ne s’appelle « " + item + " »");
			}
			else {
				faults.add("« " + item + " » désigne plusieurs collectivités : "
						+ String.join(", ", found.candidates().stream().map(CollectiviteSearch::describe).toList())
						+ (found.more() ? "…" : "") + " ; choisissez-en une (avec son code si besoin)");
			}
		}
		if (!faults.isEmpty()) {
			throw InvalidInput.of(field, capitalized(String.join(" ; ", faults)) + ".");
		}
		return codes;
	}

	/** What a field shows for its text: each body it names by its {@link #label label}, what it cannot name as typed. */
	@Transactional(readOnly = true)
	public Field field(String text) {
		List<Choice> chosen = new ArrayList<>();
		List<String> rest = new ArrayList<>();
		List<String> items = items(text);
		if (items.size() > FIELD_ITEMS || PlainText.fault(text, PlainText.Kind.LINES, FIELD_MAX).isPresent()) {
			return new Field(chosen, text == null ? "" : text);
		}
		for (String item : items) {
			Collectivite unique = find(item).unique();
			if (unique != null) {
				chosen.add(new Choice(unique.code(), label(unique)));
			}
			else {
				rest.add(item);
			}
		}
		return new Field(chosen, String.join(" ; ", rest));
	}

	/** A field's bodies: those it names, and what it cannot (yet) name. */
	public record Field(List<Choice> chosen, String rest) {

		/** The field's text without a script: every body by its label, then the rest. */
		public String text() {
			List<String> all = new ArrayList<>(chosen.stream().map(Choice::label).toList());
			if (!rest.isBlank()) {
				all.add(rest);
			}
			return String.join(" ; ", all);
		}

	}

	/** A body a field names: its code and its {@link #label label}. */
	public record Choice(String code, String label) {
	}

	private record Resolution(Collectivite unique, List<Collectivite> candidates, boolean more) {
	}

	private Resolution find(String item) {
		if (CODE.matcher(item).matches()) {
			Optional<Collectivite> byCode = collectivites.findById(item.toUpperCase(java.util.Locale.ROOT));
			if (byCode.isPresent()) {
				return new Resolution(byCode.get(), List.of(byCode.get()), false);
			}
		}
		String name = item;
		String departement = null;
		Matcher labelled = WITH_PARENTHESES.matcher(item);
		if (labelled.matches()) {
			// « (81) » a département, « (81004) » a code (as the pages' lists show bodies).
			String inParentheses = labelled.group(2).toUpperCase(java.util.Locale.ROOT);
			Optional<Collectivite> byCode = CODE.matcher(inParentheses).matches() ? collectivites.findById(inParentheses)
					: Optional.empty();
			if (byCode.isPresent()) {
				return new Resolution(byCode.get(), List.of(byCode.get()), false);
			}
			name = labelled.group(1);
			departement = inParentheses;
		}
		if (Collectivite.words(Collectivite.searchable(name)).isEmpty()) {
			return new Resolution(null, List.of(), false);
		}
		Page<Collectivite> page = search(name, departement, null, null, PageRequest.of(0, 50));
		String folded = Collectivite.searchable(name);
		List<Collectivite> exact = page.getContent().stream().filter(c -> Collectivite.searchable(c.name()).equals(folded)).toList();
		List<Collectivite> candidates = exact.isEmpty() ? page.getContent() : exact;
		if (candidates.size() == 1) {
			return new Resolution(candidates.get(0), candidates, false);
		}
		boolean more = candidates.size() > SUGGESTIONS || (exact.isEmpty() && page.getTotalElements() > SUGGESTIONS);
		return new Resolution(null, candidates.stream().limit(SUGGESTIONS).toList(), more);
	}

	private static List<String> items(String text) {
		List<String> items = new ArrayList<>();
		if (text == null) {
			return items;
		}
		for (String part : SEPARATOR.split(text)) {
			String item = part.strip();
			if (item.isEmpty()) {
				continue;
			}
			List<String> codes = Arrays.stream(item.split("[,\\s]+")).filter(code -> !code.isEmpty()).toList();
			if (codes.stream().allMatch(code -> CODE.matcher(code).matches())) {
				items.addAll(codes);
			}
			else {
				items.add(item);
			}
		}
		return items;
	}

	private static String describe(Collectivite collectivite) {
		return label(collectivite) + " [" + collectivite.code() + "]";
	}

	private static String capitalized(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * The least text above every text that starts with {@code prefix} (letters a to z and digits, digits sorting
	 * first, as in every collation), or null when there is none (« zz »).
	 */
	static String above(String prefix) {
		StringBuilder text = new StringBuilder(prefix);
		while (!text.isEmpty()) {
			char last = text.charAt(text.length() - 1);
			if (last == 'z') {
				text.setLength(text.length() - 1);
				continue;
			}
			text.setCharAt(text.length() - 1, last == '9' ? 'a' : (char) (last + 1));
			return text.toString();
		}
		return null;
	}

}
