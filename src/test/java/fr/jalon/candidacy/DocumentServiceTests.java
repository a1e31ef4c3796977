package fr.jalon.candidacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentServiceTests {

	@Test
	void keepsOnlyASafeLastSegmentOfFileNames() {
		assertThat(DocumentService.safeName("../../etc/passwd")).isEqualTo("passwd");
		assertThat(DocumentService.safeName("C:\\Users\\maire\\charte signée.pdf")).isEqualTo("charte signée.pdf");
		assertThat(DocumentService.safeName("a\u0000b<script>.pdf")).isEqualTo("a_b_script_.pdf");
		assertThat(DocumentService.safeName("..")).isEqualTo("document");
		assertThat(DocumentService.safeName(null)).isEqualTo("document");
		assertThat(DocumentService.safeName("x".repeat(300))).hasSize(255);
	}

	@Test
	void hashesWithSha256() {
		assertThat(DocumentService.sha256("abc".getBytes()))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
