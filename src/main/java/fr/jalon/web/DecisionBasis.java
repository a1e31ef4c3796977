package fr.jalon.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.EligibilityCheck;
import fr.jalon.candidacy.Territory;
import fr.jalon.referential.Referential;
import fr.jalon.review.TaskView;

/**
 * What a reviewer's decision rests on, as its step declares it ({@code shows}), shown first on the task's page:
 * the amounts asked and computed, the eligibility checks, the territory, the step's documents (the stage rules'
 * types of the step and of the steps it reviews, {@code documentsOf}; every document when they name none).
 */
public record DecisionBasis(List<String> shows, List<Fact> amounts, List<EligibilityCheck> eligibility, Territory territory,
		CandidacyView documents, List<String> missingDocuments) {

	/** A line of the amounts: its label and its value as people read it. */
	public record Fact(String label, String value) {
	}

	public boolean showing(String item) {
		return shows.contains(item);
	}

	/**
	 * The amounts of the candidacy's subsidies: for each subsidy the referential declares, the cost asked, the
	 * condition of its raised cap, and the subsidy computed (by {@link Referential.Subsidy#amount}, as the
	 * candidacy's view holds it), or that it cannot be computed yet.
	 */
	static List<Fact> amounts(CandidacyView candidacy, Referential referential, Labels labels) {
		List<Fact> facts = new ArrayList<>();
		for (Referential.Subsidy subsidy : referential.subsidies()) {
			Map<String, Object> data = candidacy.data() == null ? Map.of() : candidacy.data();
			facts.add(new Fact(labels.field(candidacy, subsidy.cost()), data.containsKey(subsidy.cost())
					? labels.euros(data.get(subsidy.cost())) + " par an" : "non renseigné"));
			if (subsidy.raisedCap() != null) {
				String when = subsidy.raisedCap().when();
				facts.add(new Fact(labels.field(candidacy, when),
						data.containsKey(when) ? labels.value(data.get(when)) : "non renseigné"));
			}
			Map<String, Object> granted = candidacy.subsidies().get(subsidy.id());
			facts.add(new Fact(subsidy.title() + " — aide calculée", granted == null ? "non calculable : données manquantes"
					: labels.euros(granted.get("subsidy")) + " par an"));
		}
		return facts;
	}

	/** The document types of the step and of the steps it reviews, by the referential's stage rules. */
	static Set<String> documentTypes(TaskView task, Referential referential) {
		Set<String> steps = new LinkedHashSet<>(task.documentsOf());
		steps.add(task.key());
		Set<String> types = new LinkedHashSet<>();
		referential.stageRules()
			.stream()
			.filter(rule -> steps.contains(rule.step()))
			.forEach(rule -> types.addAll(rule.documents()));
		return types;
	}

}
