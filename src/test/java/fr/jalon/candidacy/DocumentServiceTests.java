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
		assertThat(DocumentService.safeName("\u3000.htaccess")).isEqualTo("document.htaccess");
		assertThat(DocumentService.safeName("x".repeat(300))).hasSize(255);
	}

	@Test
	void endsStoredNamesWithTheExtensionOfTheDetectedType() {
		assertThat(DocumentService.storedName("img.html", "image/jpeg")).isEqualTo("img.html.jpg");
		assertThat(DocumentService.storedName("photo.JPEG", "image/jpeg")).isEqualTo("photo.JPEG");
		assertThat(DocumentService.storedName("plan.png", "application/pdf")).isEqualTo("plan.png.pdf");
		assertThat(DocumentService.storedName("charte", "application/pdf")).isEqualTo("charte.pdf");
		assertThat(DocumentService.storedName("../..", "image/png")).isEqualTo("document.png");
		assertThat(DocumentService.storedName("x".repeat(300), "application/pdf")).hasSize(255).endsWith("x.pdf");
	}

	@Test
	void hashesWithSha256() {
		assertThat(DocumentService.sha256("abc".getBytes()))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
