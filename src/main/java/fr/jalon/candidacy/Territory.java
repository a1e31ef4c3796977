package fr.jalon.candidacy;

import java.util.List;

/**
 * Where a candidacy stands: its collectivité with its population, the intercommunalité (EPCI) it belongs to,
 * and its partners, each by code and name.
 */
public record Territory(Place collectivite, Place intercommunalite, List<Place> partners) {

	/** A collectivité by code and name, with its population when known ({@code approximate}: an estimate). */
	public record Place(String code, String name, Integer population, boolean approximate) {
	}

}
