package fr.jalon.collectivite;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The official départements and regions ({@link OfficialDivisions}, Etalab's administrative divisions), by code. */
@Component
public class Territories {

	private final Map<String, String> regions;

	private final Map<String, String> departements;

	Territories() {
		this.regions = OfficialDivisions.shippedRegions()
			.stream()
			.collect(Collectors.toUnmodifiableMap(OfficialDivisions.Region::code, OfficialDivisions.Region::nom));
		this.departements = OfficialDivisions.shippedDepartements()
			.stream()
			.collect(Collectors.toUnmodifiableMap(OfficialDivisions.Departement::code,
					OfficialDivisions.Departement::nom));
	}

	public boolean isRegion(String code) {
		return code != null && regions.containsKey(code);
	}

	/** Every region, name by code, in code order. */
	public java.util.SortedMap<String, String> regions() {
		return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(regions));
	}

	/** Every département, name by code, in code order. */
	public java.util.SortedMap<String, String> departements() {
		return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(departements));
	}

	public String regionName(String code) {
		return regions.get(code);
	}

	public String departementName(String code) {
		return departements.get(code);
	}

}
