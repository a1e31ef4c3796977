package fr.jalon.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import fr.jalon.security.JalonUser;
import fr.jalon.system.Paging;
import fr.jalon.system.Roles;
import fr.jalon.security.Role;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit}: the audit trail, filtered, newest first; read only. As JSON, a list paged like every list
 * ({@link Paging}); as CSV ({@code Accept: text/csv}), the whole filtered selection in one download, streamed.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

	static final String CSV_HEADER = "id,at,actor,action,candidacy,target,detail\r\n";

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@Roles(Role.ADMIN)
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<List<AuditView>> json(@AuthenticationPrincipal JalonUser user,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String candidacy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			Paging paging, HttpServletRequest request) {
		return paging.answer(trail.search(user, filter(actor, action, candidacy, from, to), paging).map(AuditView::of),
				request);
	}

	@Roles(Role.ADMIN)
	@GetMapping(produces = "text/csv")
	void csv(@AuthenticationPrincipal JalonUser user, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String candidacy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			HttpServletResponse response) throws IOException {
		AuditTrail.Export export = trail.export(user, filter(actor, action, candidacy, from, to));
		response.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8).toString());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"jalon-audit.csv\"");
		Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
		out.write(CSV_HEADER);
		export.forEach(entry -> {
			try {
				out.write(row(entry));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		out.flush();
	}

	static String row(AuditEntry entry) {
		return String.join(",", String.valueOf(entry.id()), entry.at().toString(), cell(entry.actor()),
				cell(entry.action()), cell(entry.candidacyId()), cell(entry.target()), cell(entry.detail())) + "\r\n";
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
	 * One CSV cell, as OWASP advises against formula injection: a cell whose first character a spreadsheet could
	 * read as the start of a formula ({@code = + - @}, a tab, a carriage return or a line feed) is prefixed with an
	 * apostrophe, whatever follows, line breaks included; every cell is quoted (RFC 4180), its quotes doubled.
	 */
	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String safe = !value.isEmpty() && "=+-@\t\r\n".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

	/** {@code actorName} and {@code actingFor}: the person and the body they acted for, as recorded then. */
	@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
	record AuditView(long id, Instant at, String actor, String action, String candidacyId, String target,
			String detail, String actorName, fr.jalon.security.ActedBy.ActingFor actingFor) {

		static AuditView of(AuditEntry entry) {
			fr.jalon.security.ActedBy by = entry.actedBy();
			return new AuditView(entry.id(), entry.at(), entry.actor(), entry.action(), entry.candidacyId(),
					entry.target(), entry.detail(), by == null ? null : by.name(), by == null ? null : by.actingFor());
		}

	}

}
