package fr.jalon.collectivite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;

/**
 * The official administrative divisions that the jar carries: Etalab's {@code @etalab/decoupage-administratif}
 * (INSEE's Code officiel géographique and the DGCL's BANATIC, MIT licence), its four JSON files gzipped, unchanged,
 * in {@value #FOLDER} (a newer release drops in). Read whole: some 12 MB of JSON, under a second.
 */
public record OfficialDivisions(List<Region> regions, List<Departement> departements, List<Commune> communes,
		List<Epci> epcis, String digest) {

	/** Where the files are, on the class path. */
	public static final String FOLDER = "decoupage-administratif/";

	/** What the files are, as the import records name their source. */
	public static final String SOURCE = "@etalab/decoupage-administratif 6.0.0 (INSEE COG, DGCL BANATIC)";

	/**
	 * The date from which the shipped files' facts hold (their millésime: the populations légales in force on 1
	 * January 2026), as {@link CollectiviteFacts} records them.
	 */
	public static final LocalDate VALID_FROM = LocalDate.of(2026, 1, 1);

	/** Where the 2020 set is: communes and intercommunalités only (see ABOUT.md). */
	public static final String FOLDER_2020 = FOLDER + "2020/";

	/** What the 2020 set is. */
	public static final String SOURCE_2020 = "@etalab/decoupage-administratif 0.8.0 (INSEE COG, DGCL BANATIC, "
			+ "populations légales en vigueur au 1er janvier 2020)";

	/** The date from which the 2020 set's facts hold: its populations légales are those in force then. */
	public static final LocalDate VALID_FROM_2020 = LocalDate.of(2020, 1, 1);

	/**
	 * The {@code zone} of a collectivité d'outre-mer (Saint-Pierre-et-Miquelon, Polynésie française…), which the files
	 * list both as a region and as a département.
	 */
	public static final String OVERSEAS_COLLECTIVITY = "com";

	/** The {@code type} of a current commune; also {@code commune-deleguee}, {@code commune-associee}. */
	public static final String CURRENT = "commune-actuelle";

	public static OfficialDivisions shipped() {
		try (InputStream regions = shippedFile("regions"); InputStream departements = shippedFile("departements");
				InputStream communes = shippedFile("communes"); InputStream epcis = shippedFile("epci")) {
			return read(regions, departements, communes, epcis);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the shipped official divisions", e);
		}
	}

	/** The 2020 set ({@value #FOLDER_2020}): its communes and intercommunalités; no regions nor départements. */
	public static OfficialDivisions shipped2020() {
		ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		MessageDigest sha = sha256();
		return new OfficialDivisions(List.of(), List.of(),
				List.of(read(json, sha, "communes", shippedFile(FOLDER_2020, "communes"), Commune[].class)),
				List.of(read(json, sha, "epci", shippedFile(FOLDER_2020, "epci"), Epci[].class)),
				HexFormat.of().formatHex(sha.digest()));
	}

	/** The regions alone (a small file). */
	public static List<Region> shippedRegions() {
		return List.of(read(JSON, sha256(), "regions", shippedFile("regions"), Region[].class));
	}

	/** The départements alone (a small file). */
	public static List<Departement> shippedDepartements() {
		return List.of(read(JSON, sha256(), "departements", shippedFile("departements"), Departement[].class));
	}

	/**
	 * The one reading of the four files, as JSON (not gzipped), in the data set's format: the shipped ones and an
	 * update's alike. {@code digest}: SHA-256 of their bytes, in this order. A file that is not JSON of the
	 * expected shape throws {@link Unreadable}, naming it.
	 */
	public static OfficialDivisions read(InputStream regions, InputStream departements, InputStream communes,
			InputStream epcis) {
		MessageDigest sha = sha256();
		return new OfficialDivisions(List.of(read(JSON, sha, "regions", regions, Region[].class)),
				List.of(read(JSON, sha, "departements", departements, Departement[].class)),
				List.of(read(JSON, sha, "communes", communes, Commune[].class)),
				List.of(read(JSON, sha, "epci", epcis, Epci[].class)), HexFormat.of().formatHex(sha.digest()));
	}

	/** A file of the data set that cannot be read: {@code file} is its name (communes, epci, departements, regions). */
	public static class Unreadable extends UncheckedIOException {

		private final String file;

		Unreadable(String file, IOException cause) {
			super("Cannot read the official divisions' " + file, cause);
			this.file = file;
		}

		public String file() {
			return file;
		}

	}

	private static final ObjectMapper JSON = new ObjectMapper()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

	private static InputStream shippedFile(String name) {
		return shippedFile(FOLDER, name);
	}

	private static InputStream shippedFile(String folder, String name) {
		try {
			return new GZIPInputStream(new ClassPathResource(folder + name + ".json.gz").getInputStream(), 1 << 16);
		}
		catch (IOException e) {
			throw new Unreadable(name, e);
		}
	}

	private static <T> T read(ObjectMapper json, MessageDigest sha, String name, InputStream file, Class<T> type) {
		try (InputStream in = new DigestInputStream(file, sha)) {
			T value = json.readValue(in, type);
			if (value == null) {
				throw new IOException("null instead of an array");
			}
			return value;
		}
		catch (IOException e) {
			throw new Unreadable(name, e);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Region(String code, String nom, Integer typeLiaison, String zone) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Departement(String code, String nom, String region, Integer typeLiaison, String zone) {
	}

	/** A commune; {@code chefLieu}: a delegated or associated commune's commune. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Commune(String code, String nom, String type, String departement, String region, String siren,
			Integer population, String chefLieu) {
	}

	/** An intercommunalité: {@code code} is its SIREN. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Epci(String code, String nom, String type, Integer populationTotale, List<Member> membres) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Member(String code, String siren) {
	}

}
