package fr.jalon.collectivite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds bodies among all of them (some 40,000) by name, without regard to case, accents, hyphens, apostrophes or
 * « St »/« Saint » ({@link Collectivite#searchable}): a body matches when each word of the query starts one of the
 * words of its name. The query's longest word is looked up by a range of collectivite_word's primary key (an index
 * range on H2 and PostgreSQL alike, whatever the collation: the bounds are plain letters and digits); the other words
 * are checked on the few names found. The exact name comes first, then the names that start with the query, then
 * the others; each group by population, largest first. Without a query: by name.
 */
@Component
public class CollectiviteSearch {

	private final JdbcTemplate jdbc;

	private final Collectivites collectivites;

	CollectiviteSearch(JdbcTemplate jdbc, Collectivites collectivites) {
		this.jdbc = jdbc;
		this.collectivites = collectivites;
	}

	/** A page of the bodies that match {@code q} (none: all), of that département, kind and EPCI where given. */
	public Page<Collectivite> search(String q, String departement, Kind kind, String epci, Pageable page) {
		String folded = q == null ? "" : Collectivite.searchable(q);
		List<String> words = new ArrayList<>(Collectivite.words(folded));
		String from = " from collectivite c";
		List<Object> arguments = new ArrayList<>();
		List<String> conditions = new ArrayList<>();
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
		String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		Long total = jdbc.queryForObject("select count(*)" + from + where, Long.class, arguments.toArray());
		List<Object> ordered = new ArrayList<>(arguments);
		String order;
		if (words.isEmpty()) {
			order = " order by c.name, c.code";
		}
		else {
			order = " order by case when c.search_name = ? then 0 when c.search_name like ? then 1 else 2 end,"
					+ " c.population desc nulls last, c.name, c.code";
			ordered.add(folded);
			ordered.add(folded + "%");
		}
		ordered.add(page.getOffset());
		ordered.add(page.getPageSize());
		List<String> codes = jdbc.queryForList(
				"select c.code" + from + where + order + " offset ? rows fetch next ? rows only", String.class,
				ordered.toArray());
		Map<String, Collectivite> found = collectivites.findAllById(codes)
			.stream()
			.collect(Collectors.toMap(Collectivite::code, Function.identity()));
		return new PageImpl<>(codes.stream().map(found::get).toList(), page, total == null ? 0 : total);
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
