package fr.jalon.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.jalon.collectivite.CollectiviteUpdates;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Conflict;
import fr.jalon.system.InvalidInput;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Référentiel des collectivités » (administrators): the imports of the official data, the upload of a newer data
 * set, its preview and its application, through {@link CollectiviteUpdates} as the API.
 */
@Controller
class CollectiviteUpdatePages {

	/** The longest list a preview page shows of each kind of change; the API gives them whole. */
	static final int SHOWN = 200;

	private final CollectiviteUpdates updates;

	CollectiviteUpdatePages(CollectiviteUpdates updates) {
		this.updates = updates;
	}

	@GetMapping("/administration/collectivites")
	String list(@AuthenticationPrincipal JalonUser user, Model model) {
		Pages.require(user, Role.ADMIN);
		return listPage(user, model, null, Map.of());
	}

	@PostMapping("/administration/collectivites")
	String upload(@AuthenticationPrincipal JalonUser user,
			@RequestParam(required = false) MultipartFile communes, @RequestParam(required = false) MultipartFile epci,
			@RequestParam(required = false) MultipartFile departements,
			@RequestParam(required = false) MultipartFile regions,
			@RequestParam(required = false) String validFrom, @RequestParam(required = false) String source,
			Model model, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		Pages.require(user, Role.ADMIN);
		try {
			CollectiviteUpdates.Preview preview = updates.upload(user, new CollectiviteUpdates.Upload(bytes(communes),
					bytes(epci), bytes(departements), bytes(regions), validFrom, source));
			redirect.addFlashAttribute("message", "Jeu de données reçu : voici ce qu’il changerait. Rien n’est "
					+ "encore appliqué.");
			redirect.addAttribute("id", preview.update().id());
			return "redirect:/administration/collectivites/mises-a-jour/{id}";
		}
		catch (InvalidInput e) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("validFrom", validFrom);
			model.addAttribute("source", source);
			return listPage(user, model, e.getMessage(), e.errors()
				.stream()
				.collect(Collectors.groupingBy(InvalidInput.FieldError::field,
						Collectors.mapping(InvalidInput.FieldError::message, Collectors.toList()))));
		}
	}

	@GetMapping("/administration/collectivites/mises-a-jour/{id}")
	String preview(@AuthenticationPrincipal JalonUser user, @PathVariable String id, Model model) {
		Pages.require(user, Role.ADMIN);
		model.addAttribute("preview", updates.preview(user, id));
		model.addAttribute("shown", SHOWN);
		return "admin/collectivites-mise-a-jour";
	}

	@PostMapping("/administration/collectivites/mises-a-jour/{id}/application")
	String apply(@AuthenticationPrincipal JalonUser user, @PathVariable String id, RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		try {
			CollectiviteUpdates.Preview applied = updates.apply(user, id);
			redirect.addFlashAttribute("message", "Jeu de données du " + applied.update().validFrom()
					+ " appliqué : " + applied.changes().counts().values().stream().mapToInt(Integer::intValue).sum()
					+ " changement(s).");
			return "redirect:/administration/collectivites";
		}
		catch (Conflict e) {
			redirect.addFlashAttribute("failure", e.getMessage());
			redirect.addAttribute("id", id);
			return "redirect:/administration/collectivites/mises-a-jour/{id}";
		}
	}

	@PostMapping("/administration/collectivites/mises-a-jour/{id}/abandon")
	String discard(@AuthenticationPrincipal JalonUser user, @PathVariable String id, RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		try {
			updates.discard(user, id);
			redirect.addFlashAttribute("message", "Jeu de données écarté : il ne sera pas appliqué.");
		}
		catch (Conflict e) {
			redirect.addFlashAttribute("failure", e.getMessage());
		}
		return "redirect:/administration/collectivites";
	}

	private String listPage(JalonUser user, Model model, String failure, Map<String, List<String>> faults) {
		model.addAttribute("imports", updates.imports(user));
		model.addAttribute("updates", updates.list(user));
		model.addAttribute("summaryText", failure);
		model.addAttribute("faults", faults);
		return "admin/collectivites";
	}

	private static byte[] bytes(MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			return null;
		}
		return file.getSize() > CollectiviteUpdates.MAX_UPLOAD ? new byte[CollectiviteUpdates.MAX_UPLOAD + 1]
				: file.getBytes();
	}

}
