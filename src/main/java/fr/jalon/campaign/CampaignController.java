package fr.jalon.campaign;

import java.net.URI;
import java.util.List;

import fr.jalon.security.JalonUser;
import fr.jalon.system.Paging;
import fr.jalon.system.Roles;
import fr.jalon.security.Role;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

	private final CampaignService campaigns;

	CampaignController(CampaignService campaigns) {
		this.campaigns = campaigns;
	}

	@Roles(Role.ADMIN)
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping
	ResponseEntity<CampaignView> open(@AuthenticationPrincipal JalonUser user, @RequestBody NewCampaign request) {
		CampaignView campaign = campaigns.open(user, request);
		return ResponseEntity.created(URI.create("/api/campaigns/" + campaign.id())).body(campaign);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping
	ResponseEntity<List<CampaignView>> list(@RequestParam(required = false) String programme, Paging paging,
			HttpServletRequest request) {
		return paging.answer(campaigns.list(programme, paging), request);
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/{id}")
	CampaignView get(@PathVariable String id) {
		return campaigns.get(id);
	}

	@Roles({ Role.ADMIN, Roles.REVIEWER })
	@PostMapping("/{id}/announce")
	CampaignView announce(@AuthenticationPrincipal JalonUser user, @PathVariable String id) {
		return campaigns.announce(user, id);
	}

}
