package fr.jalon.collectivite;

import java.text.Normalizer;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/**
 * A territorial body: its official code (INSEE for a commune, SIREN for an intercommunalité), its
 * département and region, and its population.
 */
@Entity
public class Collectivite {

	@Id
	private String code;

	private String name;

	@Column(name = "search_name")
	private String searchName;

	@Enumerated(EnumType.STRING)
	private Kind kind;

	private String departement;

	private String region;

	private Integer population;

	@Column(name = "population_approximate")
	private boolean populationApproximate;

	private String epci;

	private String note;

	@Column(name = "action_coeur_de_ville")
	private boolean actionCoeurDeVille;

	@Column(name = "large_urban_pole")
	private boolean largeUrbanPole;

	protected Collectivite() {
	}

	Collectivite(String code, String name, Kind kind, String departement, String region, Integer population,
			boolean populationApproximate, String epci, String note, boolean actionCoeurDeVille,
			boolean largeUrbanPole) {
		this.actionCoeurDeVille = actionCoeurDeVille;
		this.largeUrbanPole = largeUrbanPole;
		this.code = code;
		this.kind = kind;
		this.departement = departement;
		this.region = region;
		this.population = population;
		this.populationApproximate = populationApproximate;
		this.epci = epci;
		this.note = note;
		rename(name);
	}

	void rename(String name) {
		this.name = name;
		this.searchName = searchable(name);
	}

	/** Lower case, without accents, punctuation reduced to single spaces: what search compares. */
	public static String searchable(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
	}

	/** Whether a word, already {@link #searchable(String) folded}, occurs in the name. */
	boolean matches(String foldedWord) {
		return searchName.contains(foldedWord);
	}

	public String code() {
		return code;
	}

	public String name() {
		return name;
	}

	public Kind kind() {
		return kind;
	}

	public String departement() {
		return departement;
	}

	public String region() {
		return region;
	}

	public Integer population() {
		return population;
	}

	public boolean populationApproximate() {
		return populationApproximate;
	}

	public String epci() {
		return epci;
	}

	/** In the "Action cœur de ville" programme (and so not eligible to Petites villes de demain). */
	public boolean actionCoeurDeVille() {
		return actionCoeurDeVille;
	}

	/** Part of a large urban pole. */
	public boolean largeUrbanPole() {
		return largeUrbanPole;
	}

}
