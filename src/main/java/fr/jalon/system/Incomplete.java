package fr.jalon.system;

import java.util.List;

/** Well-formed but incomplete: a task's required data is missing (422 with {@code missing}). */
public class Incomplete extends RuntimeException {

	private final List<String> missing;

	public Incomplete(String detail, List<String> missing) {
		super(detail);
		this.missing = List.copyOf(missing);
	}

	public List<String> missing() {
		return missing;
	}

}
