package fr.jalon.campaign;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/campaigns}. */
public record NewCampaign(@NotBlank(message = "obligatoire") String programme,
		@NotBlank(message = "obligatoire") String region,
		@NotBlank(message = "obligatoire") @Size(max = 200, message = "200 caractères au plus") String title,
		@NotNull(message = "obligatoire") OffsetDateTime closesAt) {

}
