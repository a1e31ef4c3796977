package fr.jalon.system;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A problem detail's JSON body, for the answers written before Spring MVC could write it ({@link Problems}): the
 * container's errors, a node not ready yet, the security filters' 401 and 403. One writer, each text escaped.
 */
public final class ProblemJson {

	private ProblemJson() {
	}

	/** {@code {"type":"urn:jalon:problem:<type>","title",…,"status",…,"detail",…[,"instance",…]}}. */
	public static String of(String type, String title, int status, String detail, String instance) {
		JsonStringEncoder json = JsonStringEncoder.getInstance();
		StringBuilder body = new StringBuilder("{\"type\":\"urn:jalon:problem:").append(json.quoteAsString(type))
			.append("\",\"title\":\"")
			.append(json.quoteAsString(title))
			.append("\",\"status\":")
			.append(status)
			.append(",\"detail\":\"")
			.append(json.quoteAsString(detail))
			.append('"');
		if (instance != null && !instance.isEmpty()) {
			body.append(",\"instance\":\"").append(json.quoteAsString(instance)).append('"');
		}
		return body.append('}').toString();
	}

}
