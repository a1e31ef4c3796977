package fr.jalon.referential;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.system.NotFound;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The referential versions of each programme, and which one is in force for a collectivité. */
@Service
public class Referentials {

	private final ReferentialVersions versions;

	private final ObjectMapper json;

	/** Parsed contents, by version id; a version's content never changes once stored. */
	private final Map<String, Referential> parsed = new ConcurrentHashMap<>();

	Referentials(ReferentialVersions versions, ObjectMapper json) {
		this.versions = versions;
		this.json = json;
	}

	/** The version a new candidacy of that collectivité starts with: the published one. */
	@Transactional(readOnly = true)
	public Referential inForce(String programme, String collectivite) {
		return published(programme);
	}

	@Transactional(readOnly = true)
	public Referential published(String programme) {
		return versions.findFirstByProgrammeAndStatusOrderByVersionDesc(programme, VersionStatus.PUBLISHED)
			.map(this::read)
			.orElseThrow(() -> new NotFound("Aucun référentiel publié pour le programme « " + programme + " »."));
	}

	@Transactional(readOnly = true)
	public Referential version(String programme, int version) {
		return versions.findById(programme + ":" + version)
			.map(this::read)
			.orElseThrow(() -> new NotFound("Version " + version + " du référentiel « " + programme + " » inconnue."));
	}

	@Transactional(readOnly = true)
	public List<Referential> versions(String programme) {
		List<ReferentialVersion> all = versions.findByProgrammeOrderByVersion(programme);
		if (all.isEmpty()) {
			throw new NotFound("Programme « " + programme + " » inconnu.");
		}
		return all.stream().map(this::read).toList();
	}

	/** Stores a referential read from the initial files, published, if its programme has none yet. */
	@Transactional
	public boolean loadInitial(Referential referential) {
		if (versions.existsByProgramme(referential.programme())) {
			return false;
		}
		ReferentialVersion version = new ReferentialVersion(referential.programme(), referential.version(),
				referential.title(), write(referential.withStatus(null)));
		version.publish();
		versions.save(version);
		return true;
	}

	private Referential read(ReferentialVersion version) {
		Referential content = parsed.computeIfAbsent(version.id(), id -> {
			try {
				return json.readValue(version.content(), Referential.class);
			}
			catch (JsonProcessingException e) {
				throw new IllegalStateException("Stored referential " + id + " is unreadable", e);
			}
		});
		return content.withStatus(version.status().name());
	}

	private String write(Referential referential) {
		try {
			return json.writeValueAsString(referential);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

}
