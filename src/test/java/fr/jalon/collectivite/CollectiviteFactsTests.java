package fr.jalon.collectivite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.jalon.collectivite.CollectiviteFacts.Fact;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The facts of a body at a date: the latest row on or before it; a data set writes a row only for the facts that
 * changed since the body's previous row. Codes of its own (the database may be shared).
 */
@SpringBootTest
@ActiveProfiles("test")
class CollectiviteFactsTests {

	@Autowired
	CollectiviteFacts facts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	private void record(LocalDate from, String source, List<Fact> set) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> facts.record(from, source, set));
	}

	private int rows(String code) {
		return jdbc.queryForObject("select count(*) from collectivite_fact where code = ?", Integer.class, code);
	}

	@Test
	void readsTheLatestFactsOnOrBeforeTheDateAndWritesOnlyWhatChanged() {
		String a = "T" + UUID.randomUUID().toString().substring(0, 8);
		String b = "T" + UUID.randomUUID().toString().substring(0, 8);
		LocalDate y2020 = LocalDate.of(2001, 1, 1); // dates of no official set: the database may be shared
		LocalDate y2026 = LocalDate.of(2002, 1, 1);
		record(y2020, "set 2020", List.of(new Fact(a, "Ville A", 19_398, "E1"), new Fact(b, "Ville B", 500, null)));
		record(y2026, "set 2026", List.of(new Fact(a, "Ville A", 20_244, "E2"), new Fact(b, "Ville B", 500, null)));
		// The same set again writes nothing more.
		record(y2026, "set 2026", List.of(new Fact(a, "Ville A", 20_244, "E2"), new Fact(b, "Ville B", 500, null)));

		assertThat(facts.at(a, LocalDate.of(2000, 12, 31))).isEmpty();
		CollectiviteFacts.Dated in2020 = facts.at(a, LocalDate.of(2001, 6, 1)).orElseThrow();
		assertThat(in2020.fact()).isEqualTo(new Fact(a, "Ville A", 19_398, "E1"));
		assertThat(in2020.validFrom()).isEqualTo(y2020);
		assertThat(in2020.source()).isEqualTo("set 2020");
		assertThat(facts.at(a, LocalDate.of(2001, 12, 31)).orElseThrow().fact().population()).isEqualTo(19_398);
		CollectiviteFacts.Dated now = facts.at(a, y2026).orElseThrow();
		assertThat(now.fact()).isEqualTo(new Fact(a, "Ville A", 20_244, "E2"));
		assertThat(now.validFrom()).isEqualTo(y2026);
		assertThat(rows(a)).isEqualTo(2);
		// B did not change: its 2020 row still holds in 2026.
		assertThat(rows(b)).isEqualTo(1);
		assertThat(facts.at(b, y2026).orElseThrow().validFrom()).isEqualTo(y2020);
		assertThat(facts.at(b, y2026).orElseThrow().fact().epci()).isNull();
	}

}
