package fr.jalon.system;

/** A known user acting beyond their role or scope, on an object they may see. */
public class Forbidden extends RuntimeException {

	public Forbidden(String detail) {
		super(detail);
	}

}
