package fr.jalon.web;

import java.util.List;

import fr.jalon.security.JalonUser;
import fr.jalon.security.MemberService;
import fr.jalon.security.MemberService.Acceptance;
import fr.jalon.security.MemberService.InvitationView;
import fr.jalon.security.MemberService.NewInvitation;
import fr.jalon.system.InvalidInput;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Membres de … » ({@code /compte/membres}): a member who manages the members of their body lists, invites and
 * removes them; the invitation's public page ({@code /invitations/{token}}) creates the invited person's account.
 * Both call {@link MemberService}, as the API does.
 */
@Controller
class MemberPages {

	private final MemberService members;

	private final Labels labels;

	MemberPages(MemberService members, Labels labels) {
		this.members = members;
		this.labels = labels;
	}

	@GetMapping("/compte/membres")
	String list(@AuthenticationPrincipal JalonUser user, Model model) {
		return page(user, model, List.of());
	}

	@PostMapping("/compte/membres/invitations")
	String invite(@AuthenticationPrincipal JalonUser user, @RequestParam(required = false) String email,
			@RequestParam(required = false) String displayName, Model model, RedirectAttributes redirect) {
		try {
			members.invite(user, new NewInvitation(email, displayName));
		}
		catch (InvalidInput e) {
			model.addAttribute("email", email);
			model.addAttribute("displayName", displayName);
			return page(user, model, e.errors().stream().map(error -> error.message()).toList());
		}
		redirect.addFlashAttribute("message", "Invitation envoyée à " + email.strip() + ".");
		return "redirect:/compte/membres";
	}

	@PostMapping("/compte/membres/{username}/retrait")
	String remove(@AuthenticationPrincipal JalonUser user, @PathVariable String username,
			RedirectAttributes redirect) {
		var removed = members.remove(user, username);
		redirect.addFlashAttribute("message", removed.displayName() + " n’est plus membre.");
		return "redirect:/compte/membres";
	}

	@GetMapping("/invitations/{token}")
	String invitation(@PathVariable String token, Model model) {
		return invitationPage(token, members.invitation(token), model, List.of());
	}

	@PostMapping("/invitations/{token}")
	String accept(@PathVariable String token, @RequestParam(required = false) String username,
			@RequestParam(required = false) String password, Model model) {
		try {
			members.accept(token, new Acceptance(username, password));
		}
		catch (InvalidInput e) {
			model.addAttribute("username", username);
			return invitationPage(token, members.invitation(token), model,
					e.errors().stream().map(error -> error.message()).toList());
		}
		return "redirect:/connexion?compte-cree";
	}

	private String page(JalonUser user, Model model, List<String> errors) {
		model.addAttribute("members", members.list(user));
		model.addAttribute("body", labels.body(user.role(), user.scope()));
		model.addAttribute("errors", errors);
		return "compte-membres";
	}

	private String invitationPage(String token, InvitationView invitation, Model model, List<String> errors) {
		model.addAttribute("token", token);
		model.addAttribute("invitation", invitation);
		model.addAttribute("body", labels.body(invitation.role(), invitation.scope()));
		model.addAttribute("errors", errors);
		return "invitation";
	}

}
