package fr.jalon.collectivite;

/** The kinds of territorial bodies that may be candidates. */
public enum Kind {

	COMMUNE, EPCI, PAYS, PNR, DEPARTEMENT, REGION

}
