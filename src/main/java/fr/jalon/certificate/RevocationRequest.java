package fr.jalon.certificate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/certificates/{code}/revoke}. */
record RevocationRequest(
		@NotBlank(message = "obligatoire") @Size(max = 500, message = "500 caractères au plus") String reason) {

}
