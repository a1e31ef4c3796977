package fr.jalon.referential;

import java.util.List;
import java.util.Set;

import fr.jalon.system.InvalidInput.FieldError;

/**
 * The programme's process as deployed: the steps (user task ids) stage rules may name, and what its latest
 * version would find wrong with a referential (a stage, status, role, certificate or deadline it uses and
 * the referential does not declare). A port: the processes are the workflow module's.
 */
public interface KnownSteps {

	Set<String> of(String programme);

	/** The faults, each naming the BPMN element ({@code process:<id>}); none when no process is deployed. */
	List<FieldError> processFaults(Referential referential);

}
