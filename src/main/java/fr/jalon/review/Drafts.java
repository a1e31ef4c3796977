package fr.jalon.review;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.jalon.candidacy.CandidacyService;
import fr.jalon.security.JalonUser;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.InvalidInput.FieldError;
import fr.jalon.system.PlainText;
import fr.jalon.system.SingleLine;
import fr.jalon.system.TooLarge;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * Drafts of task forms, kept on the server: one per open task and user, so that a user finds what they typed from
 * any browser or node. Only whoever may act on the task saves, reads or discards its draft. A draft is never a
 * decision: it touches neither the engine, nor the candidacy and its history, nor the audit trail. It goes when its
 * task completes or is deleted ({@link DraftsFollowTasks}).
 */
@Service
@Validated
public class Drafts {

	/** The longest value of a field (a form's text areas take as much). */
	public static final int MAX_VALUE = 4000;

	/** The largest draft, as JSON text: far above the largest form (a hundred fields), far below a request's limit. */
	public static final int MAX_SIZE = 256 * 1024;

	private static final TypeReference<LinkedHashMap<String, String>> VALUES = new TypeReference<>() {
	};

	private final ReviewService reviews;

	private final CandidacyService candidacies;

	private final DraftTable table;

	private final Clock clock;

	private final ObjectMapper json = new ObjectMapper();

	Drafts(ReviewService reviews, CandidacyService candidacies, DraftTable table, Clock clock) {
		this.reviews = reviews;
		this.candidacies = candidacies;
		this.table = table;
		this.clock = clock;
	}

	/** The user's draft of the task, if any; 404/403/409 as the task's decision would answer. */
	@Transactional(readOnly = true)
	public Optional<Draft> find(JalonUser user, @SingleLine String taskId) {
		reviews.actable(user, taskId, false);
		return table.find(taskId, user.getUsername()).map(row -> new Draft(taskId, read(row.content()), row.updated()));
	}

	/**
	 * Saves the user's draft of the task, replacing the previous one; each key must be a field of the task's form
	 * ({@link TaskFields}), each value at most {@value #MAX_VALUE} characters. A 400 names every faulty field.
	 */
	@Transactional
	public Draft save(JalonUser user, @SingleLine String taskId, Map<String, String> values) {
		TaskView task = reviews.actable(user, taskId, true);
		if (values == null) {
			throw InvalidInput.of("values", "les valeurs du brouillon sont attendues");
		}
		Set<String> fields = TaskFields.of(task, candidacies.referentialOf(task.candidacyId()));
		List<FieldError> errors = new ArrayList<>();
		Map<String, String> kept = new LinkedHashMap<>();
		values.forEach((name, value) -> {
			if (!fields.contains(name)) {
				errors.add(new FieldError("values." + PlainText.excerpt(name), "champ inconnu du formulaire de cette tâche"));
			}
			else if (value != null && value.length() > MAX_VALUE) {
				errors.add(new FieldError("values." + name, MAX_VALUE + " caractères au plus"));
			}
			else {
				kept.put(name, value == null ? "" : value);
			}
		});
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors.size() == 1
					? "Le champ « " + errors.get(0).field() + " » est invalide : " + errors.get(0).message()
							+ " ; le brouillon n'a pas été enregistré."
					: "Certains champs sont invalides ; le brouillon n'a pas été enregistré.", InvalidInput.firstOf(errors));
		}
		String content = write(kept);
		if (content.length() > MAX_SIZE) {
			throw new TooLarge("Brouillon trop volumineux : " + MAX_SIZE / 1024 + " Ko au plus.");
		}
		var now = clock.instant();
		table.save(taskId, user.getUsername(), content, now);
		return new Draft(taskId, kept, now);
	}

	/** Discards the user's draft of the task (nothing happens when there is none). */
	@Transactional
	public void discard(JalonUser user, @SingleLine String taskId) {
		reviews.actable(user, taskId, false);
		table.delete(taskId, user.getUsername());
	}

	private Map<String, String> read(String content) {
		try {
			return json.readValue(content, VALUES);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Unreadable draft", e);
		}
	}

	private String write(Map<String, String> values) {
		try {
			return json.writeValueAsString(values);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Unwritable draft", e);
		}
	}

}
