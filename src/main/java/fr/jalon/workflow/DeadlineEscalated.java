package fr.jalon.workflow;

/**
 * A deadline has passed ({@code ${escalateOverdueTask}}): signalled to the accounts of {@code role} that see the
 * candidacy (its département's, its region's), or to the administrators when the programme names no role.
 */
public record DeadlineEscalated(String candidacyId, String title, String role) {

}
