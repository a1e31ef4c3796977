package fr.jalon.security;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import fr.jalon.system.AuditEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's page sessions, as Spring Session JDBC keeps them (indexed by the signed-in account's name): listed, and
 * ended all at once (« Se déconnecter partout »), optionally with every API token. A session's id is its cookie's
 * value: it is never shown, only when it began, when it was last used and whether it is the one asking.
 */
@Service
public class AccountSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final ApiTokenService tokens;

	private final ApplicationEventPublisher events;

	AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions, ApiTokenService tokens,
			ApplicationEventPublisher events) {
		this.sessions = sessions;
		this.tokens = tokens;
		this.events = events;
	}

	/** The user's open page sessions, the latest used first; {@code current}: the asking one's id, or none. */
	public List<SessionView> list(JalonUser user, String current) {
		return open(user).entrySet()
			.stream()
			.map(entry -> new SessionView(entry.getValue().getCreationTime(), entry.getValue().getLastAccessedTime(),
					entry.getValue().getLastAccessedTime().plus(entry.getValue().getMaxInactiveInterval()),
					entry.getKey().equals(current)))
			.sorted(Comparator.comparing(SessionView::lastAccessedAt).reversed())
			.toList();
	}

	/** Every page session of the user's ended, the asking one too; and every token revoked if asked. */
	@Transactional
	public Ended endAll(JalonUser user, boolean revokeTokens) {
		Map<String, ? extends Session> open = open(user);
		open.keySet().forEach(sessions::deleteById);
		int revoked = revokeTokens ? tokens.revokeAll(user) : 0;
		events.publishEvent(AuditEvent.on(user.getUsername(), "SESSIONS_ENDED", "account:" + user.getUsername(),
				open.size() + " session(s)" + (revokeTokens ? ", " + revoked + " jeton(s) révoqué(s)" : "")));
		return new Ended(open.size(), revoked);
	}

	private Map<String, ? extends Session> open(JalonUser user) {
		return sessions.findByPrincipalName(user.getUsername())
			.entrySet()
			.stream()
			.filter(entry -> !entry.getValue().isExpired())
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	public record SessionView(Instant createdAt, Instant lastAccessedAt, Instant expiresAt, boolean current) {
	}

	public record Ended(int sessions, int tokens) {
	}

}
