package fr.jalon.system;

/**
 * An unknown id, or an object the caller may not see: both answer 404, so that a
 * collectivité never learns that another's candidacy exists.
 */
public class NotFound extends RuntimeException {

	public NotFound(String detail) {
		super(detail);
	}

}
