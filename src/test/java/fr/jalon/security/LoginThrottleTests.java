package fr.jalon.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import fr.jalon.Api;
import fr.jalon.MutableClock;
import fr.jalon.PageSession;
import fr.jalon.Together;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Failed logins are counted in the database, per account name and per source address, for HTTP
 * Basic and the login form alike: five failures lock an account for a minute, then for twice as long
 * at each further failure; every node sees the same lock; flooding other names unlocks nothing. The
 * clock is moved, never waited for. Each test comes from addresses of its own (through the proxy
 * header, or the form's remote address), so that no other test's failures count against it.
 */
@Import(MutableClock.InContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class LoginThrottleTests {

	private static final String PASSWORD = "une phrase de passe sûre";

	@Autowired
	TestRestTemplate http;

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	LoginFailures failures;

	@Test
	void locksAnAccountAfterFiveFailuresForAMinuteThenTwiceAsLong() {
		String username = account();
		String address = address();
		for (int i = 0; i < 5; i++) {
			assertThat(login(username, "pas le bon mot de passe", address).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		ResponseEntity<JsonNode> locked = login(username, PASSWORD, address);
		assertThat(locked.getStatusCode()).as("the right password, while locked").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(locked.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(locked.getBody().get("detail").asText()).startsWith("Trop d'échecs de connexion");
		assertThat(locked.getHeaders().getFirst("Retry-After")).isEqualTo("60");
		assertThat(login(username, PASSWORD, address()).getStatusCode()).as("from another address too")
			.isEqualTo(HttpStatus.UNAUTHORIZED);

		clock.advance(Duration.ofSeconds(61));
		assertThat(login(username, "encore faux", address).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		clock.advance(Duration.ofSeconds(61));
		assertThat(login(username, PASSWORD, address).getStatusCode()).as("locked for two minutes after a sixth failure")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		clock.advance(Duration.ofSeconds(60));
		assertThat(login(username, PASSWORD, address).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(countOf("account:" + username)).as("a success clears the account's count").isZero();
	}

	@Test
	void locksAnUnknownNameAsAKnownOneSoThatALockTellsNothing() {
		String address = address();
		String known = account();
		String unknown = "inconnu-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 5; i++) {
			login(known, "faux mot de passe", address);
			login(unknown, "faux mot de passe", address);
		}
		ResponseEntity<JsonNode> lockedKnown = login(known, "faux mot de passe", address);
		ResponseEntity<JsonNode> lockedUnknown = login(unknown, "faux mot de passe", address);
		assertThat(lockedUnknown.getStatusCode()).isEqualTo(lockedKnown.getStatusCode());
		assertThat(lockedUnknown.getBody()).isEqualTo(lockedKnown.getBody());
	}

	@Test
	void locksAnAddressThatTriesManyNames() {
		String username = account();
		String address = address();
		for (int i = 0; i < LoginFailures.ADDRESS_FREE_FAILURES; i++) {
			fail(failures, "devine-" + i, address);
		}
		assertThat(login(username, PASSWORD, address).getStatusCode()).as("from the guessing address")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(login(username, PASSWORD, address()).getStatusCode()).as("from another address")
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void sharesTheLockBetweenNodesThroughTheDatabase() {
		String username = account();
		String address = address();
		LoginFailures otherNode = new LoginFailures(jdbc, transactions, clock);
		for (int i = 0; i < 4; i++) {
			login(username, "faux mot de passe", address);
		}
		fail(otherNode, username, address());
		assertThat(jdbc.queryForObject("select failures from login_failure where subject = ?", Integer.class,
				"account:" + username)).isEqualTo(5);
		assertThatThrownBy(() -> otherNode.attempt(username, address(), () -> "checked"))
			.isInstanceOfSatisfying(ThrottledLogins.Locked.class, locked -> assertThat(locked.until())
				.isCloseTo(clock.instant().plusSeconds(60), within(1, ChronoUnit.SECONDS)));
		assertThat(login(username, PASSWORD, address).getStatusCode()).as("locked by the other node's count")
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void checksAtMostTheFreeFailuresOfConcurrentAttemptsOnTwoNodes() throws Exception {
		LoginFailures otherNode = new LoginFailures(jdbc, transactions, clock);
		for (int round = 0; round < 20; round++) {
			String name = "concurrent-" + UUID.randomUUID().toString().substring(0, 8);
			AtomicInteger checked = new AtomicInteger();
			List<Callable<Object>> threads = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				LoginFailures node = t % 2 == 0 ? failures : otherNode;
				threads.add(() -> {
					for (int i = 0; i < 3; i++) {
						try {
							node.attempt(name, null, () -> {
								checked.incrementAndGet();
								throw new BadCredentialsException("Bad credentials");
							});
						}
						catch (BadCredentialsException | ThrottledLogins.Locked refused) {
							// Either is expected.
						}
					}
					return null;
				});
			}
			Together.run(threads);
			assertThat(checked).as("round %d: passwords checked of 12 attempts", round)
				.hasValue(LoginFailures.ACCOUNT_FREE_FAILURES);
			assertThat(jdbc.queryForObject("select failures from login_failure where subject = ?", Integer.class,
					"account:" + name)).as("round " + round).isEqualTo(LoginFailures.ACCOUNT_FREE_FAILURES);
		}
	}

	@Test
	void answersTwentyConcurrentGuessesWithAtMostFiveChecksTheOthersLocked() throws Exception {
		String username = account();
		String address = address();
		int guesses = 20;
		List<Callable<ResponseEntity<JsonNode>>> sent = new ArrayList<>();
		for (int i = 0; i < guesses; i++) {
			String guess = "devinette numéro " + i;
			sent.add(() -> login(username, guess, address));
		}
		List<ResponseEntity<JsonNode>> answers = Together.run(sent);
		assertThat(answers).allSatisfy(answer -> {
			assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		});
		long checked = answers.stream().filter(answer -> answer.getHeaders().getFirst("Retry-After") == null).count();
		long locked = answers.stream()
			.filter(answer -> answer.getBody().get("detail").asText().startsWith("Trop d'échecs de connexion"))
			.count();
		System.out.println("Concurrent guesses: " + guesses + " sent, " + checked + " checked (bad credentials), " + locked
				+ " refused locked");
		assertThat(checked).as("guesses whose password was checked").isLessThanOrEqualTo(LoginFailures.ACCOUNT_FREE_FAILURES);
		assertThat(locked).isEqualTo(guesses - checked);
		assertThat(jdbc.queryForObject("select failures from login_failure where subject = ?", Integer.class,
				"account:" + username)).isEqualTo((int) checked);
		clock.advance(Duration.ofSeconds(61));
		assertThat(login(username, PASSWORD, address).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void letsEightConcurrentLoginsOfOneAccountThrough() throws Exception {
		String username = account();
		String address = address();
		int logins = 8;
		List<Callable<ResponseEntity<JsonNode>>> sent = new ArrayList<>();
		for (int i = 0; i < logins; i++) {
			sent.add(() -> login(username, PASSWORD, address));
		}
		assertThat(Together.run(sent)).allSatisfy(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK));
		assertThat(countOf("account:" + username)).isZero();
		assertThat(countOf(LoginFailures.address(address))).as("successes give their address's attempts back").isZero();
	}

	@Test
	void writesNothingWhenAKnownLoginSucceedsWithNoFailureOnRecord() {
		String username = account();
		String address = address();
		assertThat(login(username, PASSWORD, address).getStatusCode()).isEqualTo(HttpStatus.OK);
		List<Map<String, Object>> rows = rowsOf(username, address);
		assertThat(rows).hasSize(2);
		// HTTP Basic sends the same name and password with every call: nothing counted, nothing cleared, nothing
		// written (a write would stamp last_failure_at with the moved clock).
		clock.advance(Duration.ofMinutes(1));
		for (int i = 0; i < 3; i++) {
			assertThat(login(username, PASSWORD, address).getStatusCode()).isEqualTo(HttpStatus.OK);
		}
		assertThat(rowsOf(username, address)).isEqualTo(rows);
	}

	@Test
	void refusesAKnownLoginWhileAnotherNodeLocksItsAccountThenClearsTheCount() {
		String username = account();
		String address = address();
		assertThat(login(username, PASSWORD, address).getStatusCode()).isEqualTo(HttpStatus.OK);
		LoginFailures otherNode = new LoginFailures(jdbc, transactions, clock);
		for (int i = 0; i < LoginFailures.ACCOUNT_FREE_FAILURES; i++) {
			fail(otherNode, username, address());
		}
		ResponseEntity<JsonNode> locked = login(username, PASSWORD, address);
		assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(locked.getHeaders().getFirst("Retry-After")).isNotNull();
		clock.advance(Duration.ofSeconds(61));
		assertThat(login(username, PASSWORD, address).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(countOf("account:" + username)).as("a success after failures clears them").isZero();
		// Once the password is changed, the one this node remembers is refused at once, and counted.
		assertThat(new Api(http, "admin").exchange(HttpMethod.PUT, "/api/accounts/" + username + "/password",
				Map.of("password", "une autre phrase de passe sûre")).getStatusCode().is2xxSuccessful()).isTrue();
		assertThat(login(username, PASSWORD, address).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(countOf("account:" + username)).isEqualTo(1);
	}

	@Test
	void restartsAnAddressCountAfterFifteenQuietMinutes() {
		String address = address();
		for (int i = 0; i < LoginFailures.ADDRESS_FREE_FAILURES - 1; i++) {
			fail(failures, "faute-de-frappe-" + i, address);
			clock.advance(Duration.ofMinutes(14));
		}
		String username = account();
		clock.advance(Duration.ofMinutes(16));
		fail(failures, "une-de-plus", address);
		assertThat(login(username, PASSWORD, address).getStatusCode()).as("49 typos over days, then one more")
			.isEqualTo(HttpStatus.OK);
		assertThat(jdbc.queryForObject("select failures from login_failure where subject = ?", Integer.class,
				LoginFailures.address(address))).isEqualTo(1);
	}

	@Test
	void countsAnIpv6AddressByItsSlash64() {
		assertThat(LoginFailures.address("2001:DB8:0:1:2:3:4:5")).isEqualTo("address:2001:db8:0:1::/64");
		assertThat(LoginFailures.address("[2001:db8::1%eth0]")).isEqualTo("address:2001:db8:0:0::/64");
		assertThat(LoginFailures.address("::ffff:192.0.2.1")).isEqualTo("address:192.0.2.1");
		assertThat(LoginFailures.address("192.0.2.1")).isEqualTo("address:192.0.2.1");
		assertThat(LoginFailures.address("proxy.example")).as("a name, never looked up").isEqualTo("address:proxy.example");
		String network = "2001:db8:" + hex() + ":" + hex();
		for (int i = 1; i <= LoginFailures.ADDRESS_FREE_FAILURES; i++) {
			fail(failures, "balayage-" + i, network + "::" + Integer.toHexString(i));
		}
		String username = account();
		assertThat(login(username, PASSWORD, network + ":ffff:ffff:ffff:ffff").getStatusCode())
			.as("another address of the same /64").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(login(username, PASSWORD, address()).getStatusCode()).as("from another /64").isEqualTo(HttpStatus.OK);
	}

	@Test
	void keepsTheLockWhateverTheFloodOfOtherNamesAndForgetsOnlyOldRows() {
		String username = account();
		String address = address();
		for (int i = 0; i < 5; i++) {
			login(username, "faux mot de passe", address);
		}
		String flood = "flood-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		LoginFailures otherNode = new LoginFailures(jdbc, transactions, clock);
		for (int i = 0; i < 3_000; i++) {
			fail(otherNode, flood + i, "203.0.113." + (i % 200));
		}
		assertThat(rowsLike("account:" + flood + "%")).isEqualTo(3_000);
		assertThat(login(username, PASSWORD, address).getStatusCode()).as("still locked after the flood")
			.isEqualTo(HttpStatus.UNAUTHORIZED);

		clock.advance(LoginFailures.MEMORY.plusMinutes(1));
		fail(otherNode, flood + "last", null);
		assertThat(rowsLike("account:" + flood + "%")).as("a day later, only the newest failure is remembered")
			.isEqualTo(1);
		assertThat(login(username, PASSWORD, address).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void tellsTheFormThatTheAccountIsLockedInFrench() throws Exception {
		String username = account();
		String address = address();
		for (int i = 0; i < 5; i++) {
			assertThat(formLogin(username, "faux mot de passe", address)).isEqualTo("/connexion?erreur");
		}
		assertThat(formLogin(username, PASSWORD, address)).isEqualTo("/connexion?bloque");
		assertThat(mvc.perform(get("/connexion?bloque")).andReturn().getResponse().getContentAsString())
			.contains("échecs de connexion");
		clock.advance(Duration.ofSeconds(61));
		assertThat(formLogin(username, PASSWORD, address)).isEqualTo("/espace");
	}

	/** A new account with a name no other test uses. */
	private String account() {
		String username = "throttle-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(new Api(http, "admin")
			.post("/api/accounts", Map.of("username", username, "password", PASSWORD, "role", "EXPERT"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return username;
	}

	/** A documentation address (RFC 3849) in a /64 of this test's own, as a proxy in front of Jalon would name it. */
	private static String address() {
		return "2001:db8:" + hex() + ":" + hex() + "::" + hex();
	}

	private static String hex() {
		return Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
	}

	/** One failed login for that name from that address, as another node's would be counted. */
	private static void fail(LoginFailures node, String username, String address) {
		assertThatThrownBy(() -> node.attempt(username, address, () -> {
			throw new BadCredentialsException("Bad credentials");
		})).isInstanceOf(BadCredentialsException.class);
	}

	private ResponseEntity<JsonNode> login(String username, String password, String address) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(username, password, StandardCharsets.UTF_8);
		headers.set("X-Forwarded-For", address);
		return http.exchange("/api/candidacies", HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
	}

	/** Signs in through the form from that address; where the form sends the browser next. */
	private String formLogin(String username, String password, String address) throws Exception {
		PageSession session = new PageSession(mvc);
		String form = session.perform(get("/connexion")).getContentAsString();
		return session.perform(post("/connexion").param("username", username)
			.param("password", password)
			.param("_csrf", PageSession.csrf(form))
			.with(request -> {
				request.setRemoteAddr(address);
				return request;
			})).getRedirectedUrl();
	}

	/** The subject's failures counted now, 0 without a row; a lock left in place counts as one more. */
	private int countOf(String subject) {
		return jdbc.queryForObject("select coalesce(sum(failures + case when locked_until is null then 0 else 1 end), 0) "
				+ "from login_failure where subject = ?", Integer.class, subject);
	}

	/** The rows of that account's name and that address, as stored. */
	private List<Map<String, Object>> rowsOf(String username, String address) {
		return jdbc.queryForList("select subject, failures, last_failure_at, locked_until from login_failure "
				+ "where subject in (?, ?) order by subject", "account:" + username, LoginFailures.address(address));
	}

	private int rowsLike(String pattern) {
		return jdbc.queryForObject("select count(*) from login_failure where subject like ?", Integer.class, pattern);
	}

}
