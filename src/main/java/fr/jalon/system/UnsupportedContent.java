package fr.jalon.system;

/** Content of a kind that is not accepted (415), judged on its bytes. */
public class UnsupportedContent extends RuntimeException {

	public UnsupportedContent(String detail) {
		super(detail);
	}

}
