package fr.jalon.collectivite;

/**
 * The kinds of territorial bodies. A delegated commune (of a commune nouvelle) and an associated commune are kept as
 * the official data lists them, under their commune ({@link Collectivite#parent()}).
 */
public enum Kind {

	COMMUNE, EPCI, PAYS, PNR, DEPARTEMENT, REGION, COMMUNE_DELEGUEE, COMMUNE_ASSOCIEE

}
