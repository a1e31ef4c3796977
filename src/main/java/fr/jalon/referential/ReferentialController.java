package fr.jalon.referential;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/referentials/{programme}")
class ReferentialController {

	private final Referentials referentials;

	ReferentialController(Referentials referentials) {
		this.referentials = referentials;
	}

	@GetMapping
	Referential inGeneralUse(@PathVariable String programme) {
		return referentials.published(programme);
	}

	@GetMapping("/versions")
	List<Referential> versions(@PathVariable String programme) {
		return referentials.versions(programme);
	}

	@GetMapping("/versions/{version}")
	Referential version(@PathVariable String programme, @PathVariable int version) {
		return referentials.version(programme, version);
	}

}
