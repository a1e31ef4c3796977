package fr.jalon.collectivite;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import fr.jalon.system.Roles;
import fr.jalon.system.SingleLine;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The yearly updates of the official data over the API ({@link CollectiviteUpdates}): administrators only. */
@RestController
@RequestMapping("/api/collectivites/updates")
class CollectiviteUpdatesController {

	private final CollectiviteUpdates updates;

	CollectiviteUpdatesController(CollectiviteUpdates updates) {
		this.updates = updates;
	}

	/** A newer data set (multipart: communes, epci, optional departements and regions; validFrom, source). */
	@Roles("ADMIN")
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<CollectiviteUpdates.Preview> upload(@AuthenticationPrincipal UserDetails user,
			@RequestParam(required = false) MultipartFile communes, @RequestParam(required = false) MultipartFile epci,
			@RequestParam(required = false) MultipartFile departements,
			@RequestParam(required = false) MultipartFile regions,
			@RequestParam(required = false) String validFrom, @RequestParam(required = false) String source)
			throws IOException {
		CollectiviteUpdates.Preview preview = updates.upload(user, new CollectiviteUpdates.Upload(bytes(communes),
				bytes(epci), bytes(departements), bytes(regions), validFrom, source));
		return ResponseEntity.created(URI.create("/api/collectivites/updates/" + preview.update().id())).body(preview);
	}

	/** The file's bytes; those of a file over the limit are not read (the service refuses it by its size). */
	static byte[] bytes(MultipartFile file) throws IOException {
		if (file == null) {
			return null;
		}
		if (file.getSize() > CollectiviteUpdates.MAX_UPLOAD) {
			return new byte[CollectiviteUpdates.MAX_UPLOAD + 1];
		}
		return file.getBytes();
	}

	@Roles("ADMIN")
	@GetMapping
	List<CollectiviteUpdates.Summary> list(@AuthenticationPrincipal UserDetails user) {
		return updates.list(user);
	}

	@Roles("ADMIN")
	@GetMapping("/{id}")
	CollectiviteUpdates.Preview preview(@AuthenticationPrincipal UserDetails user,
			@PathVariable @SingleLine(max = 36) String id) {
		return updates.preview(user, id);
	}

	@Roles("ADMIN")
	@PostMapping("/{id}/apply")
	CollectiviteUpdates.Preview apply(@AuthenticationPrincipal UserDetails user,
			@PathVariable @SingleLine(max = 36) String id) {
		return updates.apply(user, id);
	}

	@Roles("ADMIN")
	@PostMapping("/{id}/discard")
	CollectiviteUpdates.Summary discard(@AuthenticationPrincipal UserDetails user,
			@PathVariable @SingleLine(max = 36) String id) {
		return updates.discard(user, id);
	}

}
