package fr.jalon.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.jalon.collectivite.CollectiviteSearch;
import fr.jalon.collectivite.Territories;
import fr.jalon.security.AccountService;
import fr.jalon.security.AccountService.NewAccount;
import fr.jalon.security.AccountService.RoleOption;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Conflict;
import fr.jalon.system.InvalidInput;
import fr.jalon.system.Paging;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Comptes » ({@code /administration/comptes}): the administrator lists the accounts, creates one, disables and
 * enables them, through {@link AccountService} as {@code /api/accounts} does. A collectivité's account names its
 * collectivité by name, with the suggestions of every collectivité field ({@link CollectiviteSearch}); a reviewer's,
 * its département or region from the official lists.
 */
@Controller
class AccountPages {

	private static final String PAGE = "/administration/comptes";

	private final AccountService accounts;

	private final CollectiviteSearch search;

	private final Territories territories;

	AccountPages(AccountService accounts, CollectiviteSearch search, Territories territories) {
		this.accounts = accounts;
		this.search = search;
		this.territories = territories;
	}

	@GetMapping(PAGE)
	String list(@AuthenticationPrincipal JalonUser user, Paging paging, Model model) {
		Pages.require(user, Role.ADMIN);
		return page(user, paging, model, Map.of(), Map.of());
	}

	@PostMapping(PAGE)
	String create(@AuthenticationPrincipal JalonUser user, @RequestParam Map<String, String> params, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		Map<String, String> errors = new LinkedHashMap<>();
		String role = Pages.param(params, "role");
		String scopeKind = accounts.roles()
			.stream()
			.filter(option -> option.role().equals(role))
			.map(RoleOption::scope)
			.findFirst()
			.orElse(RoleOption.NONE);
		String scope = null;
		try {
			scope = switch (scopeKind) {
				case RoleOption.COLLECTIVITE -> collectivite(Pages.param(params, "collectivite"));
				case RoleOption.DEPARTEMENT -> Pages.param(params, "departement");
				case RoleOption.REGION -> Pages.param(params, "region");
				default -> null;
			};
			var created = accounts.create(user, new NewAccount(Pages.param(params, "username"), params.get("password"),
					role, scope, Pages.param(params, "email"), null, Pages.param(params, "displayName"),
					"on".equals(params.get("managesMembers"))));
			redirect.addFlashAttribute("message", "Compte créé : " + created.displayName() + " ("
					+ created.username() + ").");
			return "redirect:" + PAGE;
		}
		catch (InvalidInput e) {
			e.errors().forEach(error -> errors.merge(field(error.field(), scopeKind), error.message(),
					(one, other) -> one + " " + other));
		}
		catch (Conflict e) {
			errors.put("username", e.getMessage());
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return page(user, Paging.first(), model, params, errors);
	}

	@PostMapping(PAGE + "/{username}/desactivation")
	String disable(@AuthenticationPrincipal JalonUser user, @PathVariable String username,
			RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		try {
			redirect.addFlashAttribute("message", "Compte désactivé : " + accounts.disable(user, username).username() + ".");
		}
		catch (Conflict e) {
			redirect.addFlashAttribute("failure", e.getMessage());
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/{username}/activation")
	String enable(@AuthenticationPrincipal JalonUser user, @PathVariable String username, RedirectAttributes redirect) {
		Pages.require(user, Role.ADMIN);
		redirect.addFlashAttribute("message", "Compte réactivé : " + accounts.enable(user, username).username() + ".");
		return "redirect:" + PAGE;
	}

	/** The one collectivité the field names (by name, label or code), or an error of that field. */
	private String collectivite(String text) {
		if (text == null) {
			throw InvalidInput.of("collectivite", "Collectivité : obligatoire pour ce rôle.");
		}
		List<String> codes = search.resolve("collectivite", text);
		if (codes.size() != 1) {
			throw InvalidInput.of("collectivite", "Une seule collectivité par compte.");
		}
		return codes.get(0);
	}

	/** The form's field an error of the service belongs to: its scope is the field the role asks for. */
	private static String field(String field, String scopeKind) {
		if (field == null) {
			return "username";
		}
		if (field.equals("scope")) {
			return RoleOption.NONE.equals(scopeKind) ? "role" : scopeKind;
		}
		return field;
	}

	private String page(JalonUser user, Paging paging, Model model, Map<String, String> values,
			Map<String, String> errors) {
		var page = accounts.list(user, paging);
		model.addAttribute("accounts", page.getContent());
		model.addAttribute("total", page.getTotalElements());
		model.addAttribute("paging", paging);
		model.addAttribute("roles", accounts.roles());
		model.addAttribute("departements", territories.departements());
		model.addAttribute("regions", territories.regions());
		model.addAttribute("collectivite", search.field(values.getOrDefault("collectivite", "")));
		model.addAttribute("minimum", fr.jalon.security.PasswordResets.MIN_PASSWORD_CHARACTERS);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		return "admin/comptes";
	}

}
