package fr.jalon.candidacy;

import java.util.List;

import fr.jalon.system.PlainText;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/candidacies}. */
public record NewCandidacy(@NotBlank(message = "obligatoire") String programme,
		@NotBlank(message = "obligatoire") String collectivite,
		@NotBlank(message = "obligatoire") @Size(max = 200, message = "200 caractères au plus")
		@Pattern(regexp = PlainText.LINE, message = PlainText.MESSAGE) String title,
		@Size(max = 4000, message = "4000 caractères au plus")
		@Pattern(regexp = PlainText.LINES, message = PlainText.MESSAGE) String description,
		@Size(max = 20, message = "20 partenaires au plus") List<@NotBlank(message = "code vide") String> partners,
		String campaign) {

}
