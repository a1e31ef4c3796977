package fr.jalon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.regex.Pattern;

import fr.jalon.security.JalonUser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What a reviewer's request costs in referential reads (issue 13): the roles that the programmes grant are known
 * from the versions in use, whose contents never change once stored, so a request asks the database one cheap
 * question (which versions are in use) and reads no referential content, however many programmes and versions.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(SqlStatements.Counting.class)
class RoleGrantsStatementsTests {

	/** A statement reading the referential versions' table or their pilots. */
	private static final Pattern REFERENTIAL = Pattern.compile("(?i)\\b(from|join)\\s+referential_(version|pilot)\\b");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@ParameterizedTest
	@CsvSource({ "ddt-81, /api/tasks", "ddt-81, /api/candidacies", "expert-1, /api/tasks" })
	void aReviewersApiRequestAsksOnlyWhichVersionsAreInUse(String username, String address) throws Exception {
		List<String> referential = referentialStatements(username, address);
		assertThat(referential).as("statements on the referential versions").hasSizeLessThanOrEqualTo(1);
		assertThat(referential).as("no referential content read").noneMatch(RoleGrantsStatementsTests::readsContent);
	}

	/** A page names the programmes in use and their stages: it asks which versions those are, and reads no content. */
	@ParameterizedTest
	@CsvSource({ "ddt-81, /instruction", "mairie-albi, /collectivite" })
	void aPageReadsNoReferentialContent(String username, String address) throws Exception {
		assertThat(referentialStatements(username, address)).as("no referential content read")
			.noneMatch(RoleGrantsStatementsTests::readsContent);
	}

	/** The request's statements on the referential versions, the same request made once before (caches warm). */
	private List<String> referentialStatements(String username, String address) throws Exception {
		request(username, address);
		return SqlStatements.during(() -> request(username, address))
			.statements()
			.stream()
			.filter(sql -> REFERENTIAL.matcher(sql).find())
			.toList();
	}

	private static boolean readsContent(String sql) {
		return sql.matches("(?i).*\\.content\\b.*");
	}

	private int request(String username, String address) throws Exception {
		int status = mvc.perform(get(address).with(user((JalonUser) accounts.loadUserByUsername(username))))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).as(address).isEqualTo(200);
		return status;
	}

}
