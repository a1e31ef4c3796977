package fr.jalon.candidacy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The programmes Jalon carries, each with its stages in order. */
public enum Programme {

	ECOQUARTIER("ecoquartier", "EcoQuartier", List.of(Stage.CHARTER, Stage.CONTRACT, Stage.PILOT_TEST, Stage.VALIDATION)),

	PVD("pvd", "Petites villes de demain",
			List.of(Stage.CANDIDACY, Stage.DEPARTMENT_REVIEW, Stage.REGIONAL_SELECTION, Stage.ANNOUNCEMENT,
					Stage.MEMBERSHIP_AGREEMENT, Stage.PROJECT_MANAGER, Stage.FRAMEWORK_AGREEMENT));

	private final String id;

	private final String label;

	private final List<Stage> stages;

	Programme(String id, String label, List<Stage> stages) {
		this.id = id;
		this.label = label;
		this.stages = stages;
	}

	public static Optional<Programme> of(String id) {
		return Arrays.stream(values()).filter(programme -> programme.id.equals(id)).findFirst();
	}

	public String id() {
		return id;
	}

	public String label() {
		return label;
	}

	public List<Stage> stages() {
		return stages;
	}

	public Stage firstStage() {
		return stages.get(0);
	}

}
