package fr.jalon.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CertificateCodeTests {

	@Test
	void generatesGroupedCrockfordCodes() {
		SecureRandom random = new SecureRandom();
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String code = CertificateCode.generate(random);
			assertThat(code).matches("JAL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
			codes.add(code);
		}
		assertThat(codes).as("60 random bits: no collision among ten thousand").hasSize(10_000);
	}

	@Test
	void readsCodesAsPeopleTypeThem() {
		assertThat(CertificateCode.normalize("JAL-7K2M-Q9XD-4HZT")).contains("JAL-7K2M-Q9XD-4HZT");
		assertThat(CertificateCode.normalize("jal-7k2m-q9xd-4hzt")).contains("JAL-7K2M-Q9XD-4HZT");
		assertThat(CertificateCode.normalize(" 7K2M Q9XD 4HZT ")).contains("JAL-7K2M-Q9XD-4HZT");
		assertThat(CertificateCode.normalize("7k2mq9xd4hzt")).contains("JAL-7K2M-Q9XD-4HZT");
		assertThat(CertificateCode.normalize("JAL-O1IL-0000-0000")).as("O is 0, I and L are 1")
			.contains("JAL-0111-0000-0000");
	}

	@Test
	void rejectsWhatCannotBeACode() {
		assertThat(CertificateCode.normalize(null)).isEmpty();
		assertThat(CertificateCode.normalize("")).isEmpty();
		assertThat(CertificateCode.normalize("JAL-7K2M-Q9XD")).isEmpty();
		assertThat(CertificateCode.normalize("JAL-7K2M-Q9XD-4HZTX")).isEmpty();
		assertThat(CertificateCode.normalize("JAL-7K2M-Q9XD-4HZU")).as("U is not in the alphabet").isEmpty();
		assertThat(CertificateCode.normalize("../../etc/passwd")).isEmpty();
		assertThat(CertificateCode.normalize("x".repeat(1000))).isEmpty();
	}

}
