package fr.jalon.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The table {@code task_draft}: one draft per task and user, its values as JSON text. */
@Repository
class DraftTable {

	record Row(String content, Instant updated) {
	}

	private final JdbcTemplate jdbc;

	DraftTable(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Row> find(String taskId, String username) {
		List<Row> rows = jdbc.query("select content, updated_at from task_draft where task_id = ? and username = ?",
				(result, index) -> new Row(result.getString(1), result.getTimestamp(2).toInstant()), taskId, username);
		return rows.stream().findFirst();
	}

	void save(String taskId, String username, String content, Instant at) {
		Timestamp when = Timestamp.from(at);
		if (update(taskId, username, content, when) > 0) {
			return;
		}
		// The caller holds the candidacy's lock: no other save of this draft runs between the update and the insert.
		jdbc.update("insert into task_draft (task_id, username, content, updated_at) values (?, ?, ?, ?)", taskId,
				username, content, when);
	}

	private int update(String taskId, String username, String content, Timestamp when) {
		return jdbc.update("update task_draft set content = ?, updated_at = ? where task_id = ? and username = ?",
				content, when, taskId, username);
	}

	void delete(String taskId, String username) {
		jdbc.update("delete from task_draft where task_id = ? and username = ?", taskId, username);
	}

	/** Every user's draft of the task: it has completed or is gone. */
	void deleteAll(String taskId) {
		jdbc.update("delete from task_draft where task_id = ?", taskId);
	}

}
