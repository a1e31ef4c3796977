package fr.jalon.referential;

import java.util.Set;

/** The steps (user task ids) of a programme's process, which stage rules may name. */
public interface KnownSteps {

	Set<String> of(String programme);

}
