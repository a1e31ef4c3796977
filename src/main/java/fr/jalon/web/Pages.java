package fr.jalon.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.jalon.candidacy.CandidacyView;
import fr.jalon.candidacy.CandidacyView.HistoryView;
import fr.jalon.security.JalonUser;
import fr.jalon.security.Role;
import fr.jalon.system.Forbidden;

/** What every page does first: check the role that may see it. */
final class Pages {

	private Pages() {
	}

	/** The page's own role check: a 403 page for any other role. */
	static void require(JalonUser user, String... roles) {
		if (user == null || Arrays.stream(roles).noneMatch(user::is)) {
			throw new Forbidden("Cette page n'est pas ouverte à votre rôle.");
		}
	}

	/** A reviewer's page: any role a programme declares, neither an administrator nor a collectivité. */
	static void requireReviewer(JalonUser user) {
		if (!isReviewer(user)) {
			throw new Forbidden("Cette page n'est pas ouverte à votre rôle.");
		}
	}

	static boolean isReviewer(JalonUser user) {
		return user != null && user.isReviewer();
	}

	/** Where each role starts. */
	static String home(JalonUser user) {
		if (user == null) {
			return "/connexion";
		}
		if (user.is(Role.ADMIN)) {
			return "/administration";
		}
		return user.is(Role.COLLECTIVITE) ? "/collectivite" : "/instruction";
	}

	/** What people said along the way: the history's comments, not the system's. */
	static List<HistoryView> comments(CandidacyView candidacy) {
		return candidacy.history()
			.stream()
			.filter(entry -> entry.comment() != null && !entry.comment().isBlank())
			.filter(entry -> !"system".equals(entry.actor()) && !"DOCUMENT_UPLOADED".equals(entry.event()))
			.toList();
	}

	static String param(Map<String, String> params, String name) {
		return Optional.ofNullable(params.get(name)).map(String::strip).filter(value -> !value.isEmpty()).orElse(null);
	}

}
