package fr.jalon.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import fr.jalon.system.InvalidInput.FieldError;

/**
 * A referential's source text, line by line, with each fault written beside the line it points
 * at (a JSON pointer such as {@code /stageRules/3/minimumLevels/E21}, or its nearest parent).
 */
public record YamlLines(List<Line> lines, List<String> unplaced) {

	public record Line(int number, String text, List<String> faults) {
	}

	static YamlLines annotate(String source, List<FieldError> faults) {
		Map<String, Integer> pointers = pointers(source);
		String[] texts = source.split("\r?\n", -1);
		List<List<String>> byLine = new ArrayList<>();
		for (int i = 0; i < texts.length; i++) {
			byLine.add(new ArrayList<>());
		}
		List<String> unplaced = new ArrayList<>();
		for (FieldError fault : faults) {
			Integer line = lineOf(fault.field(), pointers);
			String message = fault.field() + " : " + fault.message();
			if (line == null || line < 1 || line > texts.length) {
				unplaced.add(message);
			}
			else {
				byLine.get(line - 1).add(message);
			}
		}
		List<Line> lines = new ArrayList<>();
		for (int i = 0; i < texts.length; i++) {
			lines.add(new Line(i + 1, texts[i], byLine.get(i)));
		}
		return new YamlLines(lines, unplaced);
	}

	/** The line of the pointer, or of its nearest parent the text has. */
	static Integer lineOf(String pointer, Map<String, Integer> pointers) {
		String path = pointer == null ? "" : pointer;
		while (true) {
			Integer line = pointers.get(path);
			if (line != null) {
				return line;
			}
			int slash = path.lastIndexOf('/');
			if (slash < 0) {
				return null;
			}
			path = path.substring(0, slash);
		}
	}

	/** Where each JSON pointer of the document starts (JSON is YAML too). */
	static Map<String, Integer> pointers(String source) {
		Map<String, Integer> lines = new HashMap<>();
		try (JsonParser parser = new YAMLFactory().createParser(source)) {
			while (parser.nextToken() != null) {
				lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
						parser.currentTokenLocation().getLineNr());
			}
		}
		catch (IOException | RuntimeException e) {
			// A malformed document: the parse error itself tells where.
		}
		return lines;
	}

}
