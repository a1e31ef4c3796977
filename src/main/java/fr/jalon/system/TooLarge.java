package fr.jalon.system;

/** Content over the accepted size (413). */
public class TooLarge extends RuntimeException {

	public TooLarge(String detail) {
		super(detail);
	}

}
