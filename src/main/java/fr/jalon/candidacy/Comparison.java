package fr.jalon.candidacy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.jalon.referential.Referential;

/**
 * The candidacies of one programme's referential version side by side ({@link Comparisons}): per criterion the level
 * retained, per indicator its target and value. A reviewer's or an administrator's table holds the rows of their
 * scope; a collectivité's holds only its own rows, beside the anonymised medians of the other collectivités'
 * candidacies of that version, in its region ({@code regional}) and in the whole country ({@code national}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comparison(String programme, int version, String region, String stage, List<Referential.Level> scale,
		List<Heading> criteria, List<Heading> indicators, List<Row> rows, Medians regional, Medians national) {

	/** A criterion or an indicator as the table heads its column ({@code unit}: an indicator's). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Heading(String id, String title, String unit) {
	}

	/**
	 * One candidacy: per criterion the level retained and the source that gave it ({@link Comparisons#retained}),
	 * per indicator its target and value; criteria and indicators without any left out of the maps.
	 */
	public record Row(String id, String title, String collectivite, String collectiviteName, String departement,
			String region, String stage, String status, Map<String, String> levels, Map<String, String> sources,
			Map<String, Measure> indicators) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Measure(Double target, Double value) {
	}

	/**
	 * The other collectivités' candidacies of the version (in a region, or all of them; the withdrawn ones left out),
	 * without a name or an id: how many there are, and per criterion and indicator the median and how many candidacies
	 * gave one; a median over fewer than {@link Comparisons#MIN_COUNT} distinct collectivités is withheld (null).
	 */
	public record Medians(String region, long candidacies, Map<String, LevelMedian> levels,
			Map<String, ValueMedian> indicators) {
	}

	/** The median level by the scale's rank (the lower of the two middle ones for an even count), or null. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record LevelMedian(int count, String level) {
	}

	/** The median value (the mean of the two middle ones for an even count), or null. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record ValueMedian(int count, Double value) {
	}

}
