package fr.jalon;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes the {@code incoming} and {@code outgoing} references of every flow node into a BPMN text, from its
 * sequence flows' {@code sourceRef} and {@code targetRef}: what bpmn.io's tools (bpmnlint, the modeler) read, and
 * what deployment requires. The text is edited in place, nothing else moves: each node gets its references, in the
 * order of its flows, after its {@code documentation} and {@code extensionElements}, indented as its children would
 * be; a node that already has references is left as it is. The shipped BPMN files were rewritten once by
 * {@link #main}; test fixtures that build a process may pass theirs through {@link #added}.
 */
public final class FlowReferences {

	static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

	/** A start tag, its attributes quoted either way. */
	private static final Pattern START_TAG = Pattern
		.compile("<([A-Za-z_][\\w.-]*:)?([A-Za-z_][\\w.-]*)((?:\\s+[\\w:.-]+\\s*=\\s*(?:\"[^\"]*\"|'[^']*'))*)(\\s*)(/?)>");

	private static final Pattern ID = Pattern.compile("(?:^|\\s)id\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

	private FlowReferences() {
	}

	/** Rewrites each file given, in place. */
	public static void main(String... files) throws IOException {
		for (String file : files) {
			Path path = Path.of(file);
			Files.writeString(path, added(Files.readString(path)));
		}
	}

	/** The BPMN text with the references of every flow node. */
	public static String added(String xml) {
		Document document = parse(xml);
		Map<String, List<String>> incoming = new LinkedHashMap<>();
		Map<String, List<String>> outgoing = new LinkedHashMap<>();
		NodeList flows = document.getElementsByTagNameNS(BPMN, "sequenceFlow");
		for (int i = 0; i < flows.getLength(); i++) {
			Element flow = (Element) flows.item(i);
			outgoing.computeIfAbsent(flow.getAttribute("sourceRef"), key -> new ArrayList<>()).add(flow.getAttribute("id"));
			incoming.computeIfAbsent(flow.getAttribute("targetRef"), key -> new ArrayList<>()).add(flow.getAttribute("id"));
		}
		Map<String, Element> nodes = new LinkedHashMap<>();
		NodeList all = document.getElementsByTagNameNS(BPMN, "*");
		for (int i = 0; i < all.getLength(); i++) {
			Element element = (Element) all.item(i);
			String id = element.getAttribute("id");
			if ((incoming.containsKey(id) || outgoing.containsKey(id)) && !"sequenceFlow".equals(element.getLocalName())
					&& !hasReferences(element)) {
				nodes.put(id, element);
			}
		}
		String unit = indentUnit(xml);
		// Insertions by position, applied from the end so that earlier positions hold.
		TreeMap<Integer, String[]> edits = new TreeMap<>();
		Matcher tag = START_TAG.matcher(xml);
		while (tag.find()) {
			Matcher id = ID.matcher(tag.group(3));
			if (!id.find()) {
				continue;
			}
			String nodeId = id.group(1) != null ? id.group(1) : id.group(2);
			Element node = nodes.remove(nodeId);
			if (node == null || !BPMN.equals(node.getNamespaceURI()) || !node.getLocalName().equals(tag.group(2))) {
				continue;
			}
			String prefix = tag.group(1) == null ? "" : tag.group(1);
			String indent = indentOf(xml, tag.start());
			String childIndent = indent == null ? "" : "\n" + indent + unit;
			StringBuilder references = new StringBuilder();
			for (String flow : incoming.getOrDefault(nodeId, List.of())) {
				references.append(childIndent).append('<').append(prefix).append("incoming>").append(flow)
					.append("</").append(prefix).append("incoming>");
			}
			for (String flow : outgoing.getOrDefault(nodeId, List.of())) {
				references.append(childIndent).append('<').append(prefix).append("outgoing>").append(flow)
					.append("</").append(prefix).append("outgoing>");
			}
			if (!tag.group(5).isEmpty()) {
				// <x ... /> becomes <x ...>references</x>
				String close = (indent == null ? "" : "\n" + indent) + "</" + prefix + tag.group(2) + ">";
				edits.put(tag.start(4), new String[] { String.valueOf(tag.end() - tag.start(4)), ">" + references + close });
			}
			else {
				int at = afterLeadingChildren(xml, tag.end(), prefix);
				edits.put(at, new String[] { "0", references.toString() });
			}
		}
		if (!nodes.isEmpty()) {
			throw new IllegalArgumentException("Flow nodes not found in the text: " + nodes.keySet());
		}
		StringBuilder result = new StringBuilder(xml);
		for (Map.Entry<Integer, String[]> edit : edits.descendingMap().entrySet()) {
			int at = edit.getKey();
			result.replace(at, at + Integer.parseInt(edit.getValue()[0]), edit.getValue()[1]);
		}
		return result.toString();
	}

	private static boolean hasReferences(Element element) {
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element e && BPMN.equals(e.getNamespaceURI())
					&& ("incoming".equals(e.getLocalName()) || "outgoing".equals(e.getLocalName()))) {
				return true;
			}
		}
		return false;
	}

	/** Past the element's documentation and extension elements, which come before the references (BPMN schema). */
	private static int afterLeadingChildren(String xml, int from, String prefix) {
		Pattern leading = Pattern.compile("\\s*<" + Pattern.quote(prefix) + "(documentation|extensionElements)\\b");
		int at = from;
		while (true) {
			Matcher child = leading.matcher(xml).region(at, xml.length());
			if (!child.lookingAt()) {
				return at;
			}
			Matcher start = START_TAG.matcher(xml).region(child.end(1) - child.group(1).length() - prefix.length() - 1,
					xml.length());
			if (!start.lookingAt()) {
				throw new IllegalArgumentException("Unreadable tag at " + at);
			}
			if (!start.group(5).isEmpty()) {
				at = start.end();
			}
			else {
				String close = "</" + prefix + child.group(1) + ">";
				int end = xml.indexOf(close, start.end());
				if (end < 0) {
					throw new IllegalArgumentException("Unclosed " + child.group(1) + " at " + at);
				}
				at = end + close.length();
			}
		}
	}

	/** The whitespace before a tag that starts its line, or null when the tag follows something else on its line. */
	private static String indentOf(String xml, int tagStart) {
		int lineStart = xml.lastIndexOf('\n', tagStart - 1) + 1;
		String before = xml.substring(lineStart, tagStart);
		return before.isBlank() ? before : null;
	}

	/** The indentation step of the text: its process's children against the process. */
	private static String indentUnit(String xml) {
		Matcher process = Pattern.compile("\n([ \t]*)<(?:[\\w.-]+:)?process\\b[^\n]*\n([ \t]*)<").matcher(xml);
		if (process.find() && process.group(2).startsWith(process.group(1))
				&& process.group(2).length() > process.group(1).length()) {
			return process.group(2).substring(process.group(1).length());
		}
		return "  ";
	}

	private static Document parse(String xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception e) {
			throw new IllegalArgumentException("Unreadable BPMN", e);
		}
	}

}
