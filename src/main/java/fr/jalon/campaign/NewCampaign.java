package fr.jalon.campaign;

import java.time.OffsetDateTime;

import fr.jalon.system.PlainText;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/campaigns}. */
public record NewCampaign(@NotBlank(message = "obligatoire") String programme,
		@NotBlank(message = "obligatoire") String region,
		@NotBlank(message = "obligatoire") @Size(max = 200, message = "200 caractères au plus")
		@Pattern(regexp = PlainText.LINE, message = PlainText.MESSAGE) String title,
		@NotNull(message = "obligatoire") OffsetDateTime closesAt) {

}
