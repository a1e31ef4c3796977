package fr.jalon.review;

/** The task was open when the request looked at it and is no longer: a concurrent change closed it. */
class TaskGone extends fr.jalon.system.Conflict {

	TaskGone() {
		super("Cette tâche n'est plus ouverte.");
	}

}
