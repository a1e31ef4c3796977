package fr.jalon.opendata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.candidacy.CandidacyService.PublicFacts;
import fr.jalon.certificate.Certificates;
import fr.jalon.certificate.IssuedCertificate;
import fr.jalon.referential.Referential;
import fr.jalon.referential.Referential.CertificateDeclaration;
import fr.jalon.referential.Referential.EndStatus;
import fr.jalon.referential.Referentials;
import fr.jalon.system.French;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The open data: the public list of labelled and engaged collectivités, computed from the database at each request,
 * so that it follows every decision and revocation. One row per candidacy that
 * <ul>
 * <li>ended in an end status its programme declares a success ({@code statuses[].success}): {@code labelled}, with
 * the latest valid certificate decided since (its level, decision date and code), or, until that certificate is
 * produced (or for a programme that issues none), the status's label and the date the candidacy reached it; unless
 * every certificate its programme grants on that status was revoked (a label withdrawn): then it is read as below;</li>
 * <li>otherwise holds a valid certificate ({@code certificates[]}): {@code engaged}, with its latest valid one.</li>
 * </ul>
 * A revoked certificate thus drops out: the row falls back to the candidacy's previous valid certificate, or
 * disappears when none is left. Nothing personal is read: no account, person, e-mail, comment or document. Sorted by
 * programme, collectivité code, decision date, candidacy id.
 */
@Service
public class OpenLabels {

	private static final Comparator<LabelRow> ORDER = Comparator.comparing(LabelRow::programme)
		.thenComparing(LabelRow::collectiviteCode)
		.thenComparing(LabelRow::decisionDate, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(LabelRow::candidacyId);

	private final CandidacyService candidacies;

	private final Certificates certificates;

	private final Referentials referentials;

	private final OpenDataSchema schema;

	OpenLabels(CandidacyService candidacies, Certificates certificates, Referentials referentials,
			OpenDataSchema schema) {
		this.candidacies = candidacies;
		this.certificates = certificates;
		this.referentials = referentials;
		this.schema = schema;
		// The schema is the one definition of the columns: a row must fill exactly its fields, in its order.
		List<String> written = List.copyOf(new LabelRow(null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, 1).values().keySet());
		if (!written.equals(schema.names())) {
			throw new IllegalStateException(
					"The open-data rows " + written + " differ from " + OpenDataSchema.RESOURCE + " " + schema.names());
		}
	}

	/** The rows as of now, in their stable order. */
	@Transactional(readOnly = true)
	public List<LabelRow> rows() {
		Map<String, List<IssuedCertificate>> issued = certificates.issued()
			.stream()
			.collect(Collectors.groupingBy(IssuedCertificate::candidacyId, LinkedHashMap::new, Collectors.toList()));
		Set<String> holding = issued.entrySet()
			.stream()
			.filter(entry -> entry.getValue().stream().anyMatch(certificate -> !certificate.revoked()))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		Map<String, Referential> definitions = new LinkedHashMap<>();
		List<LabelRow> rows = new ArrayList<>();
		for (PublicFacts candidacy : candidacies.publicFacts(holding)) {
			Referential definition = definitions.computeIfAbsent(
					candidacy.programme() + ":" + candidacy.referentialVersion(),
					key -> referentials.content(candidacy.programme(), candidacy.referentialVersion()));
			row(candidacy, definition, issued.getOrDefault(candidacy.id(), List.of())).ifPresent(rows::add);
		}
		rows.sort(ORDER);
		return List.copyOf(rows);
	}

	static Optional<LabelRow> row(PublicFacts candidacy, Referential definition, List<IssuedCertificate> issued) {
		List<IssuedCertificate> valid = issued.stream()
			.filter(certificate -> !certificate.revoked())
			.sorted(Comparator.comparing(IssuedCertificate::issuedAt))
			.toList();
		Set<String> successKinds = successKinds(definition);
		List<IssuedCertificate> granted = issued.stream()
			.filter(certificate -> successKinds.contains(certificate.kind()))
			.toList();
		Optional<EndStatus> success = definition.endStatus(candidacy.status())
			.filter(EndStatus::success)
			.filter(status -> granted.isEmpty() || granted.stream().anyMatch(certificate -> !certificate.revoked()));
		if (success.isPresent()) {
			// The latest valid certificate a success grants (the label; after a later step, its certificate, or the
			// label again if that step was adjourned or its certificate revoked); none issued yet: the status itself.
			Optional<IssuedCertificate> certificate = valid.stream()
				.filter(candidate -> successKinds.contains(candidate.kind()))
				.reduce((first, second) -> second);
			return Optional.of(row(candidacy, definition, LabelRow.SUCCESS,
					certificate.map(IssuedCertificate::level).orElse(success.get().label()),
					certificate.map(IssuedCertificate::decidedAt).orElse(candidacy.statusAt()), certificate));
		}
		if (valid.isEmpty()) {
			return Optional.empty();
		}
		IssuedCertificate latest = valid.get(valid.size() - 1);
		return Optional.of(row(candidacy, definition, LabelRow.COMMITTED, latest.level(), latest.decidedAt(),
				Optional.of(latest)));
	}

	/**
	 * The kinds of certificate the programme grants on reaching one of its success statuses: once any was issued, the
	 * success stands while one of them is valid; every one revoked, it is withdrawn.
	 */
	private static Set<String> successKinds(Referential definition) {
		Set<String> successes = definition.statuses()
			.stream()
			.filter(EndStatus::success)
			.map(EndStatus::id)
			.collect(Collectors.toSet());
		return definition.certificates()
			.stream()
			.filter(declared -> declared.grantedBy() != null && successes.contains(declared.grantedBy().event()))
			.map(CertificateDeclaration::kind)
			.collect(Collectors.toSet());
	}

	private static LabelRow row(PublicFacts candidacy, Referential definition, String status, String level,
			Instant decidedAt, Optional<IssuedCertificate> certificate) {
		LocalDate date = decidedAt == null ? null : decidedAt.atZone(French.PARIS).toLocalDate();
		return new LabelRow(candidacy.programme(), definition.name(), candidacy.id(), candidacy.title(),
				candidacy.collectivite(), candidacy.collectiviteName(),
				candidacy.kind() == null ? null : candidacy.kind().name(), candidacy.departement(), candidacy.region(),
				status, candidacy.status(), level, date, certificate.map(IssuedCertificate::code).orElse(null),
				certificate.map(IssuedCertificate::url).orElse(null), candidacy.referentialVersion());
	}

	/** The rows as JSON writes them: one object per row, keyed and ordered by the schema's field names. */
	public List<Map<String, Object>> json(List<LabelRow> rows) {
		return rows.stream().map(LabelRow::values).toList();
	}

	/**
	 * The rows as CSV, as schema.data.gouv.fr expects it: UTF-8 without BOM, comma-separated, CRLF line ends, a
	 * header of the schema's field names in its order, a missing value empty, a cell quoted (its quotes doubled) when
	 * it holds a comma, a quote or a line break (RFC 4180).
	 */
	public String csv(List<LabelRow> rows) {
		List<String> names = schema.names();
		StringBuilder csv = new StringBuilder();
		line(csv, names);
		for (LabelRow row : rows) {
			Map<String, Object> values = row.values();
			line(csv, names.stream().map(name -> values.get(name) == null ? "" : String.valueOf(values.get(name))).toList());
		}
		return csv.toString();
	}

	private static void line(StringBuilder csv, List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				csv.append(',');
			}
			csv.append(cell(cells.get(i)));
		}
		csv.append("\r\n");
	}

	static String cell(String value) {
		if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
				|| value.indexOf('\r') >= 0) {
			return '"' + value.replace("\"", "\"\"") + '"';
		}
		return value;
	}

	/** A strong validator of a representation's bytes (the ETag): the same rows, the same tag. */
	static String tag(byte[] body) {
		try {
			return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)) + '"';
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
