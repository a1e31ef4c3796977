package fr.jalon.review;

import java.util.Date;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Temporal;
import jakarta.persistence.TemporalType;

import org.hibernate.annotations.Immutable;

/**
 * The few columns of the engine's own tables that the task list filters, joins and orders by, mapped read-only so
 * that one query over them and the candidacies (with the candidacy module's visibility predicate) finds a page of
 * tasks. The engine alone writes these tables; their names are unquoted, so H2 (upper case) and PostgreSQL (lower
 * case) both resolve them.
 */
final class EngineTables {

	private EngineTables() {
	}

	/** An open user task ({@code ACT_RU_TASK}). */
	@Entity(name = "EngineTask")
	@Table(name = "ACT_RU_TASK")
	@Immutable
	static class Task {

		@Id
		@Column(name = "ID_")
		String id;

		@Column(name = "PROC_INST_ID_")
		String processInstanceId;

		@Column(name = "PROC_DEF_ID_")
		String processDefinitionId;

		@Column(name = "TASK_DEF_KEY_")
		String key;

		@Column(name = "NAME_")
		String name;

		@Column(name = "ASSIGNEE_")
		String assignee;

		@Column(name = "CREATE_TIME_")
		@Temporal(TemporalType.TIMESTAMP)
		Date created;

		@Column(name = "DUE_DATE_")
		@Temporal(TemporalType.TIMESTAMP)
		Date due;

		/** 1 active, 2 suspended. */
		@Column(name = "SUSPENSION_STATE_")
		Integer suspensionState;

	}

	/** A running execution ({@code ACT_RU_EXECUTION}); a process instance's carries its business key, a candidacy's id. */
	@Entity(name = "EngineExecution")
	@Table(name = "ACT_RU_EXECUTION")
	@Immutable
	static class Execution {

		@Id
		@Column(name = "ID_")
		String id;

		@Column(name = "BUSINESS_KEY_")
		String businessKey;

	}

	/** A task's candidate group or user ({@code ACT_RU_IDENTITYLINK}). */
	@Entity(name = "EngineIdentityLink")
	@Table(name = "ACT_RU_IDENTITYLINK")
	@Immutable
	static class IdentityLink {

		@Id
		@Column(name = "ID_")
		String id;

		@Column(name = "TASK_ID_")
		String taskId;

		@Column(name = "GROUP_ID_")
		String groupId;

		@Column(name = "TYPE_")
		String type;

	}

	/** A task, open or done, as history keeps it ({@code ACT_HI_TASKINST}): who took which step of which instance. */
	@Entity(name = "EngineHistoricTask")
	@Table(name = "ACT_HI_TASKINST")
	@Immutable
	static class HistoricTask {

		@Id
		@Column(name = "ID_")
		String id;

		@Column(name = "PROC_INST_ID_")
		String processInstanceId;

		@Column(name = "TASK_DEF_KEY_")
		String key;

		@Column(name = "ASSIGNEE_")
		String assignee;

	}

}
