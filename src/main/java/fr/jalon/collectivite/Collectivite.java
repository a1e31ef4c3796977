package fr.jalon.collectivite;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;

/**
 * A territorial body: its official code (INSEE for a commune, SIREN for an intercommunalité), its
 * département and region, and its population. The official ones come from {@link OfficialCollectivites}; a
 * delegated or associated commune names its commune ({@link #parent()}).
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

	private String siren;

	private String parent;

	/** The commune nouvelle that this commune merged into (V22); none for others. */
	private String successor;

	/** The day this body ended (merged, or no longer in the official data); none while it lasts. */
	@Column(name = "ended_on")
	private java.time.LocalDate endedOn;

	/** The words of {@link #searchName}, which the search finds by prefix (table collectivite_word). */
	@ElementCollection
	@CollectionTable(name = "collectivite_word", joinColumns = @JoinColumn(name = "code"))
	@Column(name = "word")
	private Set<String> words = new LinkedHashSet<>();

	protected Collectivite() {
	}

	Collectivite(String code, String name, Kind kind, String departement, String region, Integer population,
			boolean populationApproximate, String epci, String note, boolean actionCoeurDeVille,
			boolean largeUrbanPole, String siren) {
		this.siren = siren;
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
		this.words.clear();
		this.words.addAll(words(searchName));
	}

	/** Adds a note where the body has none (the demo's, on an official body). */
	void annotate(String note) {
		if (this.note == null) {
			this.note = note;
		}
	}

	/**
	 * Lower case, without accents, ligatures spelled out (œ, æ), punctuation (hyphens, apostrophes) reduced to single
	 * spaces, « St »/« Ste » read as « Saint »/« Sainte »: what search compares, the names' and the query's alike.
	 */
	public static String searchable(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		folded = folded.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
		return Arrays.stream(folded.replaceAll("[^a-z0-9]+", " ").trim().split(" "))
			.map(word -> switch (word) {
				case "st" -> "saint";
				case "ste" -> "sainte";
				default -> word;
			})
			.collect(Collectors.joining(" "));
	}

	/** The distinct words of a {@link #searchable(String) searchable} text, in order. */
	static Set<String> words(String searchable) {
		return Arrays.stream(searchable.split(" "))
			.filter(word -> !word.isEmpty())
			.collect(Collectors.toCollection(LinkedHashSet::new));
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

	/** Its SIREN (the body's number in the national register), where known. */
	public String siren() {
		return siren;
	}

	/** The commune that a delegated or associated commune belongs to; none for other bodies. */
	public String parent() {
		return parent;
	}

	/** The body that this one merged into (a commune nouvelle), if it did. */
	public String successor() {
		return successor;
	}

	/** The day it ended, if it did. */
	public java.time.LocalDate endedOn() {
		return endedOn;
	}

	/** Part of a large urban pole. */
	public boolean largeUrbanPole() {
		return largeUrbanPole;
	}

}
