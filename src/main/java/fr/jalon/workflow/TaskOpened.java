package fr.jalon.workflow;

import java.util.List;

/**
 * A user task opened for someone, published by the engine in the transaction that creates it: {@code groups} its
 * candidate groups ({@code ROLE} or {@code ROLE:scope}), {@code assignee} the one person it is for, if any.
 */
public record TaskOpened(String candidacyId, String taskId, String key, String name, List<String> groups,
		String assignee) {

}
