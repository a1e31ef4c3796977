package fr.jalon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Demo data off, as the production profile has it: the sign-in page names no demo account and no password. */
@SpringBootTest(properties = { "jalon.test.database=login-without-demo-data", "jalon.demo-data=false" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class LoginWithoutDemoDataTests {

	@Autowired
	MockMvc mvc;

	@Test
	void namesNoDemoAccountOnTheLoginPage() throws Exception {
		MockHttpServletResponse login = mvc.perform(get("/connexion")).andReturn().getResponse();
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getContentAsString(StandardCharsets.UTF_8)).contains("<h1>Connexion</h1>", "id=\"password\"")
			.doesNotContainIgnoringCase("demo")
			.doesNotContainIgnoringCase("démonstration")
			.doesNotContain("mairie-albi", "ddt-81", "expert-1", "commission-nationale");
	}

}
