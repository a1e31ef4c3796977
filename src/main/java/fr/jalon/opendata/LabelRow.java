package fr.jalon.opendata;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the open data: a candidacy labelled or engaged, as the public may know it. Its values are keyed by
 * the schema's field names ({@link OpenDataSchema}); {@link OpenLabels} checks at start that they are the same.
 */
public record LabelRow(String programme, String programmeName, String candidacyId, String title,
		String collectiviteCode, String collectiviteName, String collectiviteKind, String departementCode,
		String regionCode, String status, String statusId, String level, LocalDate decisionDate,
		String certificateCode, String certificateUrl, int referentialVersion) {

	/** A candidacy that ended in a success its programme declares. */
	public static final String SUCCESS = "labelled";

	/** A candidacy that holds a valid certificate of a step without having ended in a success. */
	public static final String COMMITTED = "engaged";

	/** The values by the schema's field names, typed as JSON writes them (null for a missing value). */
	public Map<String, Object> values() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("programme", programme);
		values.put("programme_name", programmeName);
		values.put("candidacy_id", candidacyId);
		values.put("title", title);
		values.put("collectivite_code", collectiviteCode);
		values.put("collectivite_name", collectiviteName);
		values.put("collectivite_kind", collectiviteKind);
		values.put("departement_code", departementCode);
		values.put("region_code", regionCode);
		values.put("status", status);
		values.put("status_id", statusId);
		values.put("level", level);
		values.put("decision_date", decisionDate == null ? null : decisionDate.toString());
		values.put("certificate_code", certificateCode);
		values.put("certificate_url", certificateUrl);
		values.put("referential_version", referentialVersion);
		return values;
	}

}
