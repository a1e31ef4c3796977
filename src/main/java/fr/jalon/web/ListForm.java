package fr.jalon.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.jalon.candidacy.ListFilter;
import fr.jalon.system.Sorting;

import org.springframework.ui.Model;

/**
 * A list page's filter form, sortable headers, pager and export links, all carrying the same filters: what a
 * bookmark keeps (GET parameters, the API's names: {@link ListFilter#PARAMETERS} and {@code sort}). The template reads
 * {@code filter} (the parameters asked), {@code sorting}, {@code address} (the list with its filters, for the pager),
 * {@code sortLinks} (a header's key → its address: the other direction when the list is sorted by it),
 * {@code csvLink} and {@code xlsxLink}, and the choices {@code programmes}, {@code statuses}, {@code regions}.
 */
final class ListForm {

	private ListForm() {
	}

	static void show(Model model, Labels labels, String path, String export, ListFilter filter, Sorting sorting,
			Sorting fallback, List<String> keys) {
		Map<String, String> asked = filter.parameters();
		model.addAttribute("filter", asked);
		model.addAttribute("sorting", sorting);
		model.addAttribute("address", address(path, asked, sorting.equals(fallback) ? null : sorting));
		Map<String, String> sortLinks = new LinkedHashMap<>();
		for (String key : keys) {
			Sorting next = sorting.key().equals(key) ? sorting.reversed() : new Sorting(key, false);
			sortLinks.put(key, address(path, asked, next));
		}
		model.addAttribute("sortLinks", sortLinks);
		Map<String, String> exported = new LinkedHashMap<>(asked);
		exported.put("sort", sorting.parameter());
		exported.put("format", "csv");
		model.addAttribute("csvLink", address(export, exported, null));
		exported.put("format", "xlsx");
		model.addAttribute("xlsxLink", address(export, exported, null));
		model.addAttribute("programmes", labels.programmes());
		model.addAttribute("statuses", labels.statuses());
		model.addAttribute("regions", labels.regions());
	}

	/** The path with these parameters (and this order, when not null), encoded. */
	static String address(String path, Map<String, String> parameters, Sorting sorting) {
		StringBuilder address = new StringBuilder(path);
		char separator = '?';
		Map<String, String> all = new LinkedHashMap<>(parameters);
		if (sorting != null) {
			all.put("sort", sorting.parameter());
		}
		for (Map.Entry<String, String> parameter : all.entrySet()) {
			address.append(separator)
				.append(parameter.getKey())
				.append('=')
				.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
			separator = '&';
		}
		return address.toString();
	}

}
