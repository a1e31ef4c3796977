package fr.jalon.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who sees what, written once: what the programmes declare decides, and a role that no programme grants
 * sees nothing, in lists as in single reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VisibilityTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	Accounts accounts;

	@Autowired
	PasswordEncoder passwords;

	record Candidacy(String programmeId, String collectiviteCode, String departementCode, String regionCode,
			Set<String> partnerCodes) implements Scoped {
	}

	static final Candidacy ALBI = new Candidacy("label", "81004", "81", "76", Set.of("810000000"));

	/** Grants as programmes would declare them: one programme grants JURY in a region, two grant EXPERT nationally. */
	static final RoleGrants GRANTS = new RoleGrants() {

		@Override
		public Map<String, ScopeKind> of(String role) {
			return switch (role) {
				case "JURY" -> Map.of("label", ScopeKind.REGION);
				case "EXPERT" -> Map.of("label", ScopeKind.NATIONAL, "other", ScopeKind.NATIONAL);
				case "TWOFACED" -> Map.of("label", ScopeKind.REGION, "other", ScopeKind.DEPARTEMENT);
				default -> Map.of();
			};
		}

		@Override
		public Map<String, String> labels() {
			return Map.of("JURY", "Jury");
		}

	};

	static JalonUser user(String role, String scope) {
		return new JalonUser("someone", null, role, scope, true);
	}

	@Test
	void followsWhatTheProgrammesDeclare() {
		Visibilities visibilities = new Visibilities(GRANTS);
		assertThat(visibilities.canSee(user(Role.ADMIN, null), ALBI)).isTrue();
		assertThat(visibilities.canSee(user(Role.COLLECTIVITE, "81004"), ALBI)).isTrue();
		assertThat(visibilities.canSee(user(Role.COLLECTIVITE, "810000000"), ALBI)).as("a partner").isTrue();
		assertThat(visibilities.canSee(user(Role.COLLECTIVITE, "12202"), ALBI)).isFalse();
		assertThat(visibilities.canSee(user("JURY", "76"), ALBI)).isTrue();
		assertThat(visibilities.canSee(user("JURY", "93"), ALBI)).as("another region").isFalse();
		assertThat(visibilities.canSee(user("JURY", null), ALBI)).as("a scoped role without a scope").isFalse();
		assertThat(visibilities.canSee(user("EXPERT", null), ALBI)).isTrue();
		assertThat(visibilities.canSee(user("EXPERT", null), new Candidacy("third", "81004", "81", "76", Set.of())))
			.as("a programme that does not grant the role").isFalse();
		assertThat(visibilities.of(user("TWOFACED", "76"))).as("programmes that disagree on its scope")
			.isEqualTo(Visibility.NONE);
		assertThat(visibilities.of(user("NOBODY", "76"))).as("a role no programme grants").isEqualTo(Visibility.NONE);
		assertThat(visibilities.canSee(null, ALBI)).isFalse();
	}

	@Test
	void showsNothingToARoleThatNoProgrammeGrants() {
		// An account whose role no programme in use declares (as after a programme's roles changed).
		String username = "orphan-" + System.nanoTime();
		accounts.save(new Account(username, passwords.encode("orphan-password"), "ORPHAN_ROLE", "81"));
		Api orphan = new Api(http.withBasicAuth(username, "orphan-password"), null);
		Api albi = new Api(http, "mairie-albi");
		String id = albi.post("/api/candidacies", Map.of("programme", "ecoquartier", "collectivite", "81004",
				"title", "Vu de personne d'autre")).getBody().get("id").asText();

		assertThat(orphan.all("/api/candidacies")).isEmpty();
		assertThat(orphan.get("/api/candidacies/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(orphan.all("/api/tasks")).isEmpty();
		assertThat(orphan.get("/api/tasks?candidacy=" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		Api ddt = new Api(http, "ddt-81");
		assertThat(ids(ddt.all("/api/candidacies"))).contains(id);
		assertThat(ddt.get("/api/candidacies/" + id).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	static List<String> ids(JsonNode candidacies) {
		return candidacies.findValuesAsText("id");
	}

}
