package fr.jalon.security;

import java.net.URI;
import java.util.List;

import fr.jalon.security.AccountService.AccountView;
import fr.jalon.security.MemberService.InvitationView;
import fr.jalon.security.MemberService.NewInvitation;

import fr.jalon.system.Roles;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/me/members}: the members of the caller's body, for a member who manages them; {@code DELETE} disables
 * one (nothing is deleted). {@code /api/me/invitations}: invites a person by e-mail.
 */
@RestController
@RequestMapping("/api/me")
class MemberController {

	private final MemberService members;

	MemberController(MemberService members) {
		this.members = members;
	}

	@Roles(Roles.SIGNED_IN)
	@GetMapping("/members")
	List<AccountView> list(@AuthenticationPrincipal JalonUser user) {
		return members.list(user);
	}

	@Roles(Roles.SIGNED_IN)
	@DeleteMapping("/members/{username}")
	AccountView remove(@AuthenticationPrincipal JalonUser user, @PathVariable String username) {
		return members.remove(user, username);
	}

	@Roles(Roles.SIGNED_IN)
	@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
	@PostMapping("/invitations")
	ResponseEntity<InvitationView> invite(@AuthenticationPrincipal JalonUser user, @RequestBody NewInvitation request) {
		return ResponseEntity.created(URI.create("/api/me/members")).body(members.invite(user, request));
	}

}
