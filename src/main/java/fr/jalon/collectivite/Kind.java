package fr.jalon.collectivite;

/**
 * The kinds of territorial bodies, each with the name people give it. A delegated commune (of a commune nouvelle)
 * and an associated commune are kept as the official data lists them, under their commune
 * ({@link Collectivite#parent()}).
 */
public enum Kind {

	COMMUNE("Commune"), EPCI("Intercommunalité"), PAYS("Pays ou PETR"), PNR("Parc naturel régional"),
	DEPARTEMENT("Département"), REGION("Région"), COMMUNE_DELEGUEE("Commune déléguée"),
	COMMUNE_ASSOCIEE("Commune associée");

	private final String label;

	Kind(String label) {
		this.label = label;
	}

	/** In French, for people (the pages' suggestions). */
	public String label() {
		return label;
	}

}
