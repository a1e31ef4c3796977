package fr.jalon.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import fr.jalon.security.JalonUser;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit trail, filtered, as JSON or CSV ({@code Accept: text/csv}); read only. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	List<AuditView> json(@AuthenticationPrincipal JalonUser user, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String candidacy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
		return trail.search(user, filter(actor, action, candidacy, from, to)).stream().map(AuditView::of).toList();
	}

	@GetMapping(produces = "text/csv")
	ResponseEntity<String> csv(@AuthenticationPrincipal JalonUser user, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String candidacy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
		StringBuilder out = new StringBuilder("id,at,actor,action,candidacy,target,detail\r\n");
		for (AuditEntry entry : trail.search(user, filter(actor, action, candidacy, from, to))) {
			out.append(String.join(",", String.valueOf(entry.id()), entry.at().toString(), cell(entry.actor()),
					cell(entry.action()), cell(entry.candidacyId()), cell(entry.target()), cell(entry.detail())))
				.append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"jalon-audit.csv\"")
			.body(out.toString());
	}

	private static AuditTrail.Filter filter(String actor, String action, String candidacy, OffsetDateTime from,
			OffsetDateTime to) {
		return new AuditTrail.Filter(blank(actor), blank(action), blank(candidacy),
				from == null ? null : from.toInstant(), to == null ? null : to.toInstant());
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	/**
	 * RFC 4180 quoting; a cell starting with a formula character is prefixed with an apostrophe so
	 * that a spreadsheet shows it as text.
	 */
	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String safe = value.matches("^[=+\\-@\\t\\r].*") ? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

	record AuditView(long id, Instant at, String actor, String action, String candidacyId, String target,
			String detail) {

		static AuditView of(AuditEntry entry) {
			return new AuditView(entry.id(), entry.at(), entry.actor(), entry.action(), entry.candidacyId(),
					entry.target(), entry.detail());
		}

	}

}
