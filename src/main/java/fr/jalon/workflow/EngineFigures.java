package fr.jalon.workflow;

import java.sql.Timestamp;
import java.util.List;

import fr.jalon.system.Tally;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the engine holds, counted for operators: open tasks, overdue tasks, incidents, jobs waiting. Grouped counts
 * in the engine's runtime tables (the engine's query API counts but does not group), joined to the candidacy for
 * its programme and stage as the product shows them ({@code review/TaskView}). The same SQL on H2 and PostgreSQL.
 * "Now" is the engine's clock, the one its due dates and its job acquisition are read against.
 */
@Component
@Transactional(readOnly = true)
public class EngineFigures {

	/** The open tasks of the candidacies' processes, each with its candidacy (the process's business key). */
	private static final String TASKS = """
			from act_ru_task t
			join act_ru_execution e on e.id_ = t.proc_inst_id_
			join candidacy c on c.id = e.business_key_
			""";

	/** Every incident kind the engine may raise from Jalon's processes: each is reported, 0 when none is open. */
	public static final List<String> INCIDENT_TYPES = List.of("failedJob");

	private final JdbcTemplate jdbc;

	EngineFigures(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Open user tasks, by programme and stage. */
	public List<Tally> openTasks() {
		return jdbc.query("select c.programme, c.stage, count(*) " + TASKS + "group by c.programme, c.stage", (row, n) -> tally(row.getString(1), row.getString(2),
				row.getLong(3)));
	}

	/** Open user tasks whose due date is past, by programme. */
	public List<Tally> overdueTasks() {
		return jdbc.query("select c.programme, count(*) " + TASKS + "where t.due_date_ < ? group by c.programme",
				(row, n) -> tally(row.getString(1), row.getLong(2)), now());
	}

	/** Open incidents, by the engine's incident type ({@code failedJob}: a job whose retries are spent). */
	public List<Tally> openIncidents() {
		return jdbc.query("select incident_type_, count(*) from act_ru_incident group by incident_type_",
				(row, n) -> tally(row.getString(1), row.getLong(2)));
	}

	/**
	 * Jobs an executor could take now and none holds: due (no due date, or past), retries left, not suspended,
	 * not locked (or its lock expired): the engine's own acquisition conditions.
	 */
	public long dueJobs() {
		Timestamp now = now();
		Long due = jdbc.queryForObject("""
				select count(*) from act_ru_job
				where retries_ > 0 and (duedate_ is null or duedate_ <= ?)
				and (lock_owner_ is null or lock_exp_time_ < ?) and suspension_state_ = 1
				""", Long.class, now, now);
		return due == null ? 0 : due;
	}

	private static Timestamp now() {
		return new Timestamp(ClockUtil.getCurrentTime().getTime());
	}

	private static Tally tally(String first, String second, long count) {
		return new Tally(List.of(first, second), count);
	}

	private static Tally tally(String first, long count) {
		return new Tally(List.of(first), count);
	}

}
