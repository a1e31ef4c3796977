package fr.jalon.collectivite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import fr.jalon.collectivite.OfficialDivisions.Commune;
import fr.jalon.collectivite.OfficialDivisions.Epci;
import fr.jalon.system.AuditEvent;
import fr.jalon.system.Conflict;
import fr.jalon.system.Forbidden;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.NotFound;
import fr.jalon.system.PlainText;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The yearly updates of the official data by an administrator (issue 17): a newer data set, in the format of the
 * shipped one ({@link OfficialDivisions}), is uploaded and kept (table collectivite_update), its changes against the
 * database previewed, then applied in one transaction ({@link OfficialCollectivites#update}). A commune merged into
 * a commune nouvelle (in the files: a {@code commune-deleguee} whose {@code chefLieu} is the new commune) keeps its
 * row, with its successor and the day it ended, so that its candidacies still point to it. The API and the page
 * both go through here.
 */
@Service
public class CollectiviteUpdates {

	private static final Logger log = LoggerFactory.getLogger(CollectiviteUpdates.class);

	/** The largest file accepted, as uploaded (the multipart limit, spring.servlet.multipart, is above it). */
	public static final int MAX_UPLOAD = 20 * 1024 * 1024;

	/** The largest file once un-gzipped (the shipped communes.json is some 9 MB). */
	public static final int MAX_JSON = 64 * 1024 * 1024;

	/** The longest source. */
	public static final int SOURCE_MAX = 200;

	/**
	 * An administrator's authority (fr.jalon.security.Role.ADMIN, as JalonUser grants it): security uses this module,
	 * so this module reads the account through Spring Security's UserDetails.
	 */
	static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

	public static final String PREVIEW = "PREVIEW";

	public static final String APPLIED = "APPLIED";

	public static final String DISCARDED = "DISCARDED";

	private final JdbcTemplate jdbc;

	private final OfficialCollectivites official;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CollectiviteUpdates(JdbcTemplate jdbc, OfficialCollectivites official, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.official = official;
		this.events = events;
		this.clock = clock;
	}

	/** An uploaded file: its bytes (JSON, or gzipped JSON), none when not given. */
	public record Upload(byte[] communes, byte[] epci, byte[] departements, byte[] regions, String validFrom,
			String source) {
	}

	/** An update as listed: no changes. */
	public record Summary(String id, Instant uploadedAt, String uploadedBy, LocalDate validFrom, String source,
			String digest, String status, Instant appliedAt) {
	}

	public record Body(String code, String name) {
	}

	public record Renamed(String code, String from, String to) {
	}

	public record Merged(String code, String name, String successor, String successorName) {
	}

	public record Membership(String code, String name, String from, String fromName, String to, String toName) {
	}

	public record Population(String code, String name, Integer from, Integer to) {
	}

	/** What the data set changes, against the database as it is. */
	public record Changes(Map<String, Integer> counts, List<Body> added, List<Renamed> renamed, List<Merged> merged,
			List<Body> removed, List<Membership> epciMembership, List<Body> epciAdded, List<Body> epciRemoved,
			List<Renamed> epciRenamed, List<Population> population) {

		/** What {@link OfficialCollectivites#update} ends: merged communes (their successor), removed bodies. */
		Map<String, String> endings() {
			Map<String, String> endings = new LinkedHashMap<>();
			merged.forEach(merger -> endings.put(merger.code(), merger.successor()));
			removed.forEach(body -> endings.put(body.code(), null));
			epciRemoved.forEach(body -> endings.put(body.code(), null));
			return endings;
		}

	}

	/** An import of the official data, as collectivite_import records it: the first one's validFrom is none. */
	public record Import(Instant importedAt, LocalDate validFrom, String source, int communes, int delegated,
			int epcis, int inserted, int updated, int durationMs) {
	}

	/** An update and, while it is a preview, its changes. */
	public record Preview(Summary update, Changes changes) {
	}

	/** Reads, checks and keeps a data set; answers its preview. Nothing else is written. */
	@Transactional
	public Preview upload(UserDetails user, Upload upload) {
		requireAdmin(user);
		List<InvalidInput.FieldError> faults = new ArrayList<>();
		LocalDate validFrom = null;
		if (upload.validFrom() == null || upload.validFrom().isBlank()) {
			faults.add(new InvalidInput.FieldError("validFrom", "Indiquez la date du jeu de données (AAAA-MM-JJ)."));
		}
		else {
			try {
				validFrom = LocalDate.parse(upload.validFrom().strip());
				LocalDate last = lastValidFrom();
				if (last != null && !validFrom.isAfter(last)) {
					faults.add(new InvalidInput.FieldError("validFrom", "La date du jeu de données doit suivre celle "
							+ "du dernier jeu appliqué (" + last + ")."));
				}
			}
			catch (DateTimeParseException e) {
				faults.add(new InvalidInput.FieldError("validFrom", "Date invalide : attendu AAAA-MM-JJ."));
			}
		}
		String source = upload.source() == null ? "" : upload.source().strip();
		PlainText.fault(upload.source(), PlainText.Kind.LINE, SOURCE_MAX)
			.or(() -> source.isEmpty() ? java.util.Optional.of("Indiquez la source du jeu de données.")
					: java.util.Optional.empty())
			.ifPresent(fault -> faults.add(new InvalidInput.FieldError("source", fault)));
		byte[] communes = json("communes", upload.communes(), true, faults);
		byte[] epci = json("epci", upload.epci(), true, faults);
		byte[] departements = json("departements", upload.departements(), false, faults);
		byte[] regions = json("regions", upload.regions(), false, faults);
		if (!faults.isEmpty()) {
			throw new InvalidInput(faults.size() == 1 ? faults.get(0).message()
					: "Certains champs sont invalides ; rien n'a été enregistré.", faults);
		}
		OfficialDivisions divisions = read(regions, departements, communes, epci);
		check(divisions);
		String id = UUID.randomUUID().toString();
		jdbc.update("insert into collectivite_update (id, uploaded_at, uploaded_by, valid_from, source, digest, "
				+ "status, communes, epci, departements, regions) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
				Timestamp.from(clock.instant()), user.getUsername(), java.sql.Date.valueOf(validFrom), source,
				divisions.digest(), PREVIEW, gzip(communes), gzip(epci), gzip(departements), gzip(regions));
		events.publishEvent(AuditEvent.on(user.getUsername(), "COLLECTIVITE_UPDATE_UPLOADED", id,
				validFrom + " " + source));
		return new Preview(summary(id), changes(divisions));
	}

	/** The updates, the latest first. */
	@Transactional(readOnly = true)
	public List<Summary> list(UserDetails user) {
		requireAdmin(user);
		return jdbc.query(SUMMARY + " order by uploaded_at desc, id", (row, n) -> summary(row));
	}

	/** The imports of the official data, the latest first. */
	@Transactional(readOnly = true)
	public List<Import> imports(UserDetails user) {
		requireAdmin(user);
		return jdbc.query("select imported_at, valid_from, source, communes, delegated, epcis, inserted, updated, "
				+ "duration_ms from collectivite_import order by imported_at desc", (row, n) -> {
					java.sql.Date validFrom = row.getDate(2);
					return new Import(row.getTimestamp(1).toInstant(),
							validFrom == null ? null : validFrom.toLocalDate(), row.getString(3), row.getInt(4),
							row.getInt(5), row.getInt(6), row.getInt(7), row.getInt(8), row.getInt(9));
				});
	}

	/** An update, and its changes against the database while it is a preview. */
	@Transactional(readOnly = true)
	public Preview preview(UserDetails user, String id) {
		requireAdmin(user);
		Summary summary = summary(id);
		return new Preview(summary, PREVIEW.equals(summary.status()) ? changes(stored(id)) : null);
	}

	/**
	 * Applies a preview, in one transaction: the bodies, their words, the endings, the import's record and the
	 * update's status are written together or not at all. An update applied or discarded already: 409.
	 */
	@Transactional
	public Preview apply(UserDetails user, String id) {
		requireAdmin(user);
		Summary summary = lock(id);
		LocalDate last = lastValidFrom();
		if (last != null && !summary.validFrom().isAfter(last)) {
			throw new Conflict("Un jeu de données du " + last + " est déjà appliqué ; celui-ci, du "
					+ summary.validFrom() + ", ne peut plus l'être.");
		}
		OfficialDivisions divisions = stored(id);
		Changes changes = changes(divisions);
		OfficialCollectivites.Applied applied = official.update(divisions, summary.validFrom(), summary.source(),
				changes.endings());
		jdbc.update("update collectivite_update set status = ?, applied_at = ? where id = ?", APPLIED,
				Timestamp.from(clock.instant()), id);
		events.publishEvent(AuditEvent.on(user.getUsername(), "COLLECTIVITE_UPDATE_APPLIED", id,
				summary.validFrom() + " " + summary.source() + " " + changes.counts()));
		log.info("Official collectivités updated to {} ({}): {} added, {} updated, {} ended", summary.validFrom(),
				summary.source(), applied.inserted(), applied.updated(), applied.ended());
		return new Preview(summary(id), changes);
	}

	/** Sets a preview aside: it can no longer be applied. */
	@Transactional
	public Summary discard(UserDetails user, String id) {
		requireAdmin(user);
		lock(id);
		jdbc.update("update collectivite_update set status = ? where id = ?", DISCARDED, id);
		return summary(id);
	}

	private Summary lock(String id) {
		List<String> status = jdbc.queryForList("select status from collectivite_update where id = ? for update",
				String.class, id);
		if (status.isEmpty()) {
			throw notFound(id);
		}
		if (!PREVIEW.equals(status.get(0))) {
			throw new Conflict("Cette mise à jour est déjà " + (APPLIED.equals(status.get(0)) ? "appliquée" : "écartée")
					+ ".");
		}
		return summary(id);
	}

	private static final String SUMMARY = "select id, uploaded_at, uploaded_by, valid_from, source, digest, status, "
			+ "applied_at from collectivite_update";

	private Summary summary(String id) {
		return jdbc.query(SUMMARY + " where id = ?", (row, n) -> summary(row), id)
			.stream()
			.findFirst()
			.orElseThrow(() -> notFound(id));
	}

	private static Summary summary(java.sql.ResultSet row) throws java.sql.SQLException {
		Timestamp applied = row.getTimestamp(8);
		return new Summary(row.getString(1), row.getTimestamp(2).toInstant(), row.getString(3),
				row.getDate(4).toLocalDate(), row.getString(5), row.getString(6), row.getString(7),
				applied == null ? null : applied.toInstant());
	}

	private static NotFound notFound(String id) {
		return new NotFound("Mise à jour du référentiel introuvable : " + PlainText.excerpt(id) + ".");
	}

	private LocalDate lastValidFrom() {
		java.sql.Date last = jdbc.queryForObject("select max(valid_from) from collectivite_import", java.sql.Date.class);
		return last == null ? null : last.toLocalDate();
	}

	private OfficialDivisions stored(String id) {
		return jdbc.query("select regions, departements, communes, epci from collectivite_update where id = ?",
				(row, n) -> read(gunzip(row.getBytes(1)), gunzip(row.getBytes(2)), gunzip(row.getBytes(3)),
						gunzip(row.getBytes(4))),
				id).stream().findFirst().orElseThrow(() -> notFound(id));
	}

	/** The files' JSON, un-gzipped where it was (its first two bytes), within the limits; none if not given. */
	private static byte[] json(String field, byte[] file, boolean required, List<InvalidInput.FieldError> faults) {
		if (file == null || file.length == 0) {
			if (required) {
				faults.add(new InvalidInput.FieldError(field, "Joignez le fichier " + field + ".json du jeu de données."));
			}
			return null;
		}
		if (file.length > MAX_UPLOAD) {
			faults.add(new InvalidInput.FieldError(field, "Le fichier dépasse " + MAX_UPLOAD / 1024 / 1024 + " Mo."));
			return null;
		}
		if (file.length < 2 || (file[0] & 0xff) != 0x1f || (file[1] & 0xff) != 0x8b) {
			return file;
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
			byte[] json = in.readNBytes(MAX_JSON + 1);
			if (json.length > MAX_JSON) {
				faults.add(new InvalidInput.FieldError(field,
						"Le fichier décompressé dépasse " + MAX_JSON / 1024 / 1024 + " Mo."));
				return null;
			}
			return json;
		}
		catch (IOException e) {
			faults.add(new InvalidInput.FieldError(field, "Fichier gzip illisible."));
			return null;
		}
	}

	/** The data set; the départements and regions that are not given: none (the current ones stay). */
	private static OfficialDivisions read(byte[] regions, byte[] departements, byte[] communes, byte[] epci) {
		try {
			return OfficialDivisions.read(stream(regions), stream(departements), stream(communes), stream(epci));
		}
		catch (OfficialDivisions.Unreadable e) {
			throw InvalidInput.of(e.file(), "Ce n'est pas un fichier JSON au format de @etalab/decoupage-administratif"
					+ " (un tableau d'objets).");
		}
	}

	private static InputStream stream(byte[] json) {
		return new ByteArrayInputStream(json == null ? "[]".getBytes() : json);
	}

	/** The shape the update reads: each entry with its code and name; some current commune; members with codes. */
	private static void check(OfficialDivisions divisions) {
		for (int i = 0; i < divisions.communes().size(); i++) {
			Commune commune = divisions.communes().get(i);
			if (commune == null || blank(commune.code()) || blank(commune.nom()) || blank(commune.type())) {
				throw InvalidInput.of("communes", "L'entrée n° " + (i + 1) + " n'a pas de code, de nom ou de type.");
			}
		}
		if (divisions.communes().stream().noneMatch(commune -> OfficialDivisions.CURRENT.equals(commune.type()))) {
			throw InvalidInput.of("communes", "Le fichier ne contient aucune commune (type « commune-actuelle »).");
		}
		for (int i = 0; i < divisions.epcis().size(); i++) {
			Epci epci = divisions.epcis().get(i);
			if (epci == null || blank(epci.code()) || blank(epci.nom()) || epci.membres() == null
					|| epci.membres().stream().anyMatch(member -> member == null || blank(member.code()))) {
				throw InvalidInput.of("epci", "L'entrée n° " + (i + 1) + " n'a pas de code, de nom ou de membres.");
			}
		}
		if (divisions.departements().stream().anyMatch(d -> d == null || blank(d.code()) || blank(d.nom()))) {
			throw InvalidInput.of("departements", "Chaque département a un code et un nom.");
		}
		if (divisions.regions().stream().anyMatch(r -> r == null || blank(r.code()) || blank(r.nom()))) {
			throw InvalidInput.of("regions", "Chaque région a un code et un nom.");
		}
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	/** The changes of a data set against the database's bodies that have not ended. */
	Changes changes(OfficialDivisions divisions) {
		record Current(String name, Integer population, String epci) {
		}
		Map<String, Current> communesBefore = new HashMap<>();
		Map<String, String> epcisBefore = new HashMap<>();
		Map<String, String> names = new HashMap<>();
		jdbc.query("select code, name, kind, population, epci from collectivite where ended_on is null "
				+ "and kind in ('COMMUNE', 'EPCI')", row -> {
					names.put(row.getString(1), row.getString(2));
					if (Kind.COMMUNE.name().equals(row.getString(3))) {
						communesBefore.put(row.getString(1), new Current(row.getString(2),
								(Integer) row.getObject(4, Integer.class), row.getString(5)));
					}
					else {
						epcisBefore.put(row.getString(1), row.getString(2));
					}
				});
		Map<String, Commune> communes = new LinkedHashMap<>();
		Map<String, String> chefLieu = new HashMap<>();
		for (Commune commune : divisions.communes()) {
			if (OfficialDivisions.CURRENT.equals(commune.type())) {
				communes.put(commune.code(), commune);
			}
			else if (commune.chefLieu() != null && !commune.chefLieu().equals(commune.code())) {
				chefLieu.put(commune.code(), commune.chefLieu());
			}
		}
		Map<String, String> epciOf = new HashMap<>();
		Map<String, String> epcis = new LinkedHashMap<>();
		for (Epci epci : divisions.epcis()) {
			epcis.put(epci.code(), epci.nom());
			epci.membres().forEach(member -> epciOf.put(member.code(), epci.code()));
		}
		List<Body> added = new ArrayList<>();
		List<Renamed> renamed = new ArrayList<>();
		List<Membership> membership = new ArrayList<>();
		List<Population> population = new ArrayList<>();
		communes.forEach((code, commune) -> {
			Current before = communesBefore.get(code);
			if (before == null) {
				added.add(new Body(code, commune.nom()));
				return;
			}
			if (!before.name().equals(commune.nom())) {
				renamed.add(new Renamed(code, before.name(), commune.nom()));
			}
			String to = epciOf.get(code);
			if (!Objects.equals(before.epci(), to)) {
				membership.add(new Membership(code, commune.nom(), before.epci(), epciName(before.epci(), epcis, names),
						to, epciName(to, epcis, names)));
			}
			if (!Objects.equals(before.population(), commune.population())) {
				population.add(new Population(code, commune.nom(), before.population(), commune.population()));
			}
		});
		List<Merged> merged = new ArrayList<>();
		List<Body> removed = new ArrayList<>();
		communesBefore.forEach((code, before) -> {
			if (communes.containsKey(code)) {
				return;
			}
			String successor = chefLieu.get(code);
			if (successor != null && communes.containsKey(successor)) {
				merged.add(new Merged(code, before.name(), successor, communes.get(successor).nom()));
			}
			else {
				removed.add(new Body(code, before.name()));
			}
		});
		List<Body> epciAdded = new ArrayList<>();
		List<Renamed> epciRenamed = new ArrayList<>();
		epcis.forEach((code, name) -> {
			String before = epcisBefore.get(code);
			if (before == null) {
				epciAdded.add(new Body(code, name));
			}
			else if (!before.equals(name)) {
				epciRenamed.add(new Renamed(code, before, name));
			}
		});
		List<Body> epciRemoved = new ArrayList<>();
		epcisBefore.forEach((code, name) -> {
			if (!epcis.containsKey(code)) {
				epciRemoved.add(new Body(code, name));
			}
		});
		merged.sort(Comparator.comparing(Merged::code));
		removed.sort(Comparator.comparing(Body::code));
		epciRemoved.sort(Comparator.comparing(Body::code));
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts.put("added", added.size());
		counts.put("renamed", renamed.size());
		counts.put("merged", merged.size());
		counts.put("removed", removed.size());
		counts.put("epciMembership", membership.size());
		counts.put("epciAdded", epciAdded.size());
		counts.put("epciRemoved", epciRemoved.size());
		counts.put("epciRenamed", epciRenamed.size());
		counts.put("population", population.size());
		return new Changes(counts, added, renamed, merged, removed, membership, epciAdded, epciRemoved, epciRenamed,
				population);
	}

	private static String epciName(String code, Map<String, String> epcis, Map<String, String> names) {
		return code == null ? null : epcis.getOrDefault(code, names.get(code));
	}

	private static byte[] gzip(byte[] json) {
		if (json == null) {
			return null;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 8 + 64);
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(json);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	private static byte[] gunzip(byte[] gzipped) {
		if (gzipped == null) {
			return null;
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void requireAdmin(UserDetails user) {
		if (user == null || user.getAuthorities().stream().noneMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority()))) {
			throw new Forbidden("Seul un administrateur met à jour le référentiel des collectivités.");
		}
	}

}
