package fr.jalon.export;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.jalon.candidacy.Simulations;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Roles;
import fr.jalon.web.Exports;

/**
 * {@code POST /api/referentials/{programme}/versions/{version}/simulation} (administrator): what that version would
 * decide on the evidence already recorded, against the published version ({@link Simulations}), as JSON or, with
 * {@code Accept: text/csv}, its flips as CSV ({@link Exports#simulation}). Here beside the exports, since its CSV
 * is one of them; the administrator's page ({@code /administration/referentiels/{programme}/versions/{version}/simulation})
 * answers the same from the same service.
 */
@RestController
class SimulationController {

	private static final String PATH = "/api/referentials/{programme}/versions/{version}/simulation";

	private final Simulations simulations;

	private final Exports exports;

	SimulationController(Simulations simulations, Exports exports) {
		this.simulations = simulations;
		this.exports = exports;
	}

	@Roles(Role.ADMIN)
	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	Simulations.Simulation json(@AuthenticationPrincipal JalonUser user, @PathVariable String programme,
			@PathVariable int version, @RequestBody(required = false) Simulations.Selection selection) {
		return simulations.simulate(user, programme, version, selection);
	}

	@Roles(Role.ADMIN)
	@PostMapping(path = PATH, produces = "text/csv")
	void csv(@AuthenticationPrincipal JalonUser user, @PathVariable String programme, @PathVariable int version,
			@RequestBody(required = false) Simulations.Selection selection, HttpServletResponse response)
			throws IOException {
		exports.simulation(simulations.simulate(user, programme, version, selection), response);
	}

}
