package fr.jalon.collectivite;

/** The kinds of territorial bodies that may be candidates, each with the name people give it. */
public enum Kind {

	COMMUNE("Commune"), EPCI("Intercommunalité"), PAYS("Pays ou PETR"), PNR("Parc naturel régional"),
	DEPARTEMENT("Département"), REGION("Région");

	private final String label;

	Kind(String label) {
		this.label = label;
	}

	/** In French, for people (the pages' suggestions). */
	public String label() {
		return label;
	}

}
