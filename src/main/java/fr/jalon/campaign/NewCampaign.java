package fr.jalon.campaign;

import java.time.OffsetDateTime;

import fr.jalon.system.Name;
import fr.jalon.system.SingleLine;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/campaigns}. */
public record NewCampaign(@NotBlank(message = "obligatoire") @SingleLine String programme,
		@NotBlank(message = "obligatoire") @SingleLine String region,
		@NotBlank(message = "obligatoire") @Name(max = 200) String title,
		@NotNull(message = "obligatoire") OffsetDateTime closesAt) {

}
