package fr.jalon.candidacy;

import java.util.List;

import fr.jalon.system.MultiLine;
import fr.jalon.system.Name;
import fr.jalon.system.SingleLine;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/candidacies}, and the collectivité's form. */
public record NewCandidacy(@NotBlank(message = "obligatoire") @SingleLine String programme,
		@NotBlank(message = "obligatoire") @SingleLine String collectivite,
		@NotBlank(message = "obligatoire") @Name(max = 200) String title, @MultiLine(max = 4000) String description,
		@Size(max = 20, message = "20 partenaires au plus") List<@NotBlank(message = "code vide") @SingleLine String> partners,
		@SingleLine String campaign) {

}
