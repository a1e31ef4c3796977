package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A browser's page session, through MockMvc: it keeps the {@code SESSION} cookie that the application sets and
 * sends it back, as a browser does. Page sessions live in the database (Spring Session JDBC), found by that
 * cookie: a {@code MockHttpSession} handed to a request would be ignored.
 */
public final class PageSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final MockMvc mvc;

	private String cookie;

	public PageSession(MockMvc mvc) {
		this.mvc = mvc;
	}

	/** Signs in as a person does: the login form's page, its CSRF token, the form posted in that session. */
	public static PageSession signIn(MockMvc mvc, String username, String password) throws Exception {
		PageSession session = new PageSession(mvc);
		assertThat(session.submitLogin(username, password).getRedirectedUrl()).isEqualTo("/espace");
		return session;
	}

	/** The login form filled and posted in this session; the answer, wherever it sends the browser. */
	public MockHttpServletResponse submitLogin(String username, String password) throws Exception {
		String form = perform(get("/connexion")).getContentAsString();
		return perform(post("/connexion").param("username", username)
			.param("password", password)
			.param("_csrf", csrf(form)));
	}

	/** The request, with this session's cookie if it has one; the cookie it sets (or expires) is kept. */
	public MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
		if (cookie != null) {
			request.cookie(new Cookie("SESSION", cookie));
		}
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		Cookie set = response.getCookie("SESSION");
		if (set != null) {
			cookie = set.getMaxAge() == 0 ? null : set.getValue();
		}
		return response;
	}

	/** This session's id as the database holds it (the cookie carries it in Base64); null once it has ended. */
	public String id() {
		return cookie == null ? null : new String(Base64.getDecoder().decode(cookie), StandardCharsets.US_ASCII);
	}

	/** The CSRF token of a page's forms. */
	public static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

}
