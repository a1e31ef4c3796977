package fr.jalon.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import fr.jalon.Jardins;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Issue 13: a start on a database that already holds the shipped files, byte for byte, neither checks nor deploys
 * them again (the checks took seconds of every start); a new or changed file is checked and deployed as before. This
 * context's own start has deployed the shipped files already: running the start-up work again is the next start.
 */
@SpringBootTest
@ActiveProfiles("test")
class ShippedProgrammesAtStartTests {

	private static final JalonUser SYSTEM = new JalonUser("system", null, Role.ADMIN, null, true);

	@MockitoSpyBean
	ProcessValidator validator;

	@Autowired
	InitialProgrammes initialProgrammes;

	@Autowired
	Programmes programmes;

	@Autowired
	RepositoryService repository;

	@Autowired
	fr.jalon.referential.Referentials referentials;

	@Test
	void aStartOnADatabaseHoldingTheShippedFilesChecksAndDeploysNothing() throws Exception {
		long deployments = repository.createDeploymentQuery().count();
		clearInvocations(validator);

		initialProgrammes.run(new DefaultApplicationArguments());

		verify(validator, never()).check(any(), any());
		assertThat(repository.createDeploymentQuery().count()).as("deployments").isEqualTo(deployments);
		assertThat(programmes.shippedUnchanged("ecoquartier",
				new ClassPathResource("bpmn/ecoquartier.bpmn").getContentAsByteArray())).isTrue();
	}

	@Test
	void aNewOrChangedShippedFileIsCheckedAndDeployedAsBefore() {
		String id = "jardins-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] process = Jardins.process(id).getBytes(StandardCharsets.UTF_8);
		byte[] referential = Jardins.referential(id).getBytes(StandardCharsets.UTF_8);
		assertThat(programmes.shippedUnchanged(id, process)).as("a programme not deployed yet").isFalse();
		programmes.deployShipped(SYSTEM, process, referential);
		assertThat(programmes.shippedUnchanged(id, process)).as("the same bytes, deployed").isTrue();

		byte[] changed = Jardins.process(id).replace("Décision du jury", "Décision du jury régional")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(programmes.shippedUnchanged(id, changed)).as("one changed word").isFalse();
		clearInvocations(validator);
		programmes.deployShipped(SYSTEM, changed, referential);
		verify(validator, atLeastOnce()).check(any(), any());
		assertThat(programmes.get(id).version()).isEqualTo(2);
		assertThat(programmes.shippedUnchanged(id, changed)).isTrue();
		assertThat(programmes.shippedUnchanged(id, process)).as("the older bytes are no longer the last deployed")
			.isFalse();
	}

	/**
	 * A shipped process changed with its shipped referential (EcoQuartier's step « confirmé »: a stage, a status, a
	 * deadline more) on a database that holds the former pair: both deployed, the referential under the next version.
	 */
	@Test
	void aChangedShippedProcessDeploysWithItsChangedReferentialUnderTheNextVersion() {
		String id = "jardins-" + UUID.randomUUID().toString().substring(0, 8);
		programmes.deployShipped(SYSTEM, Jardins.process(id).getBytes(StandardCharsets.UTF_8),
				Jardins.referential(id).getBytes(StandardCharsets.UTF_8));
		byte[] changed = Jardins.process(id).replace("LABELLED", "LAUREATE").getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> programmes.deployShipped(SYSTEM, changed,
				Jardins.referential(id).getBytes(StandardCharsets.UTF_8)))
			.as("a status its referential does not declare").isInstanceOf(IllegalStateException.class);
		programmes.deployShipped(SYSTEM, changed,
				Jardins.referential(id).replace("LABELLED", "LAUREATE").getBytes(StandardCharsets.UTF_8));

		assertThat(programmes.get(id).version()).isEqualTo(2);
		assertThat(referentials.definition(id).orElseThrow().version()).isEqualTo(2);
		assertThat(referentials.definition(id).orElseThrow().endStatus("LAUREATE")).isPresent();
		assertThat(programmes.shippedUnchanged(id, changed)).isTrue();
	}

	/**
	 * The same change on a database whose referential in use an administrator published after the shipped process
	 * was deployed: the shipped referential does not replace it in silence; nothing is deployed, start-up goes on.
	 */
	@Test
	void aChangedShippedProcessLeavesAnAdministratorsPublishedReferentialInUse() throws Exception {
		String id = "jardins-" + UUID.randomUUID().toString().substring(0, 8);
		programmes.deployShipped(SYSTEM, Jardins.process(id).getBytes(StandardCharsets.UTF_8),
				Jardins.referential(id).getBytes(StandardCharsets.UTF_8));
		JalonUser admin = new JalonUser("admin", null, Role.ADMIN, null, true);
		com.fasterxml.jackson.databind.JsonNode second = new com.fasterxml.jackson.databind.ObjectMapper(
				new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
			.readTree(Jardins.referential(id).replaceFirst("(?m)^version: 1$", "version: 2"));
		referentials.create(admin, id, second);
		referentials.publish(admin, id, 2);
		byte[] changed = Jardins.process(id).replace("LABELLED", "LAUREATE").getBytes(StandardCharsets.UTF_8);

		programmes.deployShipped(SYSTEM, changed,
				Jardins.referential(id).replace("LABELLED", "LAUREATE").getBytes(StandardCharsets.UTF_8));

		assertThat(referentials.definition(id).orElseThrow().version()).as("the administrator's version").isEqualTo(2);
		assertThat(referentials.versions(id)).hasSize(2);
		assertThat(programmes.get(id).version()).as("the shipped process not deployed").isEqualTo(1);
	}

}
