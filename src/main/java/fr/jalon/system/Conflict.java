package fr.jalon.system;

/** The object's state forbids the operation: task already completed, candidacy closed, concurrent change. */
public class Conflict extends RuntimeException {

	public Conflict(String detail) {
		super(detail);
	}

}
